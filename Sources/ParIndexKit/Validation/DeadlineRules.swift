/// Reads a deadline cell (Thời gian hoàn thành) and says whether it is a deadline.
///
/// The rule, applied to the text in NFC with white space collapsed (an empty cell is
/// left to `required.missing`):
/// 1. Date tokens are found in the text: `d/m/yyyy`, `dd/mm/yyyy`, `dd-mm-yyyy`,
///    `dd.mm.yyyy` (a date cell arrives as `dd/mm/yyyy`), day and month `25/12`, month
///    and year `6/2023`. A token naming a date that cannot exist (`31/02/2023`,
///    `15/13/2023`, `Tháng 13/2023`, a year outside 1900–2100) makes the deadline invalid,
///    wherever it stands.
/// 2. Otherwise the deadline is valid when it is a date, a year (`2023`), starts with a
///    recognised word (compared with ``TextNormalizer/foldKey(_:)``, whole words):
///    `Thường xuyên`, `Liên tục`, `Trước …`, `Chậm nhất …`, `Theo …`, `Hàng/Hằng
///    năm/quý/tháng/tuần/ngày …`, `Quý …`, `Tháng …`, `Năm …`, `Ngày …`, `Định kỳ …`,
///    `Trong …`, `Thông báo …`, `Từ …`, `Đến …`, `Sau …`, `Khi …`, `Kết thúc …`,
///    `Cả năm`, `6 tháng …`, `Đầu/Cuối/Giữa …` — or contains a valid date token
///    (`Hoàn thành 15/11/2023`).
/// 3. Anything else (`abc`, `??`, `sớm`) is not a deadline.
public enum DeadlineText {
    /// Recognised first words, folded.
    static let phrases: [String] = [
        "thuong xuyen", "lien tuc", "truoc", "cham nhat", "theo", "hang", "quy", "thang", "nam",
        "ngay", "dinh ky", "trong", "thong bao", "tu", "den", "sau", "khi", "ket thuc", "ca nam",
        "6 thang", "dau", "cuoi", "giua",
    ]

    /// Why `text` is not a deadline, in Vietnamese; nil when it is one (or is empty).
    public static func problem(in text: String) -> String? {
        let clean = TextNormalizer.clean(text)
        guard !clean.isEmpty else { return nil }
        let tokens = dateTokens(in: clean)
        if let bad = tokens.first(where: { !$0.isValid }) {
            return "ngày \"\(bad.text)\" không có thật"
        }
        if tokens.count == 1, tokens[0].isFullDate, tokens[0].text == clean { return nil }
        if clean.count == 4, let year = Int(clean), (1900...2100).contains(year) { return nil }
        let key = TextNormalizer.foldKey(clean)
        if phrases.contains(where: { key == $0 || key.hasPrefix($0 + " ") }) { return nil }
        if !tokens.isEmpty { return nil }
        return "không phải là ngày (ngày/tháng/năm) hay thời hạn quen dùng (Thường xuyên, Trước ngày …, Hàng năm …, Quý …)"
    }

    /// A run of digits and separators that looks like a date.
    struct DateToken {
        var text: String
        var day: Int?
        var month: Int
        var year: Int?
        var isFullDate: Bool { day != nil && year != nil }

        var isValid: Bool {
            guard (1...12).contains(month) else { return false }
            if let year, !(1900...2100).contains(year) { return false }
            guard let day else { return true }
            let days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
            if month == 2, let year, day == 29 {
                return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            }
            return (1...days).contains(day)
        }
    }

    /// The date-like tokens of `text`: maximal runs of ASCII digits and `/`, `-`, `.`
    /// that start and end with a digit, and have the shape `d/m/yyyy` (any one of the
    /// three separators, used twice), `d/m` or `m/yyyy` (slash only). Other runs
    /// (`1.2`, `2-3`, `15/11/23`) are not dates and are ignored.
    static func dateTokens(in text: String) -> [DateToken] {
        var tokens: [DateToken] = []
        var run = ""
        func flush() {
            while let last = run.last, !last.isNumber { run.removeLast() }
            defer { run = "" }
            guard !run.isEmpty else { return }
            for separator in ["/", "-", "."] where run.contains(separator) {
                let parts = run.split(separator: Character(separator), omittingEmptySubsequences: false).map(String.init)
                guard parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }),
                      parts.count == run.filter({ "/-.".contains($0) }).count + 1 else { return }
                let numbers = parts.map { Int($0)! }
                if parts.count == 3, parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 4 {
                    tokens.append(DateToken(text: run, day: numbers[0], month: numbers[1], year: numbers[2]))
                } else if separator == "/", parts.count == 2, parts[0].count <= 2 {
                    if parts[1].count <= 2 {
                        tokens.append(DateToken(text: run, day: numbers[0], month: numbers[1], year: nil))
                    } else if parts[1].count == 4 {
                        tokens.append(DateToken(text: run, day: nil, month: numbers[0], year: numbers[1]))
                    }
                }
                return
            }
        }
        for character in text {
            if character.isASCII, character.isNumber || "/-.".contains(character) {
                if run.isEmpty, !character.isNumber { continue }
                run.append(character)
            } else {
                flush()
            }
        }
        flush()
        return tokens
    }
}

/// The rule `deadline.invalid`: a deadline cell that ``DeadlineText`` does not accept,
/// at the deadline cell. Only the row's own cell is checked.
enum DeadlineRules {
    static func check(_ context: ValidationContext, into list: inout FindingList) {
        for (i, row) in context.rows.enumerated() where context.staleCopyOf[i] == nil {
            guard row.mergedFrom[.deadline] == nil, let text = row.texts[.deadline], let problem = DeadlineText.problem(in: text) else { continue }
            let clean = TextNormalizer.clean(text)
            list.add(.deadlineInvalid, cell: context.cell(.deadline, i), code: context.code(i),
                     message: "Thời gian hoàn thành \"\(clean)\" của \(context.label(i)): \(problem)",
                     found: clean, expected: "ngày dd/mm/yyyy, hoặc Thường xuyên, Trước ngày …, Hàng năm …")
        }
    }
}
