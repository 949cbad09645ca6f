/// Adds to a workbook's `styles.xml`: for each (cell format, fill colour) pair a copy of the
/// cell format with only its fill changed, and the formats of an added sheet. Existing
/// formats keep their indices, so every cell not marked looks exactly as before.
final class StylesPatch {
    /// A collection element of the stylesheet (`fonts`, `fills`, `borders`, `cellXfs`).
    struct Collection {
        var startOffset: Int
        var startTag: RawTag
        /// Offset of the end tag (nil when the element is empty, `<fills/>`).
        var endOffset: Int?
        var childCount = 0
    }

    private let bytes: [UInt8]
    private var collections: [String: Collection] = [:]
    /// Byte ranges of each `xf` of `cellXfs`: the start tag, and the whole element.
    private var xfs: [(tag: RawTag, whole: Range<Int>)] = []
    private var rootPrefix = ""
    /// The stylesheet's fills as written, to reuse one identical to a fill being added.
    private var existingFills: [String: Int] = [:]
    /// Offsets of the stylesheet's children in file order, by local name.
    private var children: [(name: String, offset: Int)] = []
    private var rootEnd = 0

    private var added: [String: [String]] = [:]            // collection → new children XML
    private var derived: [DerivedKey: Int] = [:]
    private var fillIndex: [UInt32: Int] = [:]
    private var styleIndex: [StyleKey: Int] = [:]
    private var fontIndex: [String: Int] = [:]
    private var borderIndex: [String: Int] = [:]

    struct DerivedKey: Hashable { let xf: Int; let fill: UInt32 }
    struct StyleKey: Hashable { let style: CellStyle; let link: Bool }

    /// A minimal stylesheet for packages that have none.
    static let minimal = Array(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        + "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        + "<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/></cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + "</styleSheet>").utf8)

    /// Reads the stylesheet `bytes` (already limit-checked) with expat.
    init(bytes: [UInt8], part: String) throws {
        self.bytes = bytes
        let handler = Scanner()
        let parser = try XMLStreamParser(part: part, handler: handler)
        handler.parser = parser
        try parser.parse(bytes: bytes)
        collections = handler.collections
        xfs = handler.elements["cellXfs"] ?? []
        for (index, fill) in (handler.elements["fills"] ?? []).enumerated() {
            existingFills[String(decoding: bytes[fill.whole], as: UTF8.self)] = index
        }
        rootPrefix = handler.rootPrefix
        children = handler.children
        rootEnd = handler.rootEnd
    }

    /// The number of cell formats before any change.
    var originalCellFormatCount: Int { collections["cellXfs"]?.childCount ?? 0 }

    /// The index of a format like `xf` with only its fill set to `color`.
    func derivedFormat(from xf: Int, fill color: UInt32) -> Int {
        let key = DerivedKey(xf: xf, fill: color)
        if let index = derived[key] { return index }
        let fill = solidFill(color)
        let index: Int
        if xf < xfs.count {
            let (tag, whole) = xfs[xf]
            if tag.value("fillId").flatMap(Int.init) == fill {
                index = xf   // already this fill (a copy annotated again)
            } else {
                var element = tag.rewritten(setting: [(tag.qualifiedName(ofLocal: "fillId") ?? "fillId", "\(fill)"),
                                                      (tag.qualifiedName(ofLocal: "applyFill") ?? "applyFill", "1")])
                if !tag.isEmptyElement { element += bytes[(whole.lowerBound + tag.bytes.count)..<whole.upperBound] }
                index = append("cellXfs", String(decoding: element, as: UTF8.self))
            }
        } else {
            index = append("cellXfs", "<\(prefix("cellXfs"))xf numFmtId=\"0\" fontId=\"0\" fillId=\"\(fill)\" borderId=\"0\" xfId=\"0\" applyFill=\"1\"/>")
        }
        derived[key] = index
        return index
    }

    /// The index of a format for an added sheet's cell.
    func format(for style: CellStyle, link: Bool) -> Int {
        let key = StyleKey(style: style, link: link)
        if let index = styleIndex[key] { return index }
        let p = prefix("fonts")
        var font = "<\(p)font>"
        if style.bold { font += "<\(p)b/>" }
        if style.italic { font += "<\(p)i/>" }
        if link { font += "<\(p)u/>" }
        font += "<\(p)sz val=\"\(Self.number(style.fontSize))\"/>"
        if let color = style.fontColor { font += "<\(p)color rgb=\"\(Self.argb(color))\"/>" }
        font += "<\(p)name val=\"\(XMLText.escape(style.fontName))\"/><\(p)family val=\"1\"/></\(p)font>"
        let fontID = fontIndex[font] ?? append("fonts", font)
        fontIndex[font] = fontID
        let fillID = style.fillColor.map(solidFill) ?? 0
        var borderID = 0
        if style.border != .none {
            let b = prefix("borders")
            let kind = style.border == .thin ? "thin" : "medium"
            let color = style.borderColor.map { "<\(b)color rgb=\"\(Self.argb($0))\"/>" } ?? "<\(b)color auto=\"1\"/>"
            let border = "<\(b)border>" + ["left", "right", "top", "bottom"].map { "<\(b)\($0) style=\"\(kind)\">\(color)</\(b)\($0)>" }.joined()
                + "<\(b)diagonal/></\(b)border>"
            borderID = borderIndex[border] ?? append("borders", border)
            borderIndex[border] = borderID
        }
        let x = prefix("cellXfs")
        var alignment = ""
        if let h = style.horizontal { alignment += " horizontal=\"\(h)\"" }
        if let v = style.vertical { alignment += " vertical=\"\(v)\"" }
        if style.wrap { alignment += " wrapText=\"1\"" }
        if style.indent > 0 { alignment += " indent=\"\(style.indent)\"" }
        var xf = "<\(x)xf numFmtId=\"0\" fontId=\"\(fontID)\" fillId=\"\(fillID)\" borderId=\"\(borderID)\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\" applyBorder=\"1\" applyAlignment=\"1\" applyProtection=\"1\">"
        if !alignment.isEmpty { xf += "<\(x)alignment\(alignment)/>" }
        if !style.locked || style.hidden {
            xf += "<\(x)protection locked=\"\(style.locked ? 1 : 0)\" hidden=\"\(style.hidden ? 1 : 0)\"/>"
        }
        xf += "</\(x)xf>"
        let index = append("cellXfs", xf)
        styleIndex[key] = index
        return index
    }

    /// The edited stylesheet.
    func result() -> [UInt8] {
        var edits: [ByteEdit] = []
        for name in ["fonts", "fills", "borders", "cellXfs"] {
            guard let new = added[name], !new.isEmpty else { continue }
            let text = Array(new.joined().utf8)
            if let c = collections[name] {
                let countName = c.startTag.qualifiedName(ofLocal: "count") ?? "count"
                let total = c.childCount + new.count
                if let end = c.endOffset {
                    edits.append(ByteEdit(offset: c.startOffset, length: c.startTag.bytes.count,
                                          insert: c.startTag.rewritten(setting: [(countName, "\(total)")])))
                    edits.append(ByteEdit(offset: end, length: 0, insert: text))
                } else {
                    edits.append(ByteEdit(offset: c.startOffset, length: c.startTag.bytes.count,
                                          insert: c.startTag.rewritten(setting: [(countName, "\(total)")], emptyElement: false)
                                              + text + Array("</\(c.startTag.name)>".utf8)))
                }
            } else {
                let p = rootPrefix
                let element = Array("<\(p)\(name) count=\"\(Self.defaults(name, p).count + new.count)\">".utf8)
                    + Array(Self.defaults(name, p).joined().utf8) + text + Array("</\(p)\(name)>".utf8)
                edits.append(ByteEdit(offset: insertionOffset(for: name), length: 0, insert: element))
            }
        }
        return XMLSplice.apply(edits, to: bytes)
    }

    // MARK: - Helpers

    private static let order = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles",
                                "dxfs", "tableStyles", "colors", "extLst"]

    /// Where a missing collection goes: before the first later sibling in schema order.
    private func insertionOffset(for name: String) -> Int {
        let later = Set(Self.order.drop(while: { $0 != name }).dropFirst())
        return children.first(where: { later.contains($0.name) })?.offset ?? rootEnd
    }

    /// The children a collection must start with when it is created (Excel reserves
    /// fills 0 and 1, and format 0 is the default).
    private static func defaults(_ name: String, _ p: String) -> [String] {
        switch name {
        case "fonts": return ["<\(p)font><\(p)sz val=\"11\"/><\(p)name val=\"Calibri\"/></\(p)font>"]
        case "fills": return ["<\(p)fill><\(p)patternFill patternType=\"none\"/></\(p)fill>",
                              "<\(p)fill><\(p)patternFill patternType=\"gray125\"/></\(p)fill>"]
        case "borders": return ["<\(p)border><\(p)left/><\(p)right/><\(p)top/><\(p)bottom/><\(p)diagonal/></\(p)border>"]
        case "cellXfs": return ["<\(p)xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"]
        default: return []
        }
    }

    private func prefix(_ collection: String) -> String {
        collections[collection]?.startTag.prefix ?? rootPrefix
    }

    private func count(_ collection: String) -> Int {
        if let c = collections[collection] { return c.childCount }
        return Self.defaults(collection, "").count
    }

    /// Appends a child to a collection; returns its index.
    private func append(_ collection: String, _ xml: String) -> Int {
        added[collection, default: []].append(xml)
        return count(collection) + added[collection]!.count - 1
    }

    private func solidFill(_ color: UInt32) -> Int {
        if let index = fillIndex[color] { return index }
        let p = prefix("fills")
        let xml = "<\(p)fill><\(p)patternFill patternType=\"solid\"><\(p)fgColor rgb=\"\(Self.argb(color))\"/>"
            + "<\(p)bgColor indexed=\"64\"/></\(p)patternFill></\(p)fill>"
        let index = existingFills[xml] ?? append("fills", xml)
        fillIndex[color] = index
        return index
    }

    static func argb(_ color: UInt32) -> String {
        let hex = String(color & 0xFFFFFF, radix: 16, uppercase: true)
        return "FF" + String(repeating: "0", count: 6 - hex.count) + hex
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    // MARK: - Scanner

    private final class Scanner: XMLContentHandler {
        unowned(unsafe) var parser: XMLStreamParser!
        var collections: [String: Collection] = [:]
        var elements: [String: [(tag: RawTag, whole: Range<Int>)]] = [:]
        var rootPrefix = ""
        var children: [(name: String, offset: Int)] = []
        var rootEnd = 0
        private var depth = 0
        private var current: String?
        private var childStart: (tag: RawTag, offset: Int)?
        let wantsCharacters = false

        func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws {
            depth += 1
            if depth == 1 {
                rootPrefix = RawTag(parser.currentEventBytes()).prefix
            } else if depth == 2 {
                let tag = RawTag(parser.currentEventBytes())
                let local = Self.local(tag.name)
                children.append((local, parser.currentByteIndex))
                if ["fonts", "fills", "borders", "cellXfs"].contains(local) {
                    current = local
                    collections[local] = Collection(startOffset: parser.currentByteIndex, startTag: tag)
                }
            } else if depth == 3, let current {
                collections[current]!.childCount += 1
                let tag = RawTag(parser.currentEventBytes())
                if tag.isEmptyElement {
                    let start = parser.currentByteIndex
                    elements[current, default: []].append((tag, start..<(start + tag.bytes.count)))
                } else {
                    childStart = (tag, parser.currentByteIndex)
                }
            }
        }

        func endElement(_ name: XMLName) throws {
            defer { depth -= 1 }
            if depth == 3, let current, let start = childStart {
                elements[current, default: []].append((start.tag, start.offset..<(parser.currentByteIndex + parser.currentByteCount)))
                childStart = nil
            } else if depth == 2, let name = current {
                if parser.currentByteCount > 0 { collections[name]!.endOffset = parser.currentByteIndex }
                current = nil
            } else if depth == 1 {
                rootEnd = parser.currentByteIndex
            }
        }

        func characters(_ bytes: UnsafeRawBufferPointer) throws {}

        static func local(_ name: String) -> String {
            if let colon = name.lastIndex(of: ":") { return String(name[name.index(after: colon)...]) }
            return name
        }
    }
}
