import XLSX

/// The rule `sum.exceeds-parent`: the points of a group add up.
///
/// For each group criterion with a điểm chuẩn (the submitted one when the row gives a
/// number, else the framework's) whose row or one of whose children's rows is in the
/// submission:
/// - the children's điểm chuẩn must add up to the group's (tolerance 1e-9). A child's
///   điểm chuẩn is its submitted number, else the framework's, else (a sub-group without
///   one) the sum of its own children's; children with none at all are left out, and the
///   check is skipped when no child has one;
/// - for self, target and appraised: the children's submitted scores (a child without a
///   score of its own counts its children's) must not add up to more than the group's
///   điểm chuẩn.
/// The cell is the group row's điểm chuẩn cell (for scores, its cell of that score when
/// the table has the column); no cell when the group row is not in the submission.
enum SumRules {
    static func check(_ context: ValidationContext, into list: inout FindingList) {
        for (index, item) in context.flat.enumerated() {
            let group = item.criterion
            guard group.isGroup else { continue }
            let parentRow = context.rowOfCriterion[group.id]
            guard parentRow != nil || group.children.contains(where: { context.rowOfCriterion[$0.id] != nil }) else { continue }
            guard let parentMax = maxOf(group, context, recurse: false) else { continue }
            let label = ValidationContext.label(group)
            let code = parentRow.flatMap { context.code($0) } ?? group.code
            let order = parentRow == nil ? index : nil

            let childMaxes = group.children.compactMap { maxOf($0, context, recurse: true) }
            if !childMaxes.isEmpty {
                let sum = childMaxes.reduce(0, +)
                if abs(sum - parentMax) > ScoreRules.tolerance {
                    list.add(.sumExceedsParent, cell: parentRow.flatMap { context.cell(.max, $0) }, code: code,
                             message: "Tổng điểm chuẩn các tiêu chí con của \(label) là \(ScoreFormat.vietnamese(sum)), khác điểm chuẩn \(ScoreFormat.vietnamese(parentMax)) của \(label)",
                             found: ScoreFormat.vietnamese(sum), expected: ScoreFormat.vietnamese(parentMax), order: order)
                }
            }
            for role in [ColumnRole.selfScore, .target, .appraised] {
                let scores = group.children.compactMap { score(role, of: $0, context) }
                guard !scores.isEmpty else { continue }
                let sum = scores.reduce(0, +)
                guard sum > parentMax + ScoreRules.tolerance else { continue }
                let cell: CellReference? = parentRow.flatMap { context.cell(role, $0) ?? context.cell(.max, $0) }
                list.add(.sumExceedsParent, cell: cell, code: code,
                         message: "Tổng \(role.scoreName.lowercased()) các tiêu chí con của \(label) là \(ScoreFormat.vietnamese(sum)), vượt điểm chuẩn \(ScoreFormat.vietnamese(parentMax)) của \(label)",
                         found: ScoreFormat.vietnamese(sum), expected: "không quá \(ScoreFormat.vietnamese(parentMax))", order: order)
            }
        }
    }

    /// The submitted điểm chuẩn of a criterion, else the framework's; with `recurse`, a
    /// criterion with neither counts the sum of its children's.
    static func maxOf(_ criterion: Criterion, _ context: ValidationContext, recurse: Bool) -> Double? {
        if let row = context.rowOfCriterion[criterion.id], let n = context.rows[row].scores[.max]?.number { return n }
        if let max = criterion.max { return max }
        guard recurse else { return nil }
        let parts = criterion.children.compactMap { maxOf($0, context, recurse: true) }
        return parts.isEmpty ? nil : parts.reduce(0, +)
    }

    /// The submitted score of a criterion, else the sum of its children's; nil when none.
    static func score(_ role: ColumnRole, of criterion: Criterion, _ context: ValidationContext) -> Double? {
        if let row = context.rowOfCriterion[criterion.id], let n = context.rows[row].scores[role]?.number { return n }
        let parts = criterion.children.compactMap { score(role, of: $0, context) }
        return parts.isEmpty ? nil : parts.reduce(0, +)
    }
}
