/// Whether a word is a well-formed Vietnamese syllable: an initial consonant, a vowel
/// nucleus from the language's inventory, an allowed final consonant and at most one tone
/// mark. Used to tell text decoded from a legacy encoding from Unicode or English text
/// that only looks like it (`naïve`, `25°C`, `“yes”`).
enum VietnameseSyllable {
    static func isValid(_ word: String) -> Bool {
        let lowered = word.lowercased()
        // Separate the tone marks from the letters.
        var tones = 0
        var letters = String.UnicodeScalarView()
        for scalar in lowered.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0x300, 0x301, 0x303, 0x309, 0x323: tones += 1
            default: letters.append(scalar)
            }
        }
        guard tones <= 1 else { return false }
        let base = Array(String(letters).precomposedStringWithCanonicalMapping)
        guard !base.isEmpty, base.count <= 7, base.allSatisfy({ alphabet.contains($0) }) else { return false }

        var rest = base[...]
        // Initial consonant: the longest that fits.
        for initial in initials where rest.starts(with: initial) {
            // `gi` and `qu` keep their vowel when nothing else follows (`gì`, `qua`).
            let after = rest.dropFirst(initial.count)
            if initial == ["g", "i"], !after.contains(where: { vowels.contains($0) }) { continue }
            rest = after
            break
        }
        let nucleus = rest.prefix { vowels.contains($0) }
        guard !nucleus.isEmpty, nuclei.contains(String(nucleus)) else { return false }
        let final = String(rest.dropFirst(nucleus.count))
        return finals.contains(final)
    }

    static let vowels: Set<Character> = Set("aăâeêioôơuưy")
    static let alphabet: Set<Character> = Set("abcdđeghiklmnopqrstuvxyăâêôơư")
    /// Longest first.
    static let initials: [[Character]] = ["ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
                                         "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x"]
        .map { Array($0) }
    /// `k` ends place names of the Central Highlands (`Đắk Lắk`).
    static let finals: Set<String> = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t", "k"]
    static let nuclei: Set<String> = [
        "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
        "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi",
        "oo", "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "yê",
        "iêu", "yêu", "oai", "oao", "oay", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyê", "uyu", "uêu",
    ]
}
