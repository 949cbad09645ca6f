/// The framework criterion each row of a submission's table stands for. One matching,
/// used by validation and consolidation alike.
///
/// Rows are matched by id, computed exactly as ``FrameworkImporter`` computes the
/// framework's ids: the normalized code (`1.`, `1` → `1`); a row whose code is a bullet or
/// empty gets `<parent id>-<n>`, `n` counting such rows under the same parent row in order
/// (`0-<n>` without a parent); a repeated id gets `#2`, `#3`… so a framework imported from
/// a table with a repeated code still matches that table. When the table has no STT
/// column, rows are matched by title (``TextNormalizer/foldKey(_:)``) instead.
struct CriterionMatch {
    /// The criterion each row stands for; nil for unknown and duplicate rows.
    let matched: [FlatCriterion?]
    /// For a duplicate row, the index of the row that had the criterion first.
    let duplicateOf: [Int: Int]

    /// `byID` maps criterion ids to the framework's criteria; `flat` is every criterion,
    /// depth first.
    init(table: RecognizedTable, byID: [String: FlatCriterion], flat: [FlatCriterion]) {
        let rows = table.rows
        var matched: [FlatCriterion?] = Array(repeating: nil, count: rows.count)
        var duplicateOf: [Int: Int] = [:]
        if table.columns[.code] != nil {
            var ids: [String] = []
            var bases: [String] = []
            var firstRowOfBase: [String: Int] = [:]
            var used: [String: Int] = [:]
            var bulletCount: [Int: Int] = [:]
            for (i, row) in rows.enumerated() {
                var base = row.parsedCode.normalized
                if base.isEmpty {
                    let n = (bulletCount[row.parent ?? -1] ?? 0) + 1
                    bulletCount[row.parent ?? -1] = n
                    let parentID = row.parent.map { ids[$0] } ?? "0"
                    base = "\(parentID)-\(n)"
                    // Under a repeated parent row, count as under the parent it repeats.
                    if byID[base] == nil, let p = row.parent, duplicateOf[p] != nil {
                        base = "\(bases[p])-\(n)"
                    }
                }
                var id = base
                if let seen = used[base] {
                    used[base] = seen + 1
                    id = "\(base)#\(seen + 1)"
                } else {
                    used[base] = 1
                    firstRowOfBase[base] = i
                }
                ids.append(id)
                bases.append(base)
                if let criterion = byID[id] {
                    matched[i] = criterion
                } else if id != base, byID[base] != nil, let first = firstRowOfBase[base] {
                    duplicateOf[i] = first
                }
            }
        } else {
            // No STT column: match by title, each criterion once.
            var byTitle: [String: [FlatCriterion]] = [:]
            for item in flat { byTitle[TextNormalizer.foldKey(item.criterion.title), default: []].append(item) }
            var rowOfID: [String: Int] = [:]
            for (i, row) in rows.enumerated() {
                let key = TextNormalizer.foldKey(row.title ?? "")
                guard !key.isEmpty, let candidates = byTitle[key] else { continue }
                if let free = candidates.first(where: { rowOfID[$0.criterion.id] == nil }) {
                    matched[i] = free
                    rowOfID[free.criterion.id] = i
                } else if let first = rowOfID[candidates[0].criterion.id] {
                    duplicateOf[i] = first
                }
            }
        }
        self.matched = matched
        self.duplicateOf = duplicateOf
    }
}
