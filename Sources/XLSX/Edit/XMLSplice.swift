#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One change to a part's bytes: remove `length` bytes at `offset`, put `insert` there.
struct ByteEdit {
    var offset: Int
    var length: Int
    var insert: [UInt8]
}

/// Applies byte edits to a part while streaming it: every byte not covered by an edit is
/// copied as it was. Edits are applied in offset order (stable for equal offsets).
enum XMLSplice {
    /// Streams `part` from the archive through the edits into `sink`.
    static func apply(_ edits: [ByteEdit], to part: String, in archive: ZipArchive,
                      sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard let stream = try archive.open(part) else { throw XLSXError.missingPart(part) }
        let sorted = ordered(edits)
        var next = 0
        var position = 0          // offset in the original bytes of buffer[0]
        var skip = 0              // original bytes still to drop (inside an edit's range)
        let capacity = 64 << 10
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            let n = try stream.read(into: buffer, capacity: capacity)
            var i = 0
            while i < n {
                if skip > 0 {
                    let drop = min(skip, n - i)
                    skip -= drop
                    i += drop
                    continue
                }
                let here = position + i
                if next < sorted.count, sorted[next].offset <= here {
                    let edit = sorted[next]
                    next += 1
                    try edit.insert.withUnsafeBytes { try sink($0) }
                    skip = edit.length
                    continue
                }
                let stop = next < sorted.count ? min(n, sorted[next].offset - position) : n
                try sink(UnsafeRawBufferPointer(start: buffer + i, count: stop - i))
                i = stop
            }
            position += n
            if n == 0 { break }
        }
        // Edits at the very end (offset == part length).
        while next < sorted.count {
            try sorted[next].insert.withUnsafeBytes { try sink($0) }
            next += 1
        }
    }

    /// Edits in the order they apply: by offset; at one offset, insertions before
    /// replacements, otherwise as given.
    static func ordered(_ edits: [ByteEdit]) -> [ByteEdit] {
        edits.enumerated().sorted {
            ($0.element.offset, $0.element.length > 0 ? 1 : 0, $0.offset) < ($1.element.offset, $1.element.length > 0 ? 1 : 0, $1.offset)
        }.map(\.element)
    }

    /// Applies edits to bytes already in memory.
    static func apply(_ edits: [ByteEdit], to bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 1024)
        var position = 0
        for edit in ordered(edits) {
            out += bytes[position..<max(position, edit.offset)]
            out += edit.insert
            position = max(position, edit.offset + edit.length)
        }
        out += bytes[position...]
        return out
    }

    /// The whole edited part in memory (for small parts: rels, workbook, styles…).
    static func applied(_ edits: [ByteEdit], to part: String, in archive: ZipArchive) throws -> [UInt8] {
        var out: [UInt8] = []
        try apply(edits, to: part, in: archive) { out.append(contentsOf: $0) }
        return out
    }
}

/// A start tag's raw bytes, split into its attributes so single values can be changed
/// while everything else (order, quotes, prefixes, entities) stays as written.
struct RawTag {
    let bytes: [UInt8]
    /// Byte range of the qualified name after `<`.
    private(set) var nameRange: Range<Int> = 0..<0
    /// Attribute name range and value range (inside the quotes).
    private(set) var attributes: [(name: Range<Int>, value: Range<Int>)] = []
    /// True for `<x …/>`.
    private(set) var isEmptyElement = false
    /// Offset of `>` or `/>` closing the tag.
    private(set) var closeOffset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var i = 1
        let n = bytes.count
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        let nameStart = i
        while i < n, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: ">"), bytes[i] != UInt8(ascii: "/") { i += 1 }
        nameRange = nameStart..<i
        while i < n {
            while i < n, isSpace(bytes[i]) { i += 1 }
            guard i < n else { break }
            if bytes[i] == UInt8(ascii: "/") || bytes[i] == UInt8(ascii: ">") {
                closeOffset = i
                isEmptyElement = bytes[i] == UInt8(ascii: "/")
                return
            }
            let start = i
            while i < n, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: "=") { i += 1 }
            let name = start..<i
            while i < n, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "'") { i += 1 }
            guard i < n else { break }
            let quote = bytes[i]
            i += 1
            let valueStart = i
            while i < n, bytes[i] != quote { i += 1 }
            attributes.append((name, valueStart..<i))
            i += 1
        }
        closeOffset = max(0, n - 1)
    }

    /// The qualified element name, e.g. `x:c`.
    var name: String { String(decoding: bytes[nameRange], as: UTF8.self) }

    /// The namespace prefix with its colon (`x:`), or empty.
    var prefix: String {
        guard let colon = bytes[nameRange].firstIndex(of: UInt8(ascii: ":")) else { return "" }
        return String(decoding: bytes[nameRange.lowerBound...colon], as: UTF8.self)
    }

    /// The local part of an attribute's name.
    private func localName(_ range: Range<Int>) -> ArraySlice<UInt8> {
        let slice = bytes[range]
        if let colon = slice.lastIndex(of: UInt8(ascii: ":")) { return bytes[(colon + 1)..<range.upperBound] }
        return slice
    }

    /// The raw (undecoded) value of the first attribute with this local name (and, when
    /// given, this exact qualified name).
    func value(_ local: String, qualified: Bool = false) -> String? {
        let wanted = Array(local.utf8)
        for attribute in attributes {
            let name = qualified ? bytes[attribute.name] : localName(attribute.name)
            if name.elementsEqual(wanted) { return String(decoding: bytes[attribute.value], as: UTF8.self) }
        }
        return nil
    }

    /// The qualified name of the first attribute with this local name, e.g. `r:id`.
    func qualifiedName(ofLocal local: String) -> String? {
        let wanted = Array(local.utf8)
        for attribute in attributes where localName(attribute.name).elementsEqual(wanted) {
            return String(decoding: bytes[attribute.name], as: UTF8.self)
        }
        return nil
    }

    /// The tag with attributes set (value already escaped for XML) and others removed;
    /// new attributes are added at the end. `emptyElement` overrides `/>` vs `>`.
    func rewritten(setting changes: [(String, String)], removing: [String] = [],
                   emptyElement: Bool? = nil) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "<")]
        out.append(contentsOf: bytes[nameRange])
        var done = Set<String>()
        for attribute in attributes {
            let qualified = String(decoding: bytes[attribute.name], as: UTF8.self)
            if removing.contains(qualified) { continue }
            out.append(UInt8(ascii: " "))
            if let change = changes.first(where: { $0.0 == qualified }) {
                out.append(contentsOf: Array(qualified.utf8))
                out.append(contentsOf: Array("=\"\(change.1)\"".utf8))
                done.insert(qualified)
            } else {
                out.append(contentsOf: bytes[attribute.name.lowerBound..<(attribute.value.upperBound + 1)])
            }
        }
        for change in changes where !done.contains(change.0) {
            out.append(contentsOf: Array(" \(change.0)=\"\(change.1)\"".utf8))
        }
        out.append(contentsOf: Array(((emptyElement ?? isEmptyElement) ? "/>" : ">").utf8))
        return out
    }
}

/// XML text escaping for generated parts.
enum XMLText {
    /// Escapes `& < > " '` and drops characters XML 1.0 cannot hold.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            case "\r": out += "&#13;"
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Decodes the five predefined entities and numeric references of a raw attribute value.
    static func unescape(_ raw: String) -> String {
        guard raw.contains("&") else { return raw }
        var out = ""
        var rest = Substring(raw)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";") else { out += rest[amp...]; return out }
            let entity = rest[rest.index(after: amp)..<semi]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                var value: UInt32?
                if entity.hasPrefix("#x") { value = UInt32(entity.dropFirst(2), radix: 16) }
                else if entity.hasPrefix("#") { value = UInt32(entity.dropFirst()) }
                if let value, let scalar = Unicode.Scalar(value) { out.unicodeScalars.append(scalar) }
                else { out += rest[amp...semi] }
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }
}
