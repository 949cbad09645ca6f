import ParIndexKit

/// The terminal rendering of a validation report (`validate`, `campaign add`).
enum ValidationText {
    /// Skipped files, then each read file with its findings, then the totals line.
    static func write(_ report: ValidationReport, to out: OutputBuffer) {
        for entry in report.files where entry.status == .skipped {
            out.write("\(entry.file): \(entry.reason ?? "bỏ qua")\n")
        }
        for entry in report.files where entry.status == .valid || entry.status == .invalid {
            out.write("\(entry.file): \(entry.status.label) — \(entry.errors) lỗi, \(entry.warnings) cảnh báo\n")
            for f in entry.findings { out.write(line(f) + "\n") }
        }
        let s = report.summary
        out.write("Tổng: \(s.files) tệp; \(s.valid) hợp lệ; \(s.invalid) có lỗi; \(s.unreadable) không đọc được; \(s.skipped) bỏ qua; \(s.errors) lỗi, \(s.warnings) cảnh báo.\n")
    }

    /// `  Lỗi       score.exceeds-max  Biểu mẫu!F9  [1.2]  message`
    static func line(_ f: Finding) -> String {
        let place = [f.sheet, f.cell?.a1].compactMap { $0 }.joined(separator: "!")
        var line = "  \(f.severity.label.padding(toLength: 9, withPad: " ", startingAt: 0)) \(f.rule.rawValue)"
        if !place.isEmpty { line += "  \(place)" }
        if let code = f.code { line += "  [\(code)]" }
        line += "  \(f.message)"
        return line
    }
}
