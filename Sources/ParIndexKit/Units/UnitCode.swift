import Foundation

extension UnitName {
    /// True for phrases that describe a group rather than name a unit:
    /// `Các phòng, đơn vị liên quan`, `các cơ quan chuyên môn`.
    public static func isCollective(_ name: String) -> Bool {
        TextNormalizer.foldKey(name).hasPrefix("cac ")
    }

    /// A short ASCII code for a unit, safe in file names: an abbreviation is kept as it is
    /// (`NCKSTTHC`, `CTTĐT` → `CTTDT`); a name becomes its initials, acronyms kept whole
    /// (`Văn phòng Sở` → `VPS`, `Văn phòng HĐND&UBND huyện` → `VPHDNDUBNDH`); the
    /// connectors `và`, `của`, `thuộc` are left out.
    public static func code(for name: String) -> String {
        let words = TextNormalizer.collapseWhitespace(name)
            .split(whereSeparator: { !($0.isLetter || $0.isNumber) })
            .map(String.init)
        func ascii(_ s: String) -> String {
            TextNormalizer.foldKey(s).uppercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
        if words.count == 1 { return ascii(words[0]) }
        var code = ""
        for word in words where !["và", "của", "thuộc"].contains(word.lowercased()) {
            let isAcronym = word.count > 1 && word == word.uppercased() && word != word.lowercased()
            code += isAcronym ? ascii(word) : String(ascii(word).prefix(1))
        }
        return code.isEmpty ? "DV" : code
    }
}
