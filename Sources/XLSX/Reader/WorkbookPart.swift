/// What `xl/workbook.xml` says: sheets in order, the date system and defined names.
struct WorkbookPart {
    struct SheetEntry {
        var name: String
        var state: SheetState
        var relationshipID: String?
    }

    struct DefinedName {
        var name: String
        var localSheetIndex: Int?
        var formula: String
    }

    var sheets: [SheetEntry] = []
    var date1904 = false
    var definedNames: [DefinedName] = []

    static func read(_ stream: ZipEntryStream, limits: ReadLimits) throws -> WorkbookPart {
        let handler = WorkbookHandler(part: stream.part, limits: limits)
        try XMLStreamParser(part: stream.part, handler: handler).parse(stream)
        return handler.result
    }
}

private final class WorkbookHandler: XMLContentHandler {
    let part: String
    var result = WorkbookPart()
    private var pendingName: WorkbookPart.DefinedName?
    private var text: TextBuffer

    init(part: String, limits: ReadLimits) {
        self.part = part
        self.text = TextBuffer(limit: limits.maxStringBytes)
    }

    var wantsCharacters: Bool { pendingName != nil }

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws {
        switch name {
        case .sheet:
            var entry = WorkbookPart.SheetEntry(name: "", state: .visible, relationshipID: nil)
            attributes.forEach { attr, value in
                switch attr {
                case .name: entry.name = String(cString: value)
                case .state:
                    if CBytes.equals(value, "hidden") { entry.state = .hidden }
                    else if CBytes.equals(value, "veryHidden") { entry.state = .veryHidden }
                case .id: entry.relationshipID = String(cString: value)
                default: break
                }
            }
            result.sheets.append(entry)
        case .workbookPr:
            attributes.forEach { attr, value in
                if attr == .date1904 { result.date1904 = CBytes.isTrue(value) }
            }
        case .definedName:
            var item = WorkbookPart.DefinedName(name: "", localSheetIndex: nil, formula: "")
            attributes.forEach { attr, value in
                switch attr {
                case .name: item.name = String(cString: value)
                case .localSheetId: item.localSheetIndex = CBytes.parseInt(value)
                default: break
                }
            }
            text.removeAll()
            pendingName = item
        default:
            break
        }
    }

    func endElement(_ name: XMLName) throws {
        if name == .definedName, var item = pendingName {
            item.formula = String(decoding: text.bytes, as: UTF8.self)
            result.definedNames.append(item)
            pendingName = nil
        }
    }

    func characters(_ bytes: UnsafeRawBufferPointer) throws {
        try text.append(bytes, part: part)
    }
}
