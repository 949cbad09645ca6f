import CExpat

/// Receives the events of one part's XML. Handlers may throw an `XLSXError`; parsing then
/// stops and the error is rethrown by ``XMLStreamParser/parse(_:afterChunk:)``.
protocol XMLContentHandler: AnyObject {
    func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws
    func endElement(_ name: XMLName) throws
    /// Character data; only called while ``wantsCharacters`` is true.
    func characters(_ bytes: UnsafeRawBufferPointer) throws
    var wantsCharacters: Bool { get }
}

/// A handler with its own vocabulary of element names (Word's `w:tbl`, `w:tc`…): it gets
/// expat's names unclassified, and ``XMLContentHandler``'s name methods are not called.
protocol XMLRawNameHandler: XMLContentHandler {
    func startElement(raw name: UnsafePointer<CChar>, _ attributes: XMLAttributes) throws
    func endElement(raw name: UnsafePointer<CChar>) throws
}

/// An expat parser fed in chunks straight from a zip entry. Refuses any DTD before a
/// single entity is expanded and maps expat's errors to ``XLSXError``.
final class XMLStreamParser {
    static let chunkSize = 64 << 10

    /// Thrown by a handler that has everything it needs: parsing ends there, without
    /// reading (or checking) the rest of the part, and ``parse(_:afterChunk:)`` returns
    /// normally.
    struct StopParsing: Error {}

    private let parser: XML_Parser
    private let handler: any XMLContentHandler
    private let rawHandler: (any XMLRawNameHandler)?
    private let part: String
    @exclusivity(unchecked) private var failure: (any Error)?
    @exclusivity(unchecked) private var sawDTD = false
    @exclusivity(unchecked) private var stoppedEarly = false
    /// The raw (possibly prefixed) name of the element being reported, valid inside a handler.
    @exclusivity(unchecked) private(set) var currentRawName: UnsafePointer<CChar>?

    init(part: String, handler: any XMLContentHandler) throws {
        guard let parser = XML_ParserCreate(nil) else {
            throw XLSXError.corrupt("không đủ bộ nhớ để đọc phần \(part)")
        }
        self.parser = parser
        self.handler = handler
        self.rawHandler = handler as? any XMLRawNameHandler
        self.part = part
        XML_SetUserData(parser, Unmanaged.passUnretained(self).toOpaque())
        XML_SetElementHandler(parser, { userData, name, attributes in
            guard let userData, let name else { return }
            Unmanaged<XMLStreamParser>.fromOpaque(userData).takeUnretainedValue().start(name, attributes)
        }, { userData, name in
            guard let userData, let name else { return }
            Unmanaged<XMLStreamParser>.fromOpaque(userData).takeUnretainedValue().end(name)
        })
        XML_SetCharacterDataHandler(parser) { userData, text, length in
            guard let userData, let text, length > 0 else { return }
            Unmanaged<XMLStreamParser>.fromOpaque(userData).takeUnretainedValue().text(text, Int(length))
        }
        XML_SetStartDoctypeDeclHandler(parser) { userData, _, _, _, _ in
            guard let userData else { return }
            Unmanaged<XMLStreamParser>.fromOpaque(userData).takeUnretainedValue().refuseDTD()
        }
        XML_SetEntityDeclHandler(parser) { userData, _, _, _, _, _, _, _, _ in
            guard let userData else { return }
            Unmanaged<XMLStreamParser>.fromOpaque(userData).takeUnretainedValue().refuseDTD()
        }
    }

    deinit {
        XML_ParserFree(parser)
    }

    /// Parses the whole entry. `afterChunk` runs after each chunk has been parsed (outside
    /// expat's callbacks), which is where rows are handed to the caller.
    func parse(_ stream: ZipEntryStream, afterChunk: () throws -> Void = {}) throws {
        try parse(reading: { try stream.read(into: $0, capacity: $1) }, afterChunk: afterChunk)
    }

    /// Parses bytes already in memory (a part read and limit-checked before).
    func parse(bytes: [UInt8]) throws {
        var offset = 0
        try parse(reading: { buffer, capacity in
            let n = min(capacity, bytes.count - offset)
            guard n > 0 else { return 0 }
            bytes.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
            offset += n
            return n
        })
    }

    /// Parses what `read(buffer, capacity)` produces until it returns 0.
    private func parse(reading read: (UnsafeMutableRawPointer, Int) throws -> Int,
                       afterChunk: () throws -> Void = {}) throws {
        // Bounded: every iteration consumes bytes from the entry, which the limits cap.
        while true {
            guard let buffer = XML_GetBuffer(parser, Int32(Self.chunkSize)) else {
                throw XLSXError.corrupt("không đủ bộ nhớ để đọc phần \(part)")
            }
            let n = try read(buffer, Self.chunkSize)
            let status = XML_ParseBuffer(parser, Int32(n), n == 0 ? 1 : 0)
            if let failure { throw failure }
            if sawDTD { throw XLSXError.forbiddenDTD(part: part) }
            if stoppedEarly {
                try afterChunk()
                return
            }
            if status != XML_STATUS_OK {
                let code = XML_GetErrorCode(parser)
                let reason = XML_ErrorString(code).map { String(cString: $0) } ?? "lỗi \(code.rawValue)"
                throw XLSXError.malformedXML(part: part, line: Int(XML_GetCurrentLineNumber(parser)), reason: reason)
            }
            try afterChunk()
            if n == 0 { return }
        }
    }

    // MARK: - Position of the current event (for editors that splice the original bytes)

    /// Offset, in the part's bytes, of the event being reported; valid inside a handler.
    var currentByteIndex: Int { Int(XML_GetCurrentByteIndex(parser)) }

    /// Length in bytes of the event being reported (a whole start tag, `<c …/>` included;
    /// 0 for the end of an empty element); valid inside a handler.
    var currentByteCount: Int { Int(XML_GetCurrentByteCount(parser)) }

    /// The undecoded bytes of the event being reported; valid inside a handler.
    func currentEventBytes() -> [UInt8] {
        var offset: Int32 = 0
        var size: Int32 = 0
        let count = currentByteCount
        guard count > 0, let base = XML_GetInputContext(parser, &offset, &size),
              Int(offset) + count <= Int(size) else { return [] }
        return base.withMemoryRebound(to: UInt8.self, capacity: Int(size)) { p in
            Array(UnsafeBufferPointer(start: p + Int(offset), count: count))
        }
    }

    // MARK: - Callbacks

    @inline(__always)
    private func start(_ name: UnsafePointer<CChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<CChar>?>?) {
        currentRawName = name
        do {
            if let rawHandler {
                try rawHandler.startElement(raw: name, XMLAttributes(raw: attributes))
                return
            }
            try handler.startElement(XMLName.classify(name), XMLAttributes(raw: attributes))
        } catch {
            stop(error)
        }
    }

    @inline(__always)
    private func end(_ name: UnsafePointer<CChar>) {
        currentRawName = name
        do {
            if let rawHandler {
                try rawHandler.endElement(raw: name)
                return
            }
            try handler.endElement(XMLName.classify(name))
        } catch {
            stop(error)
        }
    }

    @inline(__always)
    private func text(_ text: UnsafePointer<CChar>, _ length: Int) {
        guard handler.wantsCharacters else { return }
        do {
            try handler.characters(UnsafeRawBufferPointer(start: text, count: length))
        } catch {
            stop(error)
        }
    }

    private func refuseDTD() {
        sawDTD = true
        XML_StopParser(parser, XML_FALSE)
    }

    private func stop(_ error: any Error) {
        if error is StopParsing {
            // A DTD is refused before any element is reported, so it cannot be skipped here.
            if failure == nil { stoppedEarly = true }
            XML_StopParser(parser, XML_FALSE)
            return
        }
        stoppedEarly = false
        if failure == nil { failure = error }
        XML_StopParser(parser, XML_FALSE)
    }
}

/// A growable byte buffer for text content, bounded by ``ReadLimits/maxStringBytes``.
struct TextBuffer {
    private(set) var bytes: [UInt8] = []
    let limit: Int

    init(limit: Int) {
        self.limit = limit
        bytes.reserveCapacity(64)
    }

    var isEmpty: Bool { bytes.isEmpty }

    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// Appends, throwing `.limitExceeded` when the text grows beyond the limit.
    mutating func append(_ chunk: UnsafeRawBufferPointer, part: String) throws {
        if bytes.count + chunk.count > limit {
            throw XLSXError.limitExceeded(part: part, limit: "một chuỗi dài quá \(LimitText.bytes(limit))")
        }
        bytes.append(contentsOf: chunk)
    }

    /// The text with Excel's `_xHHHH_` escapes decoded.
    func decodedString() -> String { OOXMLText.decode(bytes) }
}
