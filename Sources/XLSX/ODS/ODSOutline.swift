/// The first pass over an OpenDocument `content.xml`: the sheets in order with their
/// visibility (a table style with `table:display="false"`), the font of each cell style (a
/// hint for legacy Vietnamese encodings) and the date system (`table:null-date`). Cells are
/// not looked at.
final class ODSOutline: XMLRawNameHandler {
    struct Sheet {
        var name: String
        var styleName: String?
    }

    private(set) var sheets: [Sheet] = []
    private(set) var hiddenTableStyles = Set<String>()
    private(set) var cellStyleFonts: [String: String] = [:]
    private var fontFamilies: [String: String] = [:]
    private(set) var date1904 = false
    private var currentStyle: (name: String, family: String)?
    private var tableDepth = 0
    let wantsCharacters = false

    /// The font family of each cell style, with font-face names resolved.
    var fontOfCellStyle: [String: String] {
        cellStyleFonts.mapValues { fontFamilies[$0] ?? $0 }
    }

    func startElement(raw name: UnsafePointer<CChar>, _ attributes: XMLAttributes) throws {
        switch ODFName.classify(name) {
        case .table:
            tableDepth += 1
            guard tableDepth == 1 else { return }
            var sheet = Sheet(name: "", styleName: nil)
            attributes.forEachODF { attr, value in
                switch attr {
                case .tableName: sheet.name = String(cString: value)
                case .tableStyleName: sheet.styleName = String(cString: value)
                default: break
                }
            }
            sheets.append(sheet)
        case .style:
            var styleName = "", family = ""
            attributes.forEachODF { attr, value in
                switch attr {
                case .styleName: styleName = String(cString: value)
                case .styleFamily: family = String(cString: value)
                default: break
                }
            }
            currentStyle = (styleName, family)
        case .tableProperties:
            guard let style = currentStyle, style.family == "table" else { return }
            attributes.forEachODF { attr, value in
                if attr == .display, CBytes.equals(value, "false") { hiddenTableStyles.insert(style.name) }
            }
        case .textProperties:
            guard let style = currentStyle, style.family == "table-cell" else { return }
            attributes.forEachODF { attr, value in
                if attr == .fontName { cellStyleFonts[style.name] = String(String(cString: value).prefix(64)) }
            }
        case .fontFace:
            var face = "", family = ""
            attributes.forEachODF { attr, value in
                switch attr {
                case .styleName: face = String(cString: value)
                case .svgFontFamily: family = String(cString: value).trimmingQuotes()
                default: break
                }
            }
            if !face.isEmpty, !family.isEmpty { fontFamilies[face] = String(family.prefix(64)) }
        case .nullDate:
            attributes.forEachODF { attr, value in
                if attr == .dateValueOfNullDate { date1904 = String(cString: value).hasPrefix("1904-01-01") }
            }
        default:
            break
        }
    }

    func endElement(raw name: UnsafePointer<CChar>) throws {
        switch ODFName.classify(name) {
        case .table: tableDepth -= 1
        case .style: currentStyle = nil
        default: break
        }
    }

    // Classified-name events are not used (raw names are delivered instead).
    func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws {}
    func endElement(_ name: XMLName) throws {}
    func characters(_ bytes: UnsafeRawBufferPointer) throws {}
}

extension String {
    /// `'VNI-Times'` → `VNI-Times`.
    func trimmingQuotes() -> String {
        var s = Substring(self)
        while let f = s.first, f == "'" || f == "\"" { s = s.dropFirst() }
        while let l = s.last, l == "'" || l == "\"" { s = s.dropLast() }
        return String(s)
    }
}
