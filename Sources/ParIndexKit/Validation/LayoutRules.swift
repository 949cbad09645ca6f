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
///   tasks, units and person for their children in real files (seeds 000 and 002). A
///   cell covered by a merged range starting above counts as filled (`cell.merged`).
///   Rows of criteria the submitting unit does not lead (a unit that copied the whole
///   appendix) are checked only when they carry a value to fill; then a missing cell is a
///   warning: the row is information, the lead unit's return decides. Needs a layout.
/// - `cell.merged` (information): a merged range over several data rows (`E17:E18`); its value
///   counts for every row it covers, for required cells and in consolidation (a text is
///   each row's text too; a number is counted once). At the range's first cell.
/// - `text.legacy-encoding` (warning): cells typed in TCVN3 or VNI
///   (``LegacyTextDetector``), converted to Unicode before anything else read them; one
///   finding per encoding at its first cell, naming the encoding and the cells.
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
        for use in context.table.legacyText where !use.cells.isEmpty {
            let shown = use.cells.prefix(10).map(\.a1).joined(separator: ", ")
            let more = use.cells.count > 10 ? " và \(use.cells.count - 10) ô khác" : ""
            list.add(.textLegacyEncoding, cell: use.cells[0], code: nil,
                     message: "\(use.cells.count) ô gõ bằng bảng mã \(use.encoding.displayName) (\(shown)\(more)) đã được chuyển sang Unicode; đề nghị gõ bằng Unicode (phông Times New Roman)",
                     found: use.encoding.rawValue, expected: "Unicode")
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

        for merged in table.mergedCells {
            let labels = merged.rows.map { context.label($0) }
            list.add(.cellMerged, cell: merged.range.first, code: context.code(merged.rows[0]),
                     message: "Ô \(merged.range.a1) được gộp qua \(merged.rows.count) dòng: nội dung của ô \(merged.range.first.a1) được tính cho \(labels.joined(separator: ", "))",
                     found: merged.range.a1, expected: nil)
        }
        let required = layout.columns.filter { $0.required && table.columns[$0.role] != nil }
        guard !required.isEmpty else { return }
        let scoredByMax = layout.column(.max) != nil
        for (i, item) in context.matched.enumerated() {
            guard let criterion = item?.criterion else { continue }
            let carriesScores = criterion.children.isEmpty && (!scoredByMax || criterion.max != nil)
            guard carriesScores else { continue }
            let own = context.isOwnRow(i)
            guard own || context.carriesData(i) else { continue }
            for column in required {
                let filled = column.role.isScore
                    ? context.rows[i].scores[column.role] != nil || context.rows[i].mergedFrom[column.role] != nil
                    : context.inheritedText(column.role, i) != nil || context.rows[i].mergedFrom[column.role] != nil
                guard !filled else { continue }
                let header = context.header(column.role)
                let note = own ? "" : " (tiêu chí không do đơn vị chủ trì: dòng chỉ để tham khảo)"
                list.add(.requiredMissing, cell: context.cell(column.role, i), code: context.code(i),
                         message: "Chưa điền \"\(header)\" cho \(context.label(i))\(note)",
                         found: nil,
                         expected: column.role.isScore ? ValidationContext.expectedRange(criterion.max) : header,
                         severity: own ? nil : .warning)
            }
        }
    }
}
