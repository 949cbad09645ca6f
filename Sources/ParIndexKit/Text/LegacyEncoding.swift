/// The 8-bit Vietnamese encodings offices still type in. A workbook stores each typed byte
/// as its Windows-1252 character, so such text arrives as `Phßng Néi vô` (TCVN3) or
/// `Phoøng Noäi vuï` (VNI); ``decode(_:upperCase:)`` gives back the Unicode (NFC).
/// The tables are generated data (``LegacyEncodingTables``).
public enum LegacyEncoding: String, Codable, CaseIterable, Hashable, Sendable {
    /// TCVN 5712:1993 (TCVN3, ABC), fonts `.VnTime`, `.VnArial`…: one byte per letter.
    case tcvn3
    /// VNI-Windows, fonts `VNI-Times`…: a base letter followed by a mark byte.
    case vni

    /// How messages name the encoding.
    public var displayName: String {
        switch self {
        case .tcvn3: "TCVN3 (TCVN 5712:1993, phông .VnTime)"
        case .vni: "VNI-Windows (phông VNI-Times)"
        }
    }

    /// The encoding a font name implies: `.VnTime`, `.VnArialH` → TCVN3; `VNI-Times` → VNI.
    public static func implied(byFont name: String?) -> LegacyEncoding? {
        guard let name, name.count >= 3 else { return nil }
        let lowered = name.lowercased()
        if lowered.hasPrefix(".vn") { return .tcvn3 }
        if lowered.hasPrefix("vni-") || lowered.hasPrefix("vni ") { return .vni }
        return nil
    }

    /// TCVN3 capitals fonts (`.VnTimeH`, `.VnArialH`) draw every letter upper case.
    public static func isCapitalsFont(_ name: String?) -> Bool {
        guard let name, implied(byFont: name) == .tcvn3 else { return false }
        return name.hasSuffix("H")
    }

    /// The text as Unicode NFC. `upperCase` for text drawn by a capitals font.
    public func decode(_ text: String, upperCase: Bool = false) -> String {
        var out = String.UnicodeScalarView()
        switch self {
        case .tcvn3:
            for scalar in text.unicodeScalars {
                if let mapped = Self.tcvn3Map[scalar] { out.append(contentsOf: mapped.unicodeScalars) } else { out.append(scalar) }
            }
        case .vni:
            let scalars = Array(text.unicodeScalars)
            var i = 0
            while i < scalars.count {
                if i + 1 < scalars.count, let pair = Self.vniPairs[Self.pairKey(scalars[i], scalars[i + 1])] {
                    out.append(contentsOf: pair.unicodeScalars)
                    i += 2
                } else if let single = Self.vniSingles[scalars[i]] {
                    out.append(contentsOf: single.unicodeScalars)
                    i += 1
                } else {
                    out.append(scalars[i])
                    i += 1
                }
            }
        }
        let decoded = String(out).precomposedStringWithCanonicalMapping
        return upperCase ? decoded.uppercased() : Self.capitalizeAllCapsWords(decoded)
    }

    /// Characters a legacy spelling can contain: Latin-1 and the Windows-1252 extras.
    static func isLegacyImage(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x100 || windows1252Extras.contains(scalar)
    }

    // MARK: - Tables

    static let tcvn3Map: [Unicode.Scalar: String] = Dictionary(
        LegacyEncodingTables.tcvn3.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
    static let vniPairs: [UInt64: String] = {
        var map: [UInt64: String] = [:]
        for (source, target) in LegacyEncodingTables.vni {
            let scalars = Array(source.unicodeScalars)
            if scalars.count == 2 { map[pairKey(scalars[0], scalars[1])] = target }
        }
        return map
    }()
    static let vniSingles: [Unicode.Scalar: String] = {
        var map: [Unicode.Scalar: String] = [:]
        for (source, target) in LegacyEncodingTables.vni {
            let scalars = Array(source.unicodeScalars)
            if scalars.count == 1, String(scalars[0]) != target { map[scalars[0]] = target }
        }
        return map
    }()
    /// The characters of a VNI mark byte (what follows a base letter).
    static let vniMarks: Set<Unicode.Scalar> = {
        var marks = Set<Unicode.Scalar>()
        for (source, _) in LegacyEncodingTables.vni {
            let scalars = Array(source.unicodeScalars)
            if scalars.count == 2 { marks.insert(scalars[1]) }
        }
        return marks
    }()

    static func pairKey(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> UInt64 { UInt64(a.value) << 32 | UInt64(b.value) }

    /// Windows-1252 characters of bytes 0x80–0x9F.
    static let windows1252Extras: Set<Unicode.Scalar> = Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ".unicodeScalars)

    /// TCVN3 has code points for only a few capitals; offices typed the others with the
    /// lower-case codes in a capitals font. A word whose other letters are all capitals
    /// (`PHòNG`) is such a word: it is upper-cased.
    static func capitalizeAllCapsWords(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value >= 0x80 }) else { return text }
        var result = ""
        var word = ""
        func flush() {
            let letters = word.filter(\.isLetter)
            let ascii = letters.filter(\.isASCII)
            if ascii.count >= 2, ascii.allSatisfy(\.isUppercase), letters.contains(where: \.isLowercase) {
                result += word.uppercased()
            } else {
                result += word
            }
            word = ""
        }
        for ch in text {
            if ch.isLetter { word.append(ch) } else { flush(); result.append(ch) }
        }
        flush()
        return result
    }
}
