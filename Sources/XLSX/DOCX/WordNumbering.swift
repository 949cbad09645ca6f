/// Word's automatic list numbering (`word/numbering.xml`, and the paragraph styles of
/// `word/styles.xml` that carry a list): turns a list paragraph into the text a reader
/// sees on the page — `- ` for a bullet of any glyph, `1. `, `a) `, `II. ` for numbers.
struct WordNumbering {
    struct Level {
        var format = "decimal"
        var text = "%1."
        var start = 1
    }

    /// A paragraph style's list, after following `basedOn`.
    struct StyleList {
        var numID: Int?
        var level: Int?
        var basedOn: String?
    }

    /// abstractNumId → level → definition.
    var abstracts: [Int: [Int: Level]] = [:]
    /// numId → (abstractNumId, start overrides by level).
    var instances: [Int: (abstract: Int, starts: [Int: Int])] = [:]
    /// styleId → the style's own list properties.
    var styles: [String: StyleList] = [:]
    /// numId → current counter of each level.
    private var counters: [Int: [Int]] = [:]

    static let maxLevels = 9

    /// The list a paragraph belongs to: its own `w:numPr`, else its style's (numId 0 means
    /// "no list"). Nil when the paragraph is not a list item.
    func list(numID: Int?, level: Int?, style: String?) -> (numID: Int, level: Int)? {
        var id = numID
        var lvl = level
        var current = style
        var hops = 0
        while (id == nil || lvl == nil), let name = current, let entry = styles[name], hops < 16 {
            if id == nil { id = entry.numID }
            if lvl == nil { lvl = entry.level }
            current = entry.basedOn
            hops += 1
        }
        guard let id, id != 0, instances[id] != nil else { return nil }
        return (id, min(max(lvl ?? 0, 0), Self.maxLevels - 1))
    }

    /// Advances the list's counter and returns the prefix shown before the paragraph's
    /// text (with its trailing space), or nil for a level without a visible label.
    mutating func nextPrefix(numID: Int, level: Int) -> String? {
        guard let instance = instances[numID] else { return nil }
        let levels = abstracts[instance.abstract] ?? [:]
        let definition = levels[level] ?? Level()
        if definition.format == "bullet" {
            return definition.text == "+" ? "+ " : "- "
        }
        if definition.format == "none" { return nil }
        var values = counters[numID] ?? (0..<Self.maxLevels).map { lvl in
            (instance.starts[lvl] ?? levels[lvl]?.start ?? 1) - 1
        }
        values[level] += 1
        for deeper in (level + 1)..<Self.maxLevels {
            values[deeper] = (instance.starts[deeper] ?? levels[deeper]?.start ?? 1) - 1
        }
        counters[numID] = values
        var out = ""
        var chars = Array(definition.text)
        var i = 0
        while i < chars.count {
            if chars[i] == "%", i + 1 < chars.count, let digit = chars[i + 1].wholeNumberValue, (1...9).contains(digit) {
                let lvl = digit - 1
                let format = levels[lvl]?.format ?? "decimal"
                out += Self.format(max(values[lvl], levels[lvl]?.start ?? 1), format)
                i += 2
                continue
            }
            out.append(chars[i])
            i += 1
        }
        chars = []
        let trimmed = out.trimmingTrailingSpaces()
        return trimmed.isEmpty ? nil : trimmed + " "
    }

    static func format(_ n: Int, _ format: String) -> String {
        switch format {
        case "lowerLetter": return letters(n).lowercased()
        case "upperLetter": return letters(n)
        case "lowerRoman": return roman(n).lowercased()
        case "upperRoman": return roman(n)
        case "decimalZero": return n < 10 ? "0\(n)" : String(n)
        default: return String(n)
        }
    }

    /// 1 → A, 26 → Z, 27 → AA (Word repeats the letter).
    private static func letters(_ n: Int) -> String {
        guard n >= 1 else { return String(n) }
        let letter = Character(Unicode.Scalar(UInt8(65 + (n - 1) % 26)))
        return String(repeating: String(letter), count: (n - 1) / 26 + 1)
    }

    private static func roman(_ n: Int) -> String {
        guard n >= 1, n < 4000 else { return String(n) }
        let table: [(Int, String)] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                                      (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var rest = n
        var out = ""
        for (value, text) in table {
            while rest >= value { out += text; rest -= value }
        }
        return out
    }

    // MARK: - Reading

    /// Reads `numbering.xml` (may be absent) and `styles.xml` (may be absent).
    static func read(numbering: ZipEntryStream?, styles: ZipEntryStream?) throws -> WordNumbering {
        let handler = NumberingHandler()
        if let numbering {
            try XMLStreamParser(part: numbering.part, handler: handler).parse(numbering)
        }
        if let styles {
            try XMLStreamParser(part: styles.part, handler: handler).parse(styles)
        }
        return handler.result
    }
}

/// Reads both numbering.xml and styles.xml (their vocabularies do not overlap where it
/// matters: `w:abstractNum`/`w:num` versus `w:style`).
private final class NumberingHandler: XMLRawNameHandler {
    var result = WordNumbering()
    private var abstractID: Int?
    private var level: Int?
    private var numID: Int?
    private var overrideLevel: Int?
    private var styleID: String?
    private var inStylePPr = false
    let wantsCharacters = false

    func startElement(raw name: UnsafePointer<CChar>, _ attributes: XMLAttributes) throws {
        let word = WordName.classify(name)
        func intValue(_ attr: WordName) -> Int? {
            attributes.wordString(attr).flatMap { Int($0.trimmingTrailingSpaces()) }
        }
        switch word {
        case .abstractNum:
            abstractID = intValue(.abstractNumId) ?? -1
            if let id = abstractID, result.abstracts[id] == nil { result.abstracts[id] = [:] }
        case .lvl where abstractID != nil:
            level = intValue(.ilvl).map { min(max($0, 0), WordNumbering.maxLevels - 1) }
            if let a = abstractID, let l = level { result.abstracts[a]?[l] = WordNumbering.Level() }
        case .start where abstractID != nil && level != nil:
            if let a = abstractID, let l = level, let v = intValue(.val) { result.abstracts[a]?[l]?.start = max(0, min(v, 1_000_000)) }
        case .numFmt where abstractID != nil && level != nil:
            if let a = abstractID, let l = level, let v = attributes.wordString(.val) { result.abstracts[a]?[l]?.format = v }
        case .lvlText where abstractID != nil && level != nil:
            if let a = abstractID, let l = level, let v = attributes.wordString(.val) {
                result.abstracts[a]?[l]?.text = String(v.prefix(64))
            }
        case .num where abstractID == nil:
            numID = intValue(.numId)
            if let id = numID { result.instances[id] = (abstract: -1, starts: [:]) }
        case .abstractNumId where numID != nil:
            if let id = numID, let v = intValue(.val) { result.instances[id]?.abstract = v }
        case .lvlOverride where numID != nil:
            overrideLevel = intValue(.ilvl).map { min(max($0, 0), WordNumbering.maxLevels - 1) }
        case .startOverride where numID != nil && overrideLevel != nil:
            if let id = numID, let l = overrideLevel, let v = intValue(.val) { result.instances[id]?.starts[l] = max(0, min(v, 1_000_000)) }
        case .style:
            let isParagraph = attributes.wordString(.type).map { $0 == "paragraph" } ?? true
            styleID = isParagraph ? attributes.wordString(.styleId) : nil
            if let id = styleID { result.styles[id] = WordNumbering.StyleList() }
        case .basedOn where styleID != nil:
            if let id = styleID { result.styles[id]?.basedOn = attributes.wordString(.val) }
        case .pPr where styleID != nil:
            inStylePPr = true
        case .numId where inStylePPr:
            if let id = styleID { result.styles[id]?.numID = intValue(.val) }
        case .ilvl where inStylePPr:
            if let id = styleID { result.styles[id]?.level = intValue(.val) }
        default:
            break
        }
    }

    func endElement(raw name: UnsafePointer<CChar>) throws {
        switch WordName.classify(name) {
        case .abstractNum: abstractID = nil; level = nil
        case .lvl: level = nil
        case .num: numID = nil; overrideLevel = nil
        case .lvlOverride: overrideLevel = nil
        case .style: styleID = nil; inStylePPr = false
        case .pPr: inStylePPr = false
        default: break
        }
    }

    // Unused: names arrive through the raw methods.
    func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws {}
    func endElement(_ name: XMLName) throws {}
    func characters(_ bytes: UnsafeRawBufferPointer) throws {}
}

extension String {
    /// The text without trailing spaces and tabs.
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while let last = s.last, last == " " || last == "\t" { s.removeLast() }
        return String(s)
    }
}
