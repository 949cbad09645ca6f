/// Rules on the score cells of each row: `score.not-a-number`, `score.negative`,
/// `score.exceeds-max`, `score.ambiguous`, `target.below-prev`.
///
/// - `score.not-a-number`: a score cell (max, prev, target, self, appraised) holding text
///   that the number parser does not read (`khoảng 1`, `10%`, `#N/A`). Expected: `một số
///   từ 0 đến <điểm chuẩn>` (`một số không âm` when unknown; the điểm chuẩn itself for the
///   điểm chuẩn column).
///   A mark that the criterion does not apply (`Không áp dụng`, `KAD`, `N/A`) is accepted
///   in every score column but the điểm chuẩn.
/// - `score.negative`: a score below 0, in any score column.
/// - `score.exceeds-max`: prev, target, self or appraised above the FRAMEWORK's điểm
///   chuẩn of the row's criterion (tolerance 1e-9); rows matched to no criterion, or to
///   one without điểm chuẩn, are not checked.
/// - `score.ambiguous`: text such as `1.250`, read as 1,25 but maybe meant as 1250.
/// - `target.below-prev`: the target is below last year's score (warning).
enum ScoreRules {
    static let roles: [ColumnRole] = ColumnRole.scoreRoles
    static let tolerance = 1e-9

    static func check(_ context: ValidationContext, into list: inout FindingList) {
        for (i, row) in context.rows.enumerated() where context.staleCopyOf[i] == nil {
            let frameworkMax = context.matched[i]?.criterion.max
            for role in roles {
                guard let value = row.scores[role] else { continue }
                // The điểm chuẩn column itself should hold the framework's number. Only
                // formatted when a finding needs it (most scores are fine).
                var expected: String {
                    let range = ValidationContext.expectedRange(frameworkMax)
                    return role == .max ? frameworkMax.map(ScoreFormat.vietnamese) ?? range : range
                }
                let cell = context.cell(role, i)
                let name = role.scoreName
                switch value {
                case .text(let text):
                    list.add(.scoreNotANumber, cell: cell, code: context.code(i),
                             message: "\(name) \"\(text)\" của \(context.label(i)) không phải là số; đề nghị ghi \(expected)",
                             found: text, expected: expected)
                case .ambiguous(let number, let original):
                    let integer = original.replacingOccurrences(of: ".", with: "")
                    list.add(.scoreAmbiguous, cell: cell, code: context.code(i),
                             message: "\(name) \"\(original)\" của \(context.label(i)) có thể hiểu là \(ScoreFormat.vietnamese(number)) hoặc \(integer); đã đọc là \(ScoreFormat.vietnamese(number)), đề nghị ghi rõ với dấu phẩy thập phân",
                             found: original, expected: ScoreFormat.vietnamese(number))
                case .notApplicable(let text):
                    // A unit may say a criterion does not apply to it; the điểm chuẩn
                    // column must hold the framework's number.
                    if role == .max {
                        list.add(.scoreNotANumber, cell: cell, code: context.code(i),
                                 message: "\(name) \"\(text)\" của \(context.label(i)) không phải là số; đề nghị ghi \(expected)",
                                 found: text, expected: expected)
                    }
                case .number:
                    break
                }
                guard let number = value.number else { continue }
                if number < 0 {
                    list.add(.scoreNegative, cell: cell, code: context.code(i),
                             message: "\(name) \(ScoreFormat.vietnamese(number)) của \(context.label(i)) là số âm; điểm không được nhỏ hơn 0",
                             found: ScoreFormat.vietnamese(number), expected: expected)
                } else if role != .max, let max = frameworkMax, number > max + tolerance {
                    list.add(.scoreExceedsMax, cell: cell, code: context.code(i),
                             message: "\(name) \(ScoreFormat.vietnamese(number)) vượt điểm chuẩn \(ScoreFormat.vietnamese(max)) của \(context.label(i))",
                             found: ScoreFormat.vietnamese(number), expected: expected)
                }
            }
            if let target = row.scores[.target]?.number, let prev = row.scores[.prev]?.number,
               target < prev - tolerance {
                list.add(.targetBelowPrev, cell: context.cell(.target, i), code: context.code(i),
                         message: "Mục tiêu \(ScoreFormat.vietnamese(target)) của \(context.label(i)) thấp hơn điểm đạt năm trước \(ScoreFormat.vietnamese(prev))",
                         found: ScoreFormat.vietnamese(target), expected: "từ \(ScoreFormat.vietnamese(prev)) trở lên")
            }
        }
    }
}
