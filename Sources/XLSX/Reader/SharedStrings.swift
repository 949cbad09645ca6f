/// Reads `xl/sharedStrings.xml`: each `<si>` is plain `<t>` text or rich `<r><t>` runs,
/// concatenated; phonetic `<rPh>` runs are ignored.
enum SharedStrings {
    static func read(_ stream: ZipEntryStream, limits: ReadLimits) throws -> [String] {
        let handler = SharedStringsHandler(part: stream.part, limits: limits)
        try XMLStreamParser(part: stream.part, handler: handler).parse(stream)
        return handler.strings
    }
}

private final class SharedStringsHandler: XMLContentHandler {
    let part: String
    let limits: ReadLimits
    var strings: [String] = []
    private var text: TextBuffer
    private var inItem = false
    private var inText = false
    private var phoneticDepth = 0

    init(part: String, limits: ReadLimits) {
        self.part = part
        self.limits = limits
        self.text = TextBuffer(limit: limits.maxStringBytes)
    }

    var wantsCharacters: Bool { inText }

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws {
        switch name {
        case .si:
            inItem = true
            phoneticDepth = 0
            text.removeAll()
        case .t:
            inText = inItem && phoneticDepth == 0
        case .rPh:
            phoneticDepth += 1
        case .other:
            // `<sst uniqueCount="…">`: a capacity hint only, never trusted beyond a bound.
            if strings.isEmpty, let count = attributes.string(.uniqueCount).flatMap({ Int($0) }) {
                strings.reserveCapacity(min(max(count, 0), min(limits.maxSharedStrings, 1 << 20)))
            }
        default:
            break
        }
    }

    func endElement(_ name: XMLName) throws {
        switch name {
        case .t:
            inText = false
        case .rPh:
            phoneticDepth = max(0, phoneticDepth - 1)
        case .si:
            guard inItem else { return }
            if strings.count >= limits.maxSharedStrings {
                throw XLSXError.limitExceeded(
                    part: part, limit: "quá \(LimitText.count(limits.maxSharedStrings)) chuỗi dùng chung")
            }
            strings.append(text.decodedString())
            inItem = false
        default:
            break
        }
    }

    func characters(_ bytes: UnsafeRawBufferPointer) throws {
        try text.append(bytes, part: part)
    }
}
