import Foundation

/// Unicode clean-up shared by header, code and unit recognition.
///
/// Spreadsheet cells arrive in NFC or NFD, with non-breaking spaces, tabs and line
/// breaks inside. `foldKey` turns any such text into a plain comparison key.
public enum TextNormalizer {
    /// The text in Unicode Normalization Form C (precomposed), as shown to users.
    public static func nfc(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping
    }

    /// Replaces every run of white space (Unicode spaces, NBSP, tabs, line breaks) by one
    /// ASCII space and trims both ends. Zero-width spaces and byte-order marks are removed.
    public static func collapseWhitespace(_ text: String) -> String {
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
