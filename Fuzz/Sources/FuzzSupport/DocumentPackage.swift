/// Splits a fuzz input into the XML parts of a Word document. Parts are separated by NUL
/// bytes: document, numbering, styles. A part left out gets a minimal valid default; an
/// empty part is left out of the zip.
public enum DocumentPackage {
    static let contentTypes = #"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>"#
    static let rootRels = #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#
    static let documentRels = #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#
    static let numbering = #"<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="3"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1.%2."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    static let styles = #"<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:styleId="ListBullet"><w:basedOn w:val="ListBullet"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>"#

    public static func package(from input: UnsafeRawBufferPointer) -> [UInt8] {
        var parts: [[UInt8]] = []
        var current: [UInt8] = []
        for b in input {
            if b == 0, parts.count < 2 {
                parts.append(current)
                current = []
            } else {
                current.append(b)
            }
        }
        parts.append(current)
        func part(_ i: Int, _ fallback: String) -> [UInt8]? {
            guard i < parts.count else { return Array(fallback.utf8) }
            return parts[i].isEmpty ? nil : parts[i]
        }
        var entries: [(name: String, data: [UInt8])] = [
            ("[Content_Types].xml", Array(contentTypes.utf8)),
            ("_rels/.rels", Array(rootRels.utf8)),
            ("word/_rels/document.xml.rels", Array(documentRels.utf8)),
        ]
        let names = ["word/document.xml", "word/numbering.xml", "word/styles.xml"]
        let defaults = ["", numbering, styles]
        for (i, name) in names.enumerated() {
            if let data = part(i, defaults[i]) { entries.append((name, data)) }
        }
        return StoredZip.build(entries)
    }
}
