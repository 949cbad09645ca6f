/// The position code in a table's STT column.
///
/// Accepted forms (white space trimmed, a trailing `.` or `)` ignored):
/// - `A`, `B` … a single capital letter other than `I`, `V`, `X`: a section;
/// - `I`, `II`, `IV`, `IX` … optionally with numeric parts `III.1`, `IV.2.1`: a Roman group;
/// - `1`, `1.`, `1.2`, `1.2.3`: numeric parts (`1.` is `1`);
/// - `a`, `b)`: a lettered sub-item;
/// - `-`, `+`, `*`, `•`, `–`, `·`: a bullet;
/// - empty: no code;
/// - anything else (`Tổng cộng: 21 nội dung`): free text.
public enum CriterionCode: Hashable, Sendable {
    case section(String)
    /// Roman numeral value and the numeric parts after it (`III.1` → 3, [1]).
    case roman(Int, [Int])
    case numeric([Int])
    case item(String)
    case bullet(String)
    case none
    case text(String)

    private static let bulletSymbols: Set<String> = ["-", "+", "*", "•", "–", "—", "·", "○", "◦", "▪"]

    /// Parses the text of an STT cell. Never fails: unknown text becomes `.text`.
    public init(parsing raw: String) {
        if let parts = Self.plainNumeric(raw) { self = .numeric(parts); return }
        let text = TextNormalizer.clean(raw)
        if text.isEmpty { self = .none; return }
        if Self.bulletSymbols.contains(text) { self = .bullet(text); return }
        var body = Substring(text)
        if body.count > 1, let last = body.last, last == "." || last == ")" { body = body.dropLast() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard !parts.isEmpty, !parts.contains(where: \.isEmpty) else { self = .text(text); return }
        let numbers = parts.map { Self.positiveInt($0) }
        if numbers.allSatisfy({ $0 != nil }) {
            self = .numeric(numbers.map { $0! }); return
        }
        let head = String(parts[0])
        let tail = numbers.dropFirst()
        if tail.allSatisfy({ $0 != nil }) {
            if head.count == 1, let c = head.unicodeScalars.first {
                if parts.count == 1, ("A"..."Z").contains(c), !["I", "V", "X"].contains(head) {
                    self = .section(head); return
                }
                if parts.count == 1, ("a"..."z").contains(c) {
                    self = .item(head); return
                }
            }
            if let value = Self.romanValue(head) {
                self = .roman(value, tail.map { $0! }); return
            }
        }
        self = .text(text)
    }

    /// True when ``normalized`` is empty (a bullet, no code), told without building it.
    public var isUnnumbered: Bool {
        switch self {
        case .bullet, .none: true
        case .section(let s), .item(let s), .text(let s): s.isEmpty
        case .roman, .numeric: false
        }
    }

    /// The canonical spelling: `1.` → `1`, `III.1` → `III.1`; "" for a bullet or no code
    /// (they carry no identity of their own; the symbol stays in `.bullet`).
    public var normalized: String {
        switch self {
        case .section(let s), .item(let s), .text(let s): return s
        case .bullet: return ""
        case .roman(let value, let parts):
            return ([Self.romanString(value)] + parts.map(String.init)).joined(separator: ".")
        case .numeric(let parts): return parts.map(String.init).joined(separator: ".")
        case .none: return ""
        }
    }

    /// True for sections, Roman groups and numeric codes: the rows a bullet can hang from.
    public var isStructural: Bool {
        switch self {
        case .section, .roman, .numeric: true
        default: false
        }
    }

    /// True when this code is, by its spelling alone, an ancestor of `other`:
    /// `1` of `1.2.3`, `III` of `III.1`, `III.1` of `III.1.2`. Whether a section or Roman
    /// group contains a numeric code depends on row order: see `CodeHierarchy`.
    public func isAncestor(of other: CriterionCode) -> Bool {
        switch (self, other) {
        case let (.numeric(a), .numeric(b)):
            return a.count < b.count && Array(b.prefix(a.count)) == a
        case let (.roman(v, a), .roman(w, b)):
            return v == w && a.count < b.count && Array(b.prefix(a.count)) == a
        default:
            return false
        }
    }

    /// The parts of a code made only of ASCII digit groups (1–4 digits) joined by dots,
    /// with an optional final `.` or `)` (`1.2.3`, `2.`): what the general parse makes of
    /// it, without cleaning or splitting strings; nil for anything else.
    private static func plainNumeric(_ raw: String) -> [Int]? {
        var utf8 = Substring(raw).utf8[...]
        guard let last = utf8.last else { return nil }
        if utf8.count > 1, last == UInt8(ascii: ".") || last == UInt8(ascii: ")") { utf8 = utf8.dropLast() }
        var parts: [Int] = []
        var value = 0, digits = 0
        for byte in utf8 {
            if byte >= 0x30 && byte <= 0x39 {
                digits += 1
                guard digits <= 4 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            } else if byte == UInt8(ascii: "."), digits > 0 {
                parts.append(value); value = 0; digits = 0
            } else {
                return nil
            }
        }
        guard digits > 0 else { return nil }
        parts.append(value)
        return parts
    }

    private static func positiveInt(_ s: Substring) -> Int? {
        guard (1...4).contains(s.count), s.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(s)
    }

    private static let romanDigits: [Character: Int] = ["I": 1, "V": 5, "X": 10, "L": 50, "C": 100]

    /// The value of a canonical Roman numeral from 1 to 399; nil otherwise.
    static func romanValue(_ s: String) -> Int? {
        // Every Roman digit is one of these ASCII letters: anything else is rejected at once.
        guard let first = s.utf8.first, "IVXLC".utf8.contains(first) else { return nil }
        guard s.count <= 9 else { return nil }
        var total = 0
        let values = s.map { romanDigits[$0] }
        guard values.allSatisfy({ $0 != nil }) else { return nil }
        let v = values.map { $0! }
        for i in v.indices {
            if i + 1 < v.count, v[i] < v[i + 1] { total -= v[i] } else { total += v[i] }
        }
        guard total > 0, total < 400, romanString(total) == s else { return nil }
        return total
    }

    static func romanString(_ value: Int) -> String {
        let table: [(Int, String)] = [(100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"),
                                      (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var n = value, out = ""
        for (v, s) in table { while n >= v { out += s; n -= v } }
        return out
    }
}
