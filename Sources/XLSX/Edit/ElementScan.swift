/// A first pass over a small part (workbook, relationships, content types, comments):
/// every element down to `maxDepth` with its raw start tag and byte offsets, and the text
/// inside the elements named in `textInside`.
final class ElementScan: XMLContentHandler {
    struct Element {
        /// Local name (prefix removed).
        let name: String
        let depth: Int
        /// Offset of `<`.
        let start: Int
        let tag: RawTag
        /// Offset of the end tag; nil for an empty element `<x/>`.
        var end: Int?
        /// Offset just past the element.
        var after: Int
        /// Character data inside, when the element's name is in `textInside`.
        var text = ""
        /// Index of the parent element in ``ElementScan/elements``.
        let parent: Int?
    }

    private(set) var elements: [Element] = []
    private let maxDepth: Int
    private let textInside: Set<String>
    private let limit: Int
    private let part: String
    unowned(unsafe) var parser: XMLStreamParser!
    private var stack: [Int?] = []
    private var textTargets: [Int] = []
    private var textBytes = 0

    init(part: String, maxDepth: Int, textInside: Set<String> = [], limits: ReadLimits) {
        self.part = part
        self.maxDepth = maxDepth
        self.textInside = textInside
        self.limit = limits.maxStringBytes
    }

    /// Scans a part read from the archive.
    static func scan(_ part: String, in archive: ZipArchive, maxDepth: Int, textInside: Set<String> = [],
                     limits: ReadLimits) throws -> (scan: ElementScan, bytes: [UInt8])? {
        guard archive.contains(part) else { return nil }
        let bytes = try XMLSplice.applied([], to: part, in: archive)
        return (try scan(bytes, part: part, maxDepth: maxDepth, textInside: textInside, limits: limits), bytes)
    }

    static func scan(_ bytes: [UInt8], part: String, maxDepth: Int, textInside: Set<String> = [],
                     limits: ReadLimits) throws -> ElementScan {
        let handler = ElementScan(part: part, maxDepth: maxDepth, textInside: textInside, limits: limits)
        let parser = try XMLStreamParser(part: part, handler: handler)
        handler.parser = parser
        try parser.parse(bytes: bytes)
        return handler
    }

    var wantsCharacters: Bool { !textTargets.isEmpty }

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws {
        let depth = stack.count + 1
        guard depth <= maxDepth else {
            stack.append(nil)
            return
        }
        let tag = RawTag(parser.currentEventBytes())
        let full = tag.name
        let local = full.lastIndex(of: ":").map { String(full[full.index(after: $0)...]) } ?? full
        let start = parser.currentByteIndex
        let parent = stack.last(where: { $0 != nil }) ?? nil
        elements.append(Element(name: local, depth: depth, start: start, tag: tag, end: nil,
                                after: start + tag.bytes.count, parent: parent))
        stack.append(elements.count - 1)
        if textInside.contains(local) { textTargets.append(elements.count - 1) }
    }

    func endElement(_ name: XMLName) throws {
        guard let last = stack.popLast(), let index = last else { return }
        if parser.currentByteCount > 0 {
            elements[index].end = parser.currentByteIndex
            elements[index].after = parser.currentByteIndex + parser.currentByteCount
        }
        if textTargets.last == index { textTargets.removeLast() }
    }

    func characters(_ bytes: UnsafeRawBufferPointer) throws {
        textBytes += bytes.count
        if textBytes > limit * 16 {
            throw XLSXError.limitExceeded(part: part, limit: "văn bản dài quá \(LimitText.bytes(limit * 16))")
        }
        for index in textTargets { elements[index].text += String(decoding: bytes, as: UTF8.self) }
    }

    /// Elements with this local name.
    func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }

    /// The first element with this local name.
    func first(_ name: String) -> Element? { elements.first { $0.name == name } }
}
