import Foundation
import XLSX

/// A minimal `.docx` package: the body XML is given; content types, relationships and
/// optional numbering/styles parts are generated.
struct TestDocument {
    static let wordNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    var body: String
    var numbering: String?
    var styles: String?
    /// Extra raw text placed before `<w:document>` (a DOCTYPE, for hostile tests).
    var prolog = ""

    init(body: String, numbering: String? = nil, styles: String? = nil) {
        self.body = body
        self.numbering = numbering
        self.styles = styles
    }

    /// A paragraph with one run of text.
    static func p(_ text: String, props: String = "") -> String {
        "<w:p>\(props.isEmpty ? "" : "<w:pPr>\(props)</w:pPr>")<w:r><w:t xml:space=\"preserve\">\(text)</w:t></w:r></w:p>"
    }

    /// A table cell holding paragraphs (`tcPr` inner XML optional).
    static func tc(_ paragraphs: [String], props: String = "") -> String {
        "<w:tc>\(props.isEmpty ? "" : "<w:tcPr>\(props)</w:tcPr>")\(paragraphs.map { p($0) }.joined())\(paragraphs.isEmpty ? "<w:p/>" : "")</w:tc>"
    }

    /// A table whose rows are given as `tc` lists (`trPr` per row optional).
    static func tbl(columns: Int, _ rows: [(props: String, cells: [String])]) -> String {
        let grid = String(repeating: "<w:gridCol w:w=\"1000\"/>", count: columns)
        let body = rows.map { row in
            "<w:tr>\(row.props.isEmpty ? "" : "<w:trPr>\(row.props)</w:trPr>")\(row.cells.joined())</w:tr>"
        }.joined()
        return "<w:tbl><w:tblPr/><w:tblGrid>\(grid)</w:tblGrid>\(body)</w:tbl>"
    }

    /// A plain table: one paragraph per cell.
    static func table(_ rows: [[String]], header: Int = 0) -> String {
        tbl(columns: rows.map(\.count).max() ?? 0, rows.enumerated().map { i, cells in
            (i < header ? "<w:tblHeader/>" : "", cells.map { tc($0.isEmpty ? [] : [$0]) })
        })
    }

    func entries() -> [(name: String, data: [UInt8])] {
        var rels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
        """
        var parts: [(String, String)] = []
        if let numbering {
            rels += #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>"#
            parts.append(("word/numbering.xml", "<w:numbering xmlns:w=\"\(Self.wordNS)\">\(numbering)</w:numbering>"))
        }
        if let styles {
            rels += #"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
            parts.append(("word/styles.xml", "<w:styles xmlns:w=\"\(Self.wordNS)\">\(styles)</w:styles>"))
        }
        rels += "</Relationships>"
        let document = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        \(prolog)<w:document xmlns:w="\(Self.wordNS)" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>\(body)<w:sectPr/></w:body></w:document>
        """
        var entries: [(String, [UInt8])] = [
            ("[Content_Types].xml", Array("""
            <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
            """.utf8)),
            ("_rels/.rels", Array("""
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
            """.utf8)),
            ("word/document.xml", Array(document.utf8)),
            ("word/_rels/document.xml.rels", Array(rels.utf8)),
        ]
        for (name, xml) in parts { entries.append((name, Array(xml.utf8))) }
        return entries
    }

    func write(in dir: TempDir, name: String = "doc.docx") throws -> String {
        let path = dir.file(name)
        try TestZip.write(entries(), to: path)
        return path
    }
}

/// All rows of every sheet of a document, by sheet name.
func readAllRows(_ reader: DOCXReader) throws -> [String: [Row]] {
    var result: [String: [Row]] = [:]
    for sheet in reader.sheets {
        var rows: [Row] = []
        try reader.readRows(of: sheet) { rows.append($0) }
        result[sheet.name] = rows
    }
    return result
}

extension Row {
    /// The texts of the row's cells as `column: text`, e.g. `["1: STT", "2: Tiêu chí"]`.
    var texts: [String] { cells.map { "\($0.reference.column): \($0.value)" } }
}
