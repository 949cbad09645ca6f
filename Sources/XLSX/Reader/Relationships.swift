/// One internal relationship of an OPC part, with its target resolved to a part name.
struct Relationship: Hashable {
    let id: String
    let type: String
    /// The target part name inside the package, without a leading `/`.
    let partName: String

    /// True when the relationship type ends with `/suffix` (transitional and strict
    /// OOXML only differ in the namespace before it).
    func isType(_ suffix: String) -> Bool {
        type.hasSuffix("/" + suffix)
    }
}

/// Reads `_rels/*.rels` parts and resolves their targets.
enum Relationships {
    /// The relationships part of a part: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`;
    /// the package itself (`""`) → `_rels/.rels`.
    static func relsPartName(for source: String) -> String {
        guard let slash = source.lastIndex(of: "/") else { return "_rels/\(source).rels" }
        let folder = source[..<slash]
        let file = source[source.index(after: slash)...]
        return "\(folder)/_rels/\(file).rels"
    }

    /// Resolves `target` against the folder of `source` (or the package root when it
    /// starts with `/`), normalizing `.` and `..`.
    static func resolve(_ target: String, from source: String) -> String {
        var components: [Substring]
        if target.hasPrefix("/") {
            components = []
        } else {
            components = source.split(separator: "/", omittingEmptySubsequences: false)
            components.removeLast() // the source's own file name ("" for the package)
        }
        for part in target.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !components.isEmpty { components.removeLast() }
            default: components.append(part)
            }
        }
        let joined = components.filter { !$0.isEmpty }.joined(separator: "/")
        return percentDecoded(joined)
    }

    /// Reads the relationships of `source`; empty when there is no rels part.
    static func read(for source: String, in archive: ZipArchive) throws -> [Relationship] {
        let relsName = relsPartName(for: source)
        guard let stream = try archive.open(relsName) else { return [] }
        let handler = RelationshipsHandler()
        try XMLStreamParser(part: relsName, handler: handler).parse(stream)
        return handler.found.compactMap { item in
            guard !item.external, let target = item.target, !target.isEmpty else { return nil }
            return Relationship(id: item.id ?? "", type: item.type ?? "",
                                partName: resolve(target, from: source))
        }
    }

    /// Decodes `%20`-style escapes in a target; returns the text unchanged if invalid.
    private static func percentDecoded(_ text: String) -> String {
        guard text.contains("%") else { return text }
        var out: [UInt8] = []
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count,
               let hi = hexValue(bytes[i + 1]), let lo = hexValue(bytes[i + 2]) {
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        let decoded = String(decoding: out, as: UTF8.self)
        return decoded.contains("\u{FFFD}") ? text : decoded
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

private final class RelationshipsHandler: XMLContentHandler {
    struct Item {
        var id: String?
        var type: String?
        var target: String?
        var external = false
    }

    var found: [Item] = []
    let wantsCharacters = false

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws {
        guard name == .Relationship else { return }
        var item = Item()
        attributes.forEach { attr, value in
            switch attr {
            case .Id: item.id = String(cString: value)
            case .Type: item.type = String(cString: value)
            case .Target: item.target = String(cString: value)
            case .TargetMode: item.external = CBytes.equals(value, "External")
            default: break
            }
        }
        found.append(item)
    }

    func endElement(_ name: XMLName) throws {}
    func characters(_ bytes: UnsafeRawBufferPointer) throws {}
}
