/// The framework criterion each row of a submission's table stands for. One matching,
/// used by validation and consolidation alike.
///
/// Rows are matched by id, computed by ``CriterionIDs`` exactly as ``FrameworkImporter``
/// names the framework's criteria, so a framework imported from a table with repeated
/// codes still matches that table; a repeat the framework does not have is a duplicate of
/// the first row with that code. When the table has no STT column, rows are matched by
/// title (``TextNormalizer/foldKey(_:)``) instead.
///
/// Two kinds of rows are set aside first, and take no id (no bullet number):
/// - a hidden row that is a stale copy of a visible row (same code; for a bullet row, same
///   parent and same title): the visible row is the unit's answer (``staleCopyOf``);
/// - a row without a code of its own (empty or a bullet) and without any score, under a
///   row already matched, whose id is not in the framework (or is the id of a later row
///   with that criterion's title): an explanation or continuation the unit inserted under
///   that criterion (``explanationOf``).
struct CriterionMatch {
    /// The criterion each row stands for; nil for unknown, duplicate, stale and
    /// explanation rows.
    let matched: [FlatCriterion?]
    /// For a duplicate row, the index of the row that had the criterion first.
    let duplicateOf: [Int: Int]
    /// For an explanation row, the index of the matched row it explains.
    let explanationOf: [Int: Int]
    /// For a hidden stale copy, the index of the visible row that replaces it.
    let staleCopyOf: [Int: Int]

    /// `byID` maps criterion ids to the framework's criteria; `flat` is every criterion,
    /// depth first.
    init(table: RecognizedTable, byID: [String: FlatCriterion], flat: [FlatCriterion]) {
        let rows = table.rows
        var matched: [FlatCriterion?] = Array(repeating: nil, count: rows.count)
        var duplicateOf: [Int: Int] = [:]
        var explanationOf: [Int: Int] = [:]
        let staleCopyOf = Self.staleCopies(rows)
        /// The nearest matched row above `i` (explanations explain the same row).
        var lastMatched: Int?
        func isExplanation(_ row: TableRow) -> Bool {
            row.parsedCode.isUnnumbered && row.scores.isEmpty
        }
        if table.columns[.code] != nil {
            // The ids the importer gives these rows (one identity); a repeat that the
            // framework does not have is a duplicate of the first row with its base id.
            var ids = CriterionIDs.Generator()
            var firstRowOfBase: [String: Int] = [:]
            for (i, row) in rows.enumerated() {
                if staleCopyOf[i] != nil { ids.skip(); continue }
                if isExplanation(row), let target = lastMatched {
                    let next = ids.peek(row)
                    if next.occurrence == 1,
                       byID[next.id] == nil || Self.isInsertedAbove(i, rows, criterion: byID[next.id]!.criterion) {
                        explanationOf[i] = target
                        ids.skip()
                        continue
                    }
                }
                let identity = ids.take(row)
                if identity.occurrence == 1 { firstRowOfBase[identity.base] = i }
                if let criterion = byID[identity.id] {
                    matched[i] = criterion
                    lastMatched = i
                } else if identity.occurrence > 1, byID[identity.base] != nil, let first = firstRowOfBase[identity.base] {
                    duplicateOf[i] = first
                }
            }
        } else {
            // No STT column: match by title, each criterion once.
            var byTitle: [String: [FlatCriterion]] = [:]
            for item in flat { byTitle[TextNormalizer.foldKey(item.criterion.title), default: []].append(item) }
            var rowOfID: [String: Int] = [:]
            for (i, row) in rows.enumerated() {
                if staleCopyOf[i] != nil { continue }
                let key = TextNormalizer.foldKey(row.title ?? "")
                guard !key.isEmpty, let candidates = byTitle[key] else {
                    if isExplanation(row), let target = lastMatched { explanationOf[i] = target }
                    continue
                }
                if let free = candidates.first(where: { rowOfID[$0.criterion.id] == nil }) {
                    matched[i] = free
                    rowOfID[free.criterion.id] = i
                    lastMatched = i
                } else if let first = rowOfID[candidates[0].criterion.id] {
                    duplicateOf[i] = first
                }
            }
        }
        self.matched = matched
        self.duplicateOf = duplicateOf
        self.explanationOf = explanationOf
        self.staleCopyOf = staleCopyOf
    }

    /// True when bullet row `i` is not the framework's `criterion` (its title differs) but
    /// a later bullet row under the same parent is: a row inserted above it.
    static func isInsertedAbove(_ i: Int, _ rows: [TableRow], criterion: Criterion) -> Bool {
        let wanted = TextNormalizer.foldKey(criterion.title)
        guard TextNormalizer.foldKey(rows[i].title ?? "") != wanted else { return false }
        for j in (i + 1)..<rows.count where rows[j].parent == rows[i].parent && rows[j].parsedCode.isUnnumbered {
            if TextNormalizer.foldKey(rows[j].title ?? "") == wanted { return true }
        }
        return false
    }

    /// Hidden rows repeating a visible row: the same code, or for rows without a code of
    /// their own the same parent row and the same title.
    static func staleCopies(_ rows: [TableRow]) -> [Int: Int] {
        guard rows.contains(where: \.hidden) else { return [:] }
        var visibleByCode: [String: Int] = [:]
        var visibleByTitle: [String: Int] = [:]
        for (i, row) in rows.enumerated() where !row.hidden {
            let code = row.parsedCode.normalized
            if !code.isEmpty {
                if visibleByCode[code] == nil { visibleByCode[code] = i }
            } else if let title = row.title {
                let key = "\(row.parent ?? -1)|\(TextNormalizer.foldKey(title))"
                if visibleByTitle[key] == nil { visibleByTitle[key] = i }
            }
        }
        var stale: [Int: Int] = [:]
        for (i, row) in rows.enumerated() where row.hidden {
            let code = row.parsedCode.normalized
            if !code.isEmpty {
                if let j = visibleByCode[code] { stale[i] = j }
            } else if let title = row.title {
                // The parent of a stale bullet row may itself be a stale copy.
                var parent = row.parent ?? -1
                if parent >= 0, let visibleParent = stale[parent] { parent = visibleParent }
                if let j = visibleByTitle["\(parent)|\(TextNormalizer.foldKey(title))"] { stale[i] = j }
            }
        }
        return stale
    }
}
