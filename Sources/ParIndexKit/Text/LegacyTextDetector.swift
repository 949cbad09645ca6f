import XLSX

/// Finds cells typed in a legacy Vietnamese encoding and converts them, one sheet at a
/// time, remembering which cells it converted.
///
/// A cell is converted when
/// - its font is a legacy one (`.VnTime…` → TCVN3, `VNI-…` → VNI) and its text is made of
///   the characters such text arrives as (Latin-1 and Windows-1252 only), or
/// - without a font hint (`.xls` files carry none): its text is made of those characters,
///   holds at least one that plain Vietnamese or English does not use (`ß`, `¸`, `ø`, `ï`…),
///   and the words the conversion changes read as Vietnamese (``decodesToVietnamese(_:_:)``). When both encodings
///   qualify, the one already met most in the sheet wins (TCVN3 on a tie);
/// - in a sheet where three or more cells were converted and none holds Unicode
///   Vietnamese: a cell with only letters plain Vietnamese shares with the legacy
///   spellings (`Ghi chó` is `Ghi chú` in TCVN3), when it reads as Vietnamese converted.
/// Text holding any other character above U+00FF (`ộ`, `ư`, `đ`…) is Unicode and is never
/// touched; nor is plain ASCII.
public struct LegacyTextDetector: Sendable {
    /// The cells converted, per encoding, in reading order.
    public private(set) var cells: [LegacyEncoding: [CellReference]] = [:]
    /// Cells holding Unicode Vietnamese (a letter above U+00FF that no legacy spelling uses).
    private var unicodeCells = 0

    public init() {}

    /// The cell's text, converted when it is legacy text.
    public mutating func text(of cell: Cell) -> String? {
        guard case .string(let text) = cell.value else { return nil }
        guard let (encoding, upper) = classify(text, font: cell.fontName) else { return text }
        cells[encoding, default: []].append(cell.reference)
        return encoding.decode(text, upperCase: upper)
    }

    /// The row with its legacy cells converted (the row itself when none is).
    public mutating func convert(_ row: Row) -> Row {
        var changed: [Cell]?
        for (index, cell) in row.cells.enumerated() {
            guard case .string(let text) = cell.value, let converted = self.text(of: cell), converted != text else { continue }
            if changed == nil { changed = row.cells }
            changed![index] = Cell(reference: cell.reference, value: .string(converted), formula: cell.formula,
                                   fontName: cell.fontName)
        }
        guard let changed else { return row }
        return Row(number: row.number, cells: changed, hidden: row.hidden)
    }

    /// The encoding of a text, and whether it is drawn in capitals; nil for Unicode.
    mutating func classify(_ text: String, font: String?) -> (LegacyEncoding, Bool)? {
        var signals = 0
        var nonASCII = 0
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                if v >= 0x01 && v <= 0x17 && v != 0x09 && v != 0x0A && v != 0x0D { signals += 1 }
                continue
            }
            nonASCII += 1
            guard LegacyEncoding.isLegacyImage(scalar) else {
                if v >= 0x100 { unicodeCells += 1 }
                return nil
            }
            if !Self.plainLatin1.contains(scalar) { signals += 1 }
        }
        if let hinted = LegacyEncoding.implied(byFont: font) {
            let mapsSomething = text.unicodeScalars.contains {
                hinted == .tcvn3 ? LegacyEncoding.tcvn3Map[$0] != nil
                    : LegacyEncoding.vniSingles[$0] != nil || LegacyEncoding.vniMarks.contains($0)
            }
            return mapsSomething ? (hinted, LegacyEncoding.isCapitalsFont(font)) : nil
        }
        if signals == 0 {
            guard nonASCII > 0, unicodeCells == 0,
                  let dominant = cells.max(by: { $0.value.count < $1.value.count }), dominant.value.count >= 3,
                  Self.decodesToVietnamese(text, dominant.key) else { return nil }
            return (dominant.key, false)
        }
        let candidates = LegacyEncoding.allCases.filter { Self.decodesToVietnamese(text, $0) }
        guard let first = candidates.first else { return nil }
        if candidates.count == 1 { return (first, false) }
        let best = candidates.max { (cells[$0]?.count ?? 0, $0 == .tcvn3 ? 1 : 0) < (cells[$1]?.count ?? 0, $1 == .tcvn3 ? 1 : 0) }!
        return (best, false)
    }

    /// True when the words the conversion changes read as Vietnamese: at least one
    /// well-formed syllable of two letters or more (``VietnameseSyllable``), and at most one
    /// ill-formed word for every four good ones (names such as `Glong`). Capitalised
    /// abbreviations (`HĐND`, `QĐ`) count neither way.
    static func decodesToVietnamese(_ text: String, _ encoding: LegacyEncoding) -> Bool {
        let decoded = encoding.decode(text)
        let before = words(text)
        let after = words(decoded)
        guard before.count == after.count else {
            // A mark decoded on its own (`°` in `25°C`) joins or splits words: not Vietnamese.
            return false
        }
        var good = 0, bad = 0
        for (old, new) in zip(before, after) where old != new {
            if VietnameseSyllable.isValid(new) {
                if new.count >= 2 { good += 1 }
            } else if Self.isAbbreviation(new) {
                continue
            } else {
                bad += 1
            }
        }
        return good >= 1 && bad * 4 <= good
    }

    /// `HĐND`, `QĐ`, `TTĐT`: capitals only, at least two.
    static func isAbbreviation(_ word: String) -> Bool {
        word.count >= 2 && word.allSatisfy { $0.isUppercase && $0.isLetter }
    }

    /// Runs of letters, digits and marks split at everything else.
    static func words(_ text: String) -> [String] {
        var result: [String] = []
        var word = ""
        for ch in text {
            if ch.isLetter || ch.isNumber || Self.isLegacyLetterImage(ch) { word.append(ch) } else if !word.isEmpty {
                result.append(word)
                word = ""
            }
        }
        if !word.isEmpty { result.append(word) }
        return result
    }

    /// Symbols that legacy encodings use for letters (`¸` is á in TCVN3, `µ` à…).
    static func isLegacyImage(_ ch: Character) -> Bool { isLegacyLetterImage(ch) }
    static func isLegacyLetterImage(_ ch: Character) -> Bool {
        guard ch.unicodeScalars.count == 1, let s = ch.unicodeScalars.first else { return false }
        if s.value >= 0x80 && s.value < 0x100 { return true }
        if s.value >= 0x01 && s.value <= 0x17 && s.value != 0x09 && s.value != 0x0A && s.value != 0x0D { return true }
        return LegacyEncoding.windows1252Extras.contains(s) && LegacyEncoding.tcvn3Map[s] != nil
    }

    /// Latin-1 letters plain Vietnamese (and much English and French) text uses as they
    /// are, plus the no-break space: not a sign of legacy text on their own.
    static let plainLatin1: Set<Unicode.Scalar> = Set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ\u{A0}".unicodeScalars)
}
