/// What the reader needs from `xl/styles.xml`, indexed by a cell's `s` attribute (its
/// `cellXfs` entry): whether the format shows dates, and the font's name (a hint for
/// legacy Vietnamese encodings such as `.VnTime` or `VNI-Times`).
struct CellStyles {
    var isDate: [Bool] = []
    var fontName: [String?] = []
}

/// Reads `xl/styles.xml` just far enough to fill ``CellStyles``: `numFmts`, the fonts'
/// names and `cellXfs`. Parsing (and inflating) stops at the end of `cellXfs` once the
/// fonts have been seen, which in schema order (`numFmts`, `fonts`, `fills`, `borders`,
/// `cellStyleXfs`, `cellXfs`, then `cellStyles`, `dxfs`, …) skips everything after it.
enum Styles {
    static func read(_ stream: ZipEntryStream, limits: ReadLimits) throws -> CellStyles {
        let handler = StylesHandler()
        try XMLStreamParser(part: stream.part, handler: handler).parse(stream)
        var styles = CellStyles()
        styles.isDate = handler.cellFormats.map { xf in
            if let code = handler.customFormats[xf.numFmtID] { return DateFormats.isDateFormat(code) }
            return DateFormats.isBuiltInDate(xf.numFmtID)
        }
        styles.fontName = handler.cellFormats.map { xf in
            xf.fontID < handler.fontNames.count ? handler.fontNames[xf.fontID] : nil
        }
        return styles
    }
}

private final class StylesHandler: XMLContentHandler {
    struct CellFormat {
        var numFmtID = 0
        var fontID = 0
    }

    var customFormats: [Int: String] = [:]
    var cellFormats: [CellFormat] = []
    var fontNames: [String?] = []
    private var inCellXfs = false
    private var inFonts = false
    private var inFont = false
    private var sawFonts = false
    private var sawCellXfs = false
    let wantsCharacters = false

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws {
        switch name {
        case .numFmt:
            var id: Int?
            var code: String?
            attributes.forEach { attr, value in
                switch attr {
                case .numFmtId: id = CBytes.parseInt(value)
                case .formatCode: code = String(cString: value)
                default: break
                }
            }
            if let id, let code { customFormats[id] = code }
        case .fonts:
            inFonts = true
        case .font where inFonts:
            inFont = true
            fontNames.append(nil)
        case .name where inFont:
            if let value = attributes.string(.val), !fontNames.isEmpty {
                fontNames[fontNames.count - 1] = String(value.prefix(64))
            }
        case .cellXfs:
            inCellXfs = true
        case .xf where inCellXfs:
            var xf = CellFormat()
            attributes.forEach { attr, value in
                switch attr {
                case .numFmtId: xf.numFmtID = CBytes.parseInt(value) ?? 0
                case .fontId: xf.fontID = CBytes.parseInt(value) ?? 0
                default: break
                }
            }
            cellFormats.append(xf)
        default:
            break
        }
    }

    func endElement(_ name: XMLName) throws {
        switch name {
        case .cellXfs:
            inCellXfs = false
            sawCellXfs = true
            // Nothing after `cellXfs` is needed once the fonts are known; a font list
            // written after it (out of schema order) is still read.
            if sawFonts { throw XMLStreamParser.StopParsing() }
        case .fonts:
            inFonts = false
            sawFonts = true
            if sawCellXfs { throw XMLStreamParser.StopParsing() }
        case .font: inFont = false
        default: break
        }
    }

    func characters(_ bytes: UnsafeRawBufferPointer) throws {}
}
