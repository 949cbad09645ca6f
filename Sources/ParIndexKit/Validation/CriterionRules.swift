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
enum CriterionRules {
    static func check(_ context: ValidationContext, into list: inout FindingList) {
        let rows = context.rows
        let hasCode = context.table.columns[.code] != nil
        for (i, row) in rows.enumerated() {
            let locator: ColumnRole = hasCode ? .code : .title
            if let first = context.duplicateOf[i] {
                list.add(.criterionDuplicate, cell: context.cell(locator, i), code: context.code(i),
                         message: "\(context.label(i).capitalizedFirst) lặp lại: đã có ở dòng \(rows[first].row)",
                         found: row.code.isEmpty ? row.title : row.code,
                         expected: "mỗi tiêu chí chỉ ghi một lần")
                continue
            }
            guard let item = context.matched[i] else {
                let what: String
                if !row.parsedCode.normalized.isEmpty {
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
        context.submission.unit(in: context.directory)
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
