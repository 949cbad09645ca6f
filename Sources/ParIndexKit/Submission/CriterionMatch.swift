/// The framework criterion each row of a submission's table stands for. One matching,
/// used by validation and consolidation alike.
///
/// Rows are matched by id, computed by ``CriterionIDs`` exactly as ``FrameworkImporter``
/// names the framework's criteria, so a framework imported from a table with repeated
/// codes still matches that table; a repeat the framework does not have is a duplicate of
/// the first row with that code. When the table has no STT column, rows are matched by
/// title (``TextNormalizer/foldKey(_:)``) instead.
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
            // The ids the importer gives these rows (one identity); a repeat that the
            // framework does not have is a duplicate of the first row with its base id.
            var firstRowOfBase: [String: Int] = [:]
            for (i, identity) in CriterionIDs.identities(for: rows).enumerated() {
                if identity.occurrence == 1 { firstRowOfBase[identity.base] = i }
                if let criterion = byID[identity.id] {
                    matched[i] = criterion
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
