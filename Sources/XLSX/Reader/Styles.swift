/// Reads `xl/styles.xml` just far enough to know which cell formats (`cellXfs`) show
/// dates: the result is indexed by a cell's `s` attribute.
enum Styles {
    static func readDateStyles(_ stream: ZipEntryStream, limits: ReadLimits) throws -> [Bool] {
        let handler = StylesHandler()
        try XMLStreamParser(part: stream.part, handler: handler).parse(stream)
        return handler.cellFormatIDs.map { id in
            if let code = handler.customFormats[id] { return DateFormats.isDateFormat(code) }
            return DateFormats.isBuiltInDate(id)
        }
    }
}

private final class StylesHandler: XMLContentHandler {
    var customFormats: [Int: String] = [:]
    var cellFormatIDs: [Int] = []
    private var inCellXfs = false
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
        case .cellXfs:
            inCellXfs = true
        case .xf where inCellXfs:
            var id = 0
            attributes.forEach { attr, value in
                if attr == .numFmtId { id = CBytes.parseInt(value) ?? 0 }
            }
            cellFormatIDs.append(id)
        default:
            break
        }
    }

    func endElement(_ name: XMLName) throws {
        if name == .cellXfs { inCellXfs = false }
    }

    func characters(_ bytes: UnsafeRawBufferPointer) throws {}
}
