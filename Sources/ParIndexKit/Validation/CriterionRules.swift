import XLSX

/// Rules matching rows to the framework's criteria: `criterion.unknown`,
/// `criterion.duplicate`, `criterion.missing`, `criterion.max-changed`,
/// `criterion.title-changed`.
///
/// - `criterion.unknown`: a row whose id (see ``ValidationContext``) is not in the
///   framework; at the STT cell (the title cell when there is no STT column).
/// - `criterion.duplicate`: the second and later rows of one criterion; the message
///   gives the row that had it first.
/// - `criterion.missing`: a criterion the submitting unit leads is absent. The unit is
///   the template identity's unit, else the single most common lead unit of the rows
///   (skipped when there is none, a tie, or the unit is not in the framework); see
///   ``Submission/unit(in:)``. Only leaf criteria count (a group row is context). No cell; the code is the framework's
///   (its id for a row without a number, `3.3-1`).
/// - `criterion.max-changed`: the table has a điểm chuẩn column and a matched row's
///   number differs from the framework's (or is empty while the framework has one, or is
///   given while the framework has none). Text is left to `score.not-a-number`.
/// - `criterion.title-changed` (warning): the titles differ after
///   ``TextNormalizer/foldKey(_:)`` — case, accents form, spacing and punctuation are not
///   changes.
/// - `row.hidden-stale` (warning): a hidden row repeating a visible row's criterion (an
///   old copy kept above the current one); the visible row is the answer, the hidden one
///   is not used and no other rule looks at it. At its STT (or title) cell.
/// - `row.explanation` (warning): a row without a code of its own and without a score
///   under a criterion (``CriterionMatch``): read as that criterion's explanation; its
///   text is kept in the account (`Kiểm tra`), not consolidated. At its first cell.
enum CriterionRules {
    static func check(_ context: ValidationContext, into list: inout FindingList) {
        let rows = context.rows
        let hasCode = context.table.columns[.code] != nil
        for (i, row) in rows.enumerated() {
            let locator: ColumnRole = hasCode ? .code : .title
            if let visible = context.staleCopyOf[i] {
                list.add(.rowHiddenStale, cell: context.cell(locator, i), code: context.code(i),
                         message: "Dòng \(row.row) bị ẩn và lặp lại \(context.label(visible)) ở dòng \(rows[visible].row): dùng dòng đang hiện (dòng \(rows[visible].row)), dòng ẩn không được dùng",
                         found: row.code.isEmpty ? row.title : row.code, expected: "xóa dòng ẩn cũ")
                continue
            }
            if let target = context.explanationOf[i] {
                let column = context.table.columns.filter { role, _ in Self.hasText(role, row) }.values.min()
                    ?? context.table.columns[locator] ?? 1
                list.add(.rowExplanation, cell: CellReference(row: row.row, column: column), code: context.code(i),
                         message: "Dòng \(row.row) không có STT và không có điểm: được coi là dòng giải trình của \(context.label(target)) (dòng \(rows[target].row)); nội dung được ghi lại ở trang Kiểm tra, không tổng hợp",
                         found: Self.excerpt(Self.text(of: row)), expected: nil)
                continue
            }
            if let first = context.duplicateOf[i] {
                list.add(.criterionDuplicate, cell: context.cell(locator, i), code: context.code(i),
                         message: "\(context.label(i).capitalizedFirst) lặp lại: đã có ở dòng \(rows[first].row)",
                         found: row.code.isEmpty ? row.title : row.code,
                         expected: "mỗi tiêu chí chỉ ghi một lần")
                continue
            }
            guard let item = context.matched[i] else {
                let what: String
                if !row.parsedCode.isUnnumbered {
                    what = "Mã \"\(row.code)\" ở dòng \(row.row)"
                } else {
                    what = "Dòng \(row.row) (\"\(Self.excerpt(row.title ?? ""))\")"
                }
                list.add(.criterionUnknown, cell: context.cell(locator, i), code: context.code(i),
                         message: "\(what) không có trong bộ tiêu chí; đề nghị kiểm tra lại mã và tên tiêu chí",
                         found: row.code.isEmpty ? row.title : row.code)
                continue
            }
            let criterion = item.criterion
            if context.table.columns[.max] != nil, let value = row.scores[.max], value.number == nil {
                // Reported by score.not-a-number.
            } else if context.table.columns[.max] != nil {
                let submitted = row.scores[.max]?.number
                let label = context.label(i)
                switch (submitted, criterion.max) {
                case let (s?, f?) where abs(s - f) > ScoreRules.tolerance:
                    list.add(.criterionMaxChanged, cell: context.cell(.max, i), code: context.code(i),
                             message: "Điểm chuẩn của \(label) đã bị sửa thành \(ScoreFormat.vietnamese(s)); điểm chuẩn theo bộ tiêu chí là \(ScoreFormat.vietnamese(f))",
                             found: ScoreFormat.vietnamese(s), expected: ScoreFormat.vietnamese(f))
                case let (nil, f?):
                    list.add(.criterionMaxChanged, cell: context.cell(.max, i), code: context.code(i),
                             message: "Điểm chuẩn của \(label) bị xóa; điểm chuẩn theo bộ tiêu chí là \(ScoreFormat.vietnamese(f))",
                             found: nil, expected: ScoreFormat.vietnamese(f))
                case let (s?, nil):
                    list.add(.criterionMaxChanged, cell: context.cell(.max, i), code: context.code(i),
                             message: "\(label.capitalizedFirst) không có điểm chuẩn trong bộ tiêu chí nhưng bảng ghi \(ScoreFormat.vietnamese(s))",
                             found: ScoreFormat.vietnamese(s), expected: nil)
                default:
                    break
                }
            }
            if context.table.columns[.title] != nil,
               row.title != criterion.title,
               TextNormalizer.foldKey(row.title ?? "") != context.foldedTitle(of: criterion) {
                list.add(.criterionTitleChanged, cell: context.cell(.title, i), code: context.code(i),
                         message: "Tên \(context.label(i)) khác với bộ tiêu chí; đề nghị giữ nguyên tên tiêu chí",
                         found: row.title, expected: criterion.title)
            }
        }
        checkMissing(context, into: &list)
    }

    /// The unit the submission comes from (``Submission/unit(in:)``).
    static func submittingUnit(_ context: ValidationContext) -> Unit? {
        context.unit
    }

    static func checkMissing(_ context: ValidationContext, into list: inout FindingList) {
        guard let unit = submittingUnit(context) else { return }
        for (index, item) in context.flat.enumerated() {
            let criterion = item.criterion
            guard criterion.children.isEmpty,
                  context.rowOfCriterion[criterion.id] == nil,
                  criterion.lead.contains(where: { context.directory.resolve($0)?.code == unit.code }) else { continue }
            let normalized = CriterionCode(parsing: criterion.code).normalized
            list.add(.criterionMissing, cell: nil, code: normalized.isEmpty ? criterion.id : criterion.code,
                     message: "Thiếu \(ValidationContext.label(criterion)) \"\(Self.excerpt(criterion.title))\" do đơn vị \(unit.name) chủ trì",
                     found: nil, expected: criterion.title, order: index)
        }
    }

    /// True when the row has text in that role's cell.
    static func hasText(_ role: ColumnRole, _ row: TableRow) -> Bool {
        switch role {
        case .code: return !row.code.isEmpty
        case .title: return row.title != nil
        case .lead: return !row.lead.isEmpty
        case .coop: return !row.coop.isEmpty
        default: return row.texts[role] != nil
        }
    }

    /// All the text of an explanation row, in column order.
    static func text(of row: TableRow) -> String {
        var parts: [String] = []
        if !row.code.isEmpty { parts.append(row.code) }
        if let title = row.title { parts.append(title) }
        for role in [ColumnRole.tasks, .evidence, .note, .deadline, .person] { if let t = row.texts[role] { parts.append(t) } }
        parts += row.lead + row.coop
        return TextNormalizer.clean(parts.joined(separator: " "))
    }

    /// The first words of a long title, for messages.
    static func excerpt(_ text: String, limit: Int = 60) -> String {
        let clean = TextNormalizer.clean(text)
        guard clean.count > limit else { return clean }
        return String(clean.prefix(limit)).trimmingWhitespace() + "…"
    }
}

fileprivate extension String {
    /// The string with its first letter in upper case (`tiêu chí 1.2` → `Tiêu chí 1.2`).
    var capitalizedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}
