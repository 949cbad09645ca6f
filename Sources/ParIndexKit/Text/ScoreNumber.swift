import Foundation

/// A number read from cell text by `ScoreNumber.parse`.
public struct ParsedNumber: Hashable, Sendable {
    /// The numeric value.
    public let value: Double
    /// True when the text is `d.ddd` / `dd.ddd` / `ddd.ddd`: a single dot followed by
    /// exactly three digits, which could also be a thousands separator. The value is
    /// read as a decimal (`1.250` → 1.25); the rule `score.ambiguous` warns about it.
    public let isAmbiguous: Bool
    /// The text as given.
    public let original: String

    public init(value: Double, isAmbiguous: Bool = false, original: String) {
        self.value = value
        self.isAmbiguous = isAmbiguous
        self.original = original
    }
}

/// The one parser for scores written as text (Vietnamese decimal comma, dot grouping).
///
/// Grammar (after trimming white space, NBSP included; at most 64 characters):
/// ```
/// number := sign? body
/// sign   := "-" | "−" (U+2212) | "–" (U+2013) | "+"      (spaces may follow the sign)
/// body   := digits, with separators "," "." or a space between digit runs
/// ```
/// Separators never touch each other, and the body must end with a digit
/// (`.5` and `,5` are accepted, `1.` is not). Interpretation:
/// - no separator: an integer (`1`, `2`);
/// - both `,` and `.`: the last one is the decimal mark and must occur once; the other
///   groups thousands (`1.250,5` → 1250.5, `1,250.5` → 1250.5);
/// - a single `,` only: decimal comma (`0,25`, `3,75`, `24,607` → 24.607, never 24607:
///   scores are small numbers);
/// - a single `.` only: decimal dot (`0.5`); `1.250` → 1.25 flagged `isAmbiguous`;
/// - the same mark repeated (`1.250.000`, `1,250,000`) or spaces (`1 250`): grouping;
/// - grouping must be valid: a first group of 1–3 digits, then groups of exactly 3,
///   all with the same separator.
///
/// Anything else is not a number and gives nil: empty text, a lone `-`, percentages
/// (`10%`), words (`Thường xuyên`), dates, exponents.
public enum ScoreNumber {
    /// Parses `text` by the grammar above; nil when it is not a number.
    public static func parse(_ text: String) -> ParsedNumber? {
        var scalars = Array(text.unicodeScalars)
        guard !scalars.isEmpty, scalars.count <= 256 else { return nil }
        // Trim white space and invisible characters at both ends.
        while let last = scalars.last, TextNormalizer.isSpace(last) || TextNormalizer.isInvisible(last) {
            scalars.removeLast()
        }
        var start = 0
        while start < scalars.count,
              TextNormalizer.isSpace(scalars[start]) || TextNormalizer.isInvisible(scalars[start]) {
            start += 1
        }
        guard start < scalars.count, scalars.count - start <= 64 else { return nil }

        var negative = false
        switch scalars[start] {
        case "-", "\u{2212}", "\u{2013}": negative = true; start += 1
        case "+": start += 1
        default: break
        }
        while start < scalars.count, TextNormalizer.isSpace(scalars[start]) { start += 1 }
        guard start < scalars.count else { return nil }

        // Split the body into digit runs and the separators between them.
        var groups: [String] = [""]
        var separators: [Character] = []
        for scalar in scalars[start...] {
            switch scalar {
            case "0"..."9":
                groups[groups.count - 1].unicodeScalars.append(scalar)
            case ",", ".":
                guard !(groups.last!.isEmpty && !separators.isEmpty) else { return nil }
                separators.append(Character(scalar)); groups.append("")
            default:
                guard TextNormalizer.isSpace(scalar), !groups.last!.isEmpty else { return nil }
                separators.append(" "); groups.append("")
            }
        }
        guard let lastGroup = groups.last, !lastGroup.isEmpty else { return nil }

        var integerGroups = groups
        var fraction = ""
        var ambiguous = false
        let commas = separators.filter { $0 == "," }.count
        let dots = separators.filter { $0 == "." }.count
        if commas > 0 && dots > 0 {
            let decimal = separators.last!
            guard decimal != " ", separators.filter({ $0 == decimal }).count == 1 else { return nil }
            fraction = integerGroups.removeLast()
        } else if commas == 1 || dots == 1 {
            if dots == 1 {
                let head = groups[groups.count - 2]
                ambiguous = lastGroup.count == 3 && (1...3).contains(head.count)
                    && !head.hasPrefix("0") && separators.count == 1
            }
            guard separators.last != " " else { return nil }
            fraction = integerGroups.removeLast()
        }
        // What remains before the decimal mark is an integer, possibly grouped.
        let grouping = Array(separators.prefix(integerGroups.count - 1))
        if !grouping.isEmpty {
            guard Set(grouping).count == 1,
                  (1...3).contains(integerGroups[0].count),
                  integerGroups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        } else if integerGroups[0].isEmpty && fraction.isEmpty {
            return nil
        }
        let integer = integerGroups.joined()
        let literal = (integer.isEmpty ? "0" : integer) + (fraction.isEmpty ? "" : "." + fraction)
        guard var value = Double(literal), value.isFinite else { return nil }
        if negative { value = -value }
        if value == 0 { value = 0 } // no negative zero
        return ParsedNumber(value: value, isAmbiguous: ambiguous, original: text)
    }
}
