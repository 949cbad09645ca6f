import XLSX

/// Rules on the table's shape and origin: `layout.column-missing`, `required.missing`,
/// `template.other-framework`.
///
/// - `layout.column-missing`: a layout column that is required, or the STT or title
///   column, absent from the table; one finding per column, at the header row's first
///   cell. Needs a layout.
/// - `required.missing`: an empty cell in a required layout column present in the table,
///   on the rows that carry scores: the matched leaf criteria (group rows hold the sums of
///   their children and are locked in templates), and with a điểm chuẩn column in the
///   layout only those that have a điểm chuẩn in the framework. A text column (tasks, deadline, person,
///   evidence, units) counts as filled when an ancestor row fills it: group rows carry
///   tasks, units and person for their children in real files (seeds 000 and 002). Needs
///   a layout.
/// - `template.other-framework`: the template identity's framework hash differs from
///   ``FrameworkStore/versionHash(_:)`` of the framework validated against. No cell.
enum LayoutRules {
    static func check(_ context: ValidationContext, into list: inout FindingList) {
        if let identity = context.submission.identity {
            let hash = context.frameworkHash
            if identity.frameworkHash != hash {
                list.add(.templateOtherFramework, cell: nil, code: nil,
                         message: "Tệp được lập từ mẫu của một phiên bản bộ tiêu chí khác (\(identity.frameworkTitle.isEmpty ? identity.frameworkHash : identity.frameworkTitle)); đề nghị dùng mẫu mới nhất",
                         found: identity.frameworkHash, expected: hash, order: -1)
            }
        }
        guard let layout = context.layout else { return }
        let table = context.table
        let firstColumn = table.columns.values.min() ?? 1
        for column in layout.columns where column.required || column.role == .code || column.role == .title {
            guard table.columns[column.role] == nil else { continue }
            let header = column.headerText(year: table.year ?? context.framework.metadata.year)
            list.add(.layoutColumnMissing, cell: CellReference(row: table.headerRow, column: firstColumn), code: nil,
                     message: "Bảng thiếu cột \"\(header)\"\(column.required ? " (bắt buộc điền)" : ""); đề nghị dùng đúng mẫu",
                     found: nil, expected: header)
        }

        let required = layout.columns.filter { $0.required && table.columns[$0.role] != nil }
        guard !required.isEmpty else { return }
        let scoredByMax = layout.column(.max) != nil
        for (i, item) in context.matched.enumerated() {
            guard let criterion = item?.criterion else { continue }
            let carriesScores = criterion.children.isEmpty && (!scoredByMax || criterion.max != nil)
            guard carriesScores else { continue }
            for column in required {
                let filled = column.role.isScore
                    ? context.rows[i].scores[column.role] != nil
                    : context.inheritedText(column.role, i) != nil
                guard !filled else { continue }
                let header = context.header(column.role)
                list.add(.requiredMissing, cell: context.cell(column.role, i), code: context.code(i),
                         message: "Chưa điền \"\(header)\" cho \(context.label(i))",
                         found: nil,
                         expected: column.role.isScore ? ValidationContext.expectedRange(criterion.max) : header)
            }
        }
    }
}
