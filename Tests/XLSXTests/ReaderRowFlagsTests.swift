import Testing
import XLSX

/// Row visibility and the font named by each cell's style: what legacy-encoding detection
/// and stale-row handling read.
@Suite("Reader row and font hints")
struct ReaderRowFlagsTests {
    let dir = TempDir()

    @Test func hiddenRowsAndFontNames() throws {
        var book = TestWorkbook()
        book.styles = """
            <styleSheet xmlns="\(TestWorkbook.mainNS)"><fonts count="3">\
            <font><sz val="11"/><name val="Calibri"/></font>\
            <font><b/><sz val="12"/><name val=".VnTime"/></font>\
            <font><sz val="12"/><name val="VNI-Times"/></font></fonts>\
            <cellXfs count="4"><xf numFmtId="0" fontId="0"/><xf numFmtId="0" fontId="1"/>\
            <xf numFmtId="14" fontId="2"/><xf numFmtId="0" fontId="7"/></cellXfs>\
            <dxfs count="1"><dxf><font><name val="Arial"/></font></dxf></dxfs></styleSheet>
            """
        book.sheets = [("S", nil, TestWorkbook.sheet("""
            <row r="1"><c r="A1" s="1" t="inlineStr"><is><t>Phßng</t></is></c><c r="B1" s="2"><v>1</v></c></row>\
            <row r="2" hidden="1"><c r="A2" t="inlineStr"><is><t>cũ</t></is></c></row>\
            <row r="3" hidden="true" customHeight="1"><c r="A3" s="3"><v>3</v></c></row>\
            <row r="4" hidden="0"><c r="A4" s="0"><v>4</v></c></row>
            """))]
        let rows = try readAllRows(XLSXReader(path: book.write(in: dir)))
        #expect(rows.map(\.hidden) == [false, true, true, false])
        #expect(rows[0].cells.map(\.fontName) == [".VnTime", "VNI-Times"])
        #expect(rows[0].cells[1].value == .date(SpreadsheetDate(year: 1900, month: 1, day: 1, serial: 1)))
        #expect(rows[1].cells[0].fontName == "Calibri") // no `s`: the default format
        #expect(rows[2].cells[0].fontName == nil) // fontId beyond <fonts>
        #expect(rows[3].cells[0].fontName == "Calibri")
    }
}
