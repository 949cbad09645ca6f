import Foundation
import Testing
import XLSX

/// Positive reading tests on packages crafted with libzip.
@Suite("Reader values")
struct ReaderValueTests {
    let dir = TempDir()

    @Test func sharedInlineNumbersBooleansErrorsFormulas() throws {
        var book = TestWorkbook()
        book.sharedStrings = TestWorkbook.sst(["Tên", "Số lượng"])
        book.sheets = [("Data", nil, TestWorkbook.sheet("""
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>\
            <row r="2"><c r="A2"><v>12.5</v></c><c r="B2" t="n"><v>-3</v></c><c r="C2" t="b"><v>1</v></c>\
            <c r="D2" t="b"><v>0</v></c><c r="E2" t="e"><v>#DIV/0!</v></c></row>\
            <row r="3"><c r="A3"><f>A2*2</f><v>25</v></c><c r="B3" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>\
            <c r="C3"><f>1+1</f></c><c r="D3" s="0"/><c r="E3" t="inlineStr"><is><t>trực tiếp</t></is></c></row>\
            <row r="4"><c r="A4"/></row>
            """))]
        let reader = try XLSXReader(path: book.write(in: dir))
        var rows: [Row] = []
        let summary = try reader.readRows(of: reader.sheets[0]) { rows.append($0) }
        #expect(rows.map(\.number) == [1, 2, 3])
        #expect(rows[0].cells.map(\.value) == [.string("Tên"), .string("Số lượng")])
        #expect(rows[1].cells.map(\.value) == [.number(12.5), .number(-3), .bool(true), .bool(false), .error("#DIV/0!")])
        #expect(rows[2].cells.map(\.value) == [.number(25), .string("ab"), .string("trực tiếp")])
        #expect(rows[2].cells.map(\.formula) == ["A2*2", "\"a\"&\"b\"", nil])
        #expect(rows[2].cells.map(\.reference.a1) == ["A3", "B3", "E3"])
        #expect(summary.rowCount == 3)
        #expect(summary.cellCount == 10)
        #expect(summary.dimension == nil)
    }

    @Test func prefixedAndStrictNamespaces() throws {
        let strict = "http://purl.oclc.org/ooxml/spreadsheetml/main"
        var book = TestWorkbook()
        book.sharedStrings = """
            <x:sst xmlns:x="\(strict)"><x:si><x:t>prefixed</x:t></x:si></x:sst>
            """
        book.sheets = [("S", nil, """
            <?xml version="1.0"?><x:worksheet xmlns:x="\(strict)"><x:dimension ref="A1:B1"/><x:sheetData>\
            <x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1"><x:v>7</x:v></x:c></x:row>\
            </x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A1:B1"/></x:mergeCells></x:worksheet>
            """)]
        book.overrides["_rels/.rels"] = """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """
        let reader = try XLSXReader(path: book.write(in: dir))
        var rows: [Row] = []
        let summary = try reader.readRows(of: reader.sheets[0]) { rows.append($0) }
        #expect(rows.count == 1)
        #expect(rows.first?.cells.map(\.value) == [.string("prefixed"), .number(7)])
        #expect(summary.dimension == CellRange(a1: "A1:B1"))
        #expect(summary.mergedRanges == [CellRange(a1: "A1:B1")!])
    }

    @Test func missingReferencesFollowOn() throws {
        var book = TestWorkbook()
        book.sheets = [("S", nil, TestWorkbook.sheet("""
            <row><c><v>1</v></c><c><v>2</v></c></row>\
            <row r="5"><c><v>3</v></c><c r="D5"><v>4</v></c><c><v>5</v></c></row>\
            <row><c><v>6</v></c></row>\
            <row><c r="C9"><v>7</v></c><c><v>8</v></c></row>
            """))]
        let reader = try XLSXReader(path: book.write(in: dir))
        let rows = try readAllRows(reader)
        #expect(rows.map(\.number) == [1, 5, 6, 9])
        #expect(rows.flatMap { $0.cells.map(\.reference.a1) } == ["A1", "B1", "A5", "D5", "E5", "A6", "C9", "D9"])
    }

    @Test func cellsAreSortedByColumn() throws {
        var book = TestWorkbook()
        book.sheets = [("S", nil, TestWorkbook.sheet("""
            <row r="2"><c r="C2"><v>3</v></c><c r="A2"><v>1</v></c><c r="B2"><v>2</v></c></row>
            """))]
        let rows = try readAllRows(XLSXReader(path: book.write(in: dir)))
        #expect(rows.first?.cells.map(\.reference.column) == [1, 2, 3])
        #expect(rows.first?.cells.map(\.value) == [.number(1), .number(2), .number(3)])
        #expect(rows.first?[2]?.value == .number(2))
    }

    @Test func richTextPhoneticAndEscapes() throws {
        var book = TestWorkbook()
        book.sharedStrings = """
            <sst xmlns="\(TestWorkbook.mainNS)">\
            <si><r><rPr><b/></rPr><t>Đậm</t></r><r><t xml:space="preserve"> thường</t></r></si>\
            <si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></si>\
            <si><t>dòng 1_x000D_
            dòng 2  </t></si>\
            <si><t>_x005F_x000D_ giữ nguyên</t></si>\
            <si><t>emoji _xD83D__xDE00_</t></si>\
            </sst>
            """
        book.sheets = [("S", nil, TestWorkbook.sheet("""
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>\
            <c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c>\
            <c r="F1" t="inlineStr"><is><r><t>in</t></r><r><t>line_x0009_tab</t></r></is></c></row>
            """))]
        let rows = try readAllRows(XLSXReader(path: book.write(in: dir)))
        let values = rows.first?.cells.map(\.value) ?? []
        #expect(values == [.string("Đậm thường"), .string("漢字"), .string("dòng 1\r\ndòng 2  "),
                           .string("_x000D_ giữ nguyên"), .string("emoji 😀"), .string("inline\ttab")])
    }

    @Test func datesInThe1900System() throws {
        var book = TestWorkbook()
        book.styles = """
            <styleSheet xmlns="\(TestWorkbook.mainNS)"><numFmts count="3">\
            <numFmt numFmtId="164" formatCode="[$-42A]dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="&quot;m&quot;0"/>\
            <numFmt numFmtId="166" formatCode="d/m/yy h:mm"/></numFmts>\
            <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>\
            <cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="14"/>\
            <xf numFmtId="166"/><xf numFmtId="4"/></cellXfs></styleSheet>
            """
        book.sheets = [("S", nil, TestWorkbook.sheet("""
            <row r="1"><c r="A1"><v>45352</v></c><c r="B1" s="1"><v>45352</v></c><c r="C1" s="2"><v>45352</v></c>\
            <c r="D1" s="3"><v>1</v></c><c r="E1" s="4"><v>45352.75</v></c><c r="F1" s="5"><v>45352</v></c>\
            <c r="G1" s="99"><v>45352</v></c><c r="H1" s="1" t="s"><v>0</v></c></row>
            """))]
        book.sharedStrings = TestWorkbook.sst(["chữ"])
        let reader = try XLSXReader(path: book.write(in: dir))
        #expect(reader.uses1904DateSystem == false)
        let values = try readAllRows(reader).first?.cells.map(\.value) ?? []
        #expect(values == [
            .number(45352),
            .date(SpreadsheetDate(year: 2024, month: 3, day: 1, serial: 45352)),
            .number(45352),
            .date(SpreadsheetDate(year: 1900, month: 1, day: 1, serial: 1)),
            .date(SpreadsheetDate(year: 2024, month: 3, day: 1, hour: 18, serial: 45352.75)),
            .number(45352),
            .number(45352),
            .string("chữ"),
        ])
    }

    @Test(arguments: ["1", "true"])
    func datesInThe1904System(flag: String) throws {
        var book = TestWorkbook()
        book.workbookPr = "<workbookPr date1904=\"\(flag)\"/>"
        book.styles = """
            <styleSheet xmlns="\(TestWorkbook.mainNS)"><numFmts count="1"><numFmt numFmtId="170" formatCode="dd/mm/yyyy"/></numFmts>\
            <cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="170"/></cellXfs></styleSheet>
            """
        book.sheets = [("S", nil, TestWorkbook.sheet(#"<row r="1"><c r="A1" s="1"><v>43890</v></c></row>"#))]
        let reader = try XLSXReader(path: book.write(in: dir))
        #expect(reader.uses1904DateSystem)
        let value = try readAllRows(reader).first?.cells.first?.value
        #expect(value == .date(SpreadsheetDate(year: 2024, month: 3, day: 1, serial: 43890)))
    }

    @Test func sheetStatesLookupAndDefinedNames() throws {
        var book = TestWorkbook()
        let empty = TestWorkbook.sheet("")
        book.sheets = [("Tổng hợp", nil, empty), ("Ẩn", "hidden", empty), ("Rất ẩn", "veryHidden", empty)]
        book.definedNames = """
            <definedName name="_xlnm.Print_Titles" localSheetId="0">'Tổng hợp'!$1:$3</definedName>\
            <definedName name="DonVi">'Ẩn'!$A$1:$A$9</definedName>
            """
        let reader = try XLSXReader(path: book.write(in: dir))
        #expect(reader.sheets.map(\.name) == ["Tổng hợp", "Ẩn", "Rất ẩn"])
        #expect(reader.sheets.map(\.state) == [.visible, .hidden, .veryHidden])
        #expect(reader.sheets.map(\.index) == [0, 1, 2])
        #expect(reader.sheets.map(\.partName) == ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml"])
        #expect(try reader.sheet(named: "Ẩn").index == 1)
        #expect(try reader.sheet(named: "tổng hợp").index == 0)
        #expect(throws: XLSXError.sheetNotFound("Không có")) { try reader.sheet(named: "Không có") }
        #expect(reader.definedNames == ["Tổng hợp!_xlnm.Print_Titles": "'Tổng hợp'!$1:$3", "DonVi": "'Ẩn'!$A$1:$A$9"])
    }

    @Test func mergedRangesAndDimension() throws {
        var book = TestWorkbook()
        book.sheets = [("S", nil, TestWorkbook.sheet(#"<row r="1"><c r="A1" t="inlineStr"><is><t>Tiêu đề</t></is></c></row>"#,
            extra: #"<mergeCells count="2"><mergeCell ref="A1:H1"/><mergeCell ref="B3:C4"/></mergeCells>"#,
            before: #"<dimension ref="A1:H4"/>"#))]
        let reader = try XLSXReader(path: book.write(in: dir))
        let summary = try reader.readRows(of: reader.sheets[0]) { _ in }
        #expect(summary == SheetSummary(dimension: CellRange(a1: "A1:H4"),
                                        mergedRanges: [CellRange(a1: "A1:H1")!, CellRange(a1: "B3:C4")!],
                                        rowCount: 1, cellCount: 1))
    }

    @Test func vietnameseNormalizationFormsArePreserved() throws {
        let nfc = "Nguyễn Thị Hằng"
        let nfd = "Nguye\u{302}\u{303}n Thi\u{323} Ha\u{306}\u{300}ng"
        #expect(nfc == nfd) // canonically equivalent…
        var book = TestWorkbook()
        book.sharedStrings = TestWorkbook.sst([nfc, nfd])
        book.sheets = [("S", nil, TestWorkbook.sheet("""
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>\
            <c r="C1" t="inlineStr"><is><t>\(nfd)</t></is></c></row>
            """))]
        let cells = try readAllRows(XLSXReader(path: book.write(in: dir))).first?.cells ?? []
        // …but the scalars read are exactly those written.
        #expect(cells.map { Array($0.value.string?.unicodeScalars ?? "".unicodeScalars) } ==
                [Array(nfc.unicodeScalars), Array(nfd.unicodeScalars), Array(nfd.unicodeScalars)])
    }

    @Test func workbookFoundThroughRootRelationshipWithAbsoluteTargets() throws {
        var book = TestWorkbook()
        book.sheets = [("S", nil, "")]
        book.omit = ["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml"]
        book.overrides = [
            "_rels/.rels": """
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId9" Type="\(TestWorkbook.relNS)/extended-properties" Target="docProps/app.xml"/>\
                <Relationship Id="rId1" Type="\(TestWorkbook.relNS)/officeDocument" Target="/main/book.xml"/></Relationships>
                """,
            "main/book.xml": """
                <workbook xmlns="\(TestWorkbook.mainNS)" xmlns:r="\(TestWorkbook.relNS)"><sheets>\
                <sheet name="Một" sheetId="1" r:id="rId7"/></sheets></workbook>
                """,
            "main/_rels/book.xml.rels": """
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId0" Type="\(TestWorkbook.relNS)/hyperlink" Target="http://example.com/x.xml" TargetMode="External"/>\
                <Relationship Id="rId7" Type="\(TestWorkbook.relNS)/worksheet" Target="../sheets/./one.xml"/></Relationships>
                """,
            "sheets/one.xml": TestWorkbook.sheet(#"<row r="2"><c r="B2"><v>42</v></c></row>"#),
        ]
        let reader = try XLSXReader(path: book.write(in: dir))
        #expect(reader.sheets.map(\.partName) == ["sheets/one.xml"])
        #expect(try readAllRows(reader).first?.cells.first?.value == .number(42))
    }

    @Test func manyRowsAcrossChunksAndBodyErrors() throws {
        var rowsXML = ""
        for r in 1...3000 {
            rowsXML += "<row r=\"\(r)\"><c r=\"A\(r)\" t=\"inlineStr\"><is><t>dòng số \(r) có chữ tiếng Việt</t></is></c><c r=\"B\(r)\"><v>\(r).25</v></c></row>"
        }
        var book = TestWorkbook()
        book.sheets = [("S", nil, TestWorkbook.sheet(rowsXML))]
        let reader = try XLSXReader(path: book.write(in: dir))
        var sum = 0.0
        var last = 0
        let summary = try reader.readRows(of: reader.sheets[0]) { row in
            #expect(row.number == last + 1)
            last = row.number
            sum += row[2]?.value.number ?? 0
        }
        #expect(summary.rowCount == 3000)
        #expect(summary.cellCount == 6000)
        #expect(sum == Double(3000 * 3001 / 2) + 750)

        struct Stop: Error {}
        var seen = 0
        #expect(throws: Stop.self) {
            try reader.readRows(of: reader.sheets[0]) { _ in
                seen += 1
                if seen == 10 { throw Stop() }
            }
        }
        #expect(seen == 10)
    }
}
