import Foundation

/// Unicode clean-up shared by header, code and unit recognition.
///
/// Spreadsheet cells arrive in NFC or NFD, with non-breaking spaces, tabs and line
/// breaks inside. `foldKey` turns any such text into a plain comparison key.
public enum TextNormalizer {
    /// The text in Unicode Normalization Form C (precomposed), as shown to users.
    public static func nfc(_ text: String) -> String {
        // Fast path: text made only of scalars below U+0300 (no combining
        // marks, no singletons) and of Latin Extended Additional (U+1E00–U+1EFF, the
        // precomposed Vietnamese letters) is already NFC.
        let known = text.utf8.withContiguousStorageIfAvailable(isPrecomposedLatin)
            ?? text.unicodeScalars.allSatisfy({ $0.value < 0x300 || (0x1E00...0x1EFF).contains($0.value) })
        if known { return text }
        return text.precomposedStringWithCanonicalMapping
    }

    /// The fast path of ``nfc(_:)`` on UTF-8 bytes: every scalar below U+0300 (ASCII, or a
    /// lead byte C2–CB) or in U+1E00–U+1EFF (E1 B8–BB).
    private static func isPrecomposedLatin(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1 }
            else if b >= 0xC2 && b <= 0xCB { i += 2 }
            else if b == 0xE1, i + 1 < n, bytes[i + 1] >= 0xB8 && bytes[i + 1] <= 0xBB { i += 3 }
            else { return false }
        }
        return true
    }

    /// Replaces every run of white space (Unicode spaces, NBSP, tabs, line breaks) by one
    /// ASCII space and trims both ends. Zero-width spaces and byte-order marks are removed.
    public static func collapseWhitespace(_ text: String) -> String {
        // Fast path: no control character, no double, leading or trailing space, and no
        // multi-byte white space or invisible character (their UTF-8 lead bytes are
        // C2 A0, E1 9A/A0, E2 80/81, E3 80, EF BB) means the text is already collapsed.
        // Vietnamese letters (C3–C6, CC, E1 B8–BB) take this path.
        var previousSpace = true
        var plain = true
        var previous: UInt8 = 0
        for byte in text.utf8 {
            switch byte {
            case 0x20:
                if previousSpace { plain = false }
                previousSpace = true
            case 0..<0x20, 0x7F:
                plain = false
            default:
                previousSpace = false
                switch (previous, byte) {
                case (0xC2, 0xA0), (0xE1, 0x9A), (0xE1, 0xA0), (0xE2, 0x80), (0xE2, 0x81), (0xE3, 0x80), (0xEF, 0xBB):
                    plain = false
                default: break
                }
            }
            if !plain { break }
            previous = byte
        }
        if plain && !previousSpace { return text }
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isInvisible(scalar) { continue }
            if isSpace(scalar) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(scalar)
        }
        return String(out)
    }

    /// True when `collapseWhitespace(text)` is empty: told from the first byte that is not
    /// ASCII white space when it is a visible ASCII character (which collapsing always
    /// keeps), else by collapsing.
    public static func isBlank(_ text: String) -> Bool {
        for byte in text.utf8 {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case 0x21...0x7F: return false
            default: return collapseWhitespace(text).isEmpty
            }
        }
        return true
    }

    /// NFC plus collapsed white space: the form in which original texts are kept for display.
    public static func clean(_ text: String) -> String {
        collapseWhitespace(nfc(text))
    }

    /// A comparison key: lowercased, Vietnamese diacritics removed, `đ` → `d`, every
    /// character that is not a letter or digit turned into a space, spaces collapsed.
    ///
    /// `Điểm chuẩn`, `ĐIỂM CHUẨN` and NFD `Điểm  chuẩn\n` all give `diem chuan`;
    /// `Lĩnh vực/Tiêu chí` gives `linh vuc tieu chi`.
    public static func foldKey(_ text: String) -> String {
        // The folded form of a non-ASCII scalar depends on that
        // scalar alone (NFD's reordering only moves marks, which are dropped), so it is
        // computed once per scalar and cached for U+0080–U+024F and U+1E00–U+1EFF
        // (Vietnamese); other scalars take the slow path one at a time.
        // Built as UTF-8 bytes (appending to a `String.UnicodeScalarView` scalar by
        // scalar cost more than the folding).
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                switch v {
                case 0x61...0x7A, 0x30...0x39:
                    if pendingSpace { out.append(0x20); pendingSpace = false }
                    out.append(UInt8(v))
                case 0x41...0x5A:
                    if pendingSpace { out.append(0x20); pendingSpace = false }
                    out.append(UInt8(v + 0x20))
                default: pendingSpace = !out.isEmpty
                }
                continue
            }
            let folded = FoldCache.fold(scalar)
            switch folded {
            case .drop: continue
            case .space: pendingSpace = !out.isEmpty
            case .scalars(let list):
                if pendingSpace { out.append(0x20); pendingSpace = false }
                for s in list {
                    if s.value < 0x80 { out.append(UInt8(s.value)) } else { UTF8.encode(s) { out.append($0) } }
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    enum Folded: Sendable { case drop, space, scalars([Unicode.Scalar]) }

    enum FoldCache {
        static let low: [Folded] = (0x80...0x24F).map { compute(Unicode.Scalar($0)!) }
        static let extended: [Folded] = (0x1E00...0x1EFF).map { compute(Unicode.Scalar($0)!) }
        static func fold(_ scalar: Unicode.Scalar) -> Folded {
            let v = scalar.value
            if v <= 0x24F { return low[Int(v) - 0x80] }
            if v >= 0x1E00, v <= 0x1EFF { return extended[Int(v) - 0x1E00] }
            return compute(scalar)
        }
        /// The slow path on one scalar: `.space` when it is a separator, else its folded scalars.
        static func compute(_ scalar: Unicode.Scalar) -> Folded {
            let key = foldKeySlow("a" + String(scalar) + "a")
            // "a…a": a separator gives "a a", a dropped scalar "aa", a letter "a<x>a".
            if key == "a a" { return .space }
            let inner = Array(key.unicodeScalars.dropFirst().dropLast())
            return inner.isEmpty ? .drop : .scalars(inner)
        }
    }

    static func foldKeySlow(_ text: String) -> String {
        let isASCII = text.utf8.allSatisfy { $0 < 0x80 }
        let source = isASCII ? text : text.decomposedStringWithCanonicalMapping
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        func emit(_ scalar: Unicode.Scalar) {
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(scalar)
        }
        for scalar in source.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                switch v {
                case 0x61...0x7A, 0x30...0x39: emit(scalar)
                case 0x41...0x5A: emit(Unicode.Scalar(v + 0x20)!)
                default: pendingSpace = !out.isEmpty
                }
                continue
            }
            if v == 0x0110 || v == 0x0111 { emit("d"); continue } // Đ đ
            if isInvisible(scalar) { continue }
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                continue // diacritics (NFD combining marks), dropped without a space
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter,
                 .otherLetter, .decimalNumber, .letterNumber, .otherNumber:
                for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                    // A lowercase mapping may itself carry a combining mark (İ → i̇).
                    switch lower.properties.generalCategory {
                    case .nonspacingMark, .spacingMark, .enclosingMark: continue
                    default: emit(lower)
                    }
                }
            default:
                pendingSpace = !out.isEmpty
            }
        }
        return String(out)
    }

    /// True for scalars treated as white space (including NBSP and line separators).
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0x0A, 0x0D: return true
        case 0..<0x80: return false
        default: return scalar.properties.isWhitespace
        }
    }

    /// Zero-width characters that carry nothing: ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD: return true
        default: return false
        }
    }
}
