import Foundation
import ParIndexKit

/// How dates, sizes and scores are written on the pages (Vietnamese conventions).
enum Formatting {
    static func dateTime(_ date: Date) -> String { string(date, "dd/MM/yyyy HH:mm") }
    static func date(_ date: Date) -> String { string(date, "dd/MM/yyyy") }
    /// `yyyy-MM-dd`, the value of an `<input type=date>`.
    static func isoDay(_ date: Date) -> String { string(date, "yyyy-MM-dd") }
    /// Sortable key for tables.
    static func sortKey(_ date: Date) -> String { string(date, "yyyyMMddHHmmss") }

    /// The end of the day given as `yyyy-MM-dd` (local time), or nil.
    static func parseDay(_ text: String) -> Date? {
        let f = formatter("yyyy-MM-dd")
        guard let day = f.date(from: text.trimmingCharacters(in: .whitespaces)) else { return nil }
        return day.addingTimeInterval(86_399)
    }

    static func size(_ bytes: Int) -> String {
        if bytes >= 1 << 20 { return ScoreFormat.vietnamese((Double(bytes) / 1_048_576 * 10).rounded() / 10) + " MiB" }
        if bytes >= 1 << 10 { return "\(bytes >> 10) KiB" }
        return "\(bytes) byte"
    }

    static func score(_ x: Double) -> String { ScoreFormat.vietnamese((x * 1000).rounded() / 1000) }

    private static func string(_ date: Date, _ format: String) -> String { formatter(format).string(from: date) }

    private static func formatter(_ format: String) -> DateFormatter {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = .current
        f.dateFormat = format
        return f
    }
}
