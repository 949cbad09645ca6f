import Foundation

/// Numbers written the Vietnamese way in validation messages: a decimal comma, no
/// thousands grouping (scores are small numbers, and `1.250` would read ambiguously),
/// at most four decimals, trailing zeros dropped: `0,25`, `1`, `24,607`, `-0,5`.
public enum ScoreFormat {
    /// `value` with a decimal comma.
    public static func vietnamese(_ value: Double) -> String {
        guard value.isFinite else { return String(value) }
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        if text == "-0" { text = "0" }
        return text.replacingOccurrences(of: ".", with: ",")
    }
}
