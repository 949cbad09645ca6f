/// A minimal zip writer (method 0, "stored") for building well-formed packages around
/// fuzzed XML, so that mutations reach the XML handlers instead of failing the CRC.
public enum StoredZip {
    public static func build(_ entries: [(name: String, data: [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for entry in entries {
            let name = Array(entry.name.utf8)
            let crc = crc32(entry.data)
            let offset = UInt32(out.count)
            out += le32(0x0403_4B50) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21)
            out += le32(crc) + le32(UInt32(entry.data.count)) + le32(UInt32(entry.data.count))
            out += le16(UInt16(name.count)) + le16(0) + name + entry.data
            central += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21)
            central += le32(crc) + le32(UInt32(entry.data.count)) + le32(UInt32(entry.data.count))
            central += le16(UInt16(name.count)) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(offset)
            central += name
        }
        let centralOffset = UInt32(out.count)
        out += central
        out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(entries.count)) + le16(UInt16(entries.count))
        out += le32(UInt32(central.count)) + le32(centralOffset) + le16(0)
        return out
    }

    private static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    public static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    private static func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
    private static func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
}

/// Splits a fuzz input into the XML parts of a one-sheet workbook. Parts are separated by
/// NUL bytes (which XML cannot contain): sheet, sharedStrings, styles, workbook, workbook
/// rels. A part left out gets a minimal valid default; an empty part is left out of the zip.
public enum XMLPackage {
    static let rootRels = #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
    static let workbook = #"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    static let workbookRels = #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#
    static let styles = #"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>"#
    static let sharedStrings = #"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>Tiêu chí</t></si><si><r><t>a</t></r><r><t>b</t></r></si></sst>"#

    public static func package(from input: UnsafeRawBufferPointer) -> [UInt8] {
        PartsPackage.build(from: input, fixed: [("_rels/.rels", rootRels)], parts: [
            ("xl/worksheets/sheet1.xml", ""), ("xl/sharedStrings.xml", sharedStrings), ("xl/styles.xml", styles),
            ("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", workbookRels),
        ])
    }

}

/// A package made from a fuzz input cut at NUL bytes (which XML cannot contain) into the
/// XML `parts`, in order: a part the input leaves out gets its default, an empty part is
/// left out of the zip. The content types and the `fixed` entries (relationships) come first.
enum PartsPackage {
    static let contentTypes = #"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>"#

    static func build(from input: UnsafeRawBufferPointer, fixed: [(name: String, text: String)],
                      parts: [(name: String, fallback: String)]) -> [UInt8] {
        var pieces: [[UInt8]] = []
        var current: [UInt8] = []
        for b in input {
            if b == 0, pieces.count < parts.count - 1 {
                pieces.append(current)
                current = []
            } else {
                current.append(b)
            }
        }
        pieces.append(current)
        var entries: [(name: String, data: [UInt8])] = [("[Content_Types].xml", Array(contentTypes.utf8))]
        entries += fixed.map { ($0.name, Array($0.text.utf8)) }
        for (i, part) in parts.enumerated() {
            if i >= pieces.count { entries.append((part.name, Array(part.fallback.utf8))) }
            else if !pieces[i].isEmpty { entries.append((part.name, pieces[i])) }
        }
        return StoredZip.build(entries)
    }
}
