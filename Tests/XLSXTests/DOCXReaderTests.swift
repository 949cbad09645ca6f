import Foundation
import Testing
@testable import XLSX

/// The Word reader on small documents written here: every table construct offices use,
/// list labels, what is not text, how tables are grouped into sheets, and the refusals.
@Suite("DOCX reader")
struct DOCXReaderTests {
    let dir = TempDir()
    typealias D = TestDocument

    private func open(_ doc: TestDocument, limits: ReadLimits = .default) throws -> DOCXReader {
        try DOCXReader(path: doc.write(in: dir), limits: limits)
    }

    @Test func titleBlockIsTheParagraphsAfterTheLastPageBreak() throws {
        let body = D.p("Số: 642/VPUBND-HCQT") + D.p("Kính gửi: Các phòng.")
            + "<w:p><w:pPr><w:sectPr/></w:pPr></w:p>"
            + D.p("PHỤ LỤC") + D.p("Phân công nhiệm vụ năm 2020") + D.p("(Kèm theo Công văn số 642)") + D.p("")
            + D.table([["STT", "Tiêu chí"], ["1", "Cải cách"]])
        let reader = try open(D(body: body))
        #expect(reader.sheets.map(\.name) == ["Bảng 1"])
        let rows = try readAllRows(reader)["Bảng 1"]!
        #expect(rows.map(\.texts) == [
            ["1: PHỤ LỤC"], ["1: Phân công nhiệm vụ năm 2020"], ["1: (Kèm theo Công văn số 642)"],
            ["1: STT", "2: Tiêu chí"], ["1: 1", "2: Cải cách"],
        ])
        #expect(try reader.titleLines(of: reader.sheets[0]).count == 3)
        #expect(reader.bodyLines.prefix(3) == ["Số: 642/VPUBND-HCQT", "Kính gửi: Các phòng.", "PHỤ LỤC"])
        #expect(reader.bodyLines.suffix(2) == ["1", "Cải cách"])
    }

    @Test func pageBreakRunAndPageBreakBeforeStartTheTitleBlock() throws {
        let broken = D.p("Nơi nhận:") + "<w:p><w:r><w:t>Lưu: VT.</w:t><w:br w:type=\"page\"/><w:t>PHỤ LỤC</w:t></w:r></w:p>"
            + D.table([["STT", "Tiêu chí"]])
        #expect(try readAllRows(open(D(body: broken)))["Bảng 1"]!.first?.texts == ["1: PHỤ LỤC"])
        let before = D.p("Nơi nhận:") + D.p("PHỤ LỤC II", props: "<w:pageBreakBefore/>") + D.table([["STT", "Tiêu chí"]])
        #expect(try readAllRows(open(D(body: before)))["Bảng 1"]!.first?.texts == ["1: PHỤ LỤC II"])
    }

    @Test func gridSpanAndVerticalMergePlaceAndRepeatText() throws {
        let table = D.tbl(columns: 4, [
            ("", [D.tc(["STT"]), D.tc(["Chỉ số"]), D.tc(["Đơn vị"]), D.tc(["Người"])]),
            ("", [D.tc(["I"]), D.tc(["Công khai"]), D.tc(["Văn phòng"], props: "<w:vMerge w:val=\"restart\"/>"), D.tc(["An"])]),
            ("", [D.tc(["1."]), D.tc(["Tỷ lệ"]), D.tc([], props: "<w:vMerge/>"), D.tc([])]),
            ("", [D.tc(["2."]), D.tc(["Hồ sơ"]), D.tc([], props: "<w:vMerge w:val=\"continue\"/>"), D.tc(["Bình"])]),
            ("", [D.tc(["A"]), D.tc(["ĐIỂM THỰC HIỆN"], props: "<w:gridSpan w:val=\"3\"/>")]),
            ("", [D.tc(["3."]), D.tc(["Số hóa"]), D.tc([]), D.tc([])]),
        ])
        let reader = try open(D(body: table))
        var rows: [Row] = []
        let summary = try reader.readRows(of: reader.sheets[0]) { rows.append($0) }
        #expect(rows.map(\.texts) == [
            ["1: STT", "2: Chỉ số", "3: Đơn vị", "4: Người"],
            ["1: I", "2: Công khai", "3: Văn phòng", "4: An"],
            ["1: 1.", "2: Tỷ lệ", "3: Văn phòng"],
            ["1: 2.", "2: Hồ sơ", "3: Văn phòng", "4: Bình"],
            ["1: A", "2: ĐIỂM THỰC HIỆN"],
            ["1: 3.", "2: Số hóa"],
        ])
        #expect(summary.mergedRanges.map(\.a1).sorted() == ["B5:D5", "C2:C4"])
        #expect(summary.dimension?.a1 == "A1:D6")
    }

    @Test func cellParagraphsRunsTabsAndBreaks() throws {
        let cell = "<w:tc>"
            + "<w:p><w:r><w:t>- Tham </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>mưu</w:t></w:r></w:p>"
            + "<w:p/>"
            + "<w:p><w:r><w:t>- Báo</w:t><w:tab/><w:t>cáo</w:t><w:br/><w:t>kết quả</w:t></w:r></w:p>"
            + "</w:tc>"
        let reader = try open(D(body: D.tbl(columns: 1, [("", [cell])])))
        let rows = try readAllRows(reader)["Bảng 1"]!
        #expect(rows.first?.cells.first?.value == .string("- Tham mưu\n- Báo\tcáo\nkết quả"))
    }

    static let numbering = """
    <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl></w:abstractNum>
    <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl></w:abstractNum>
    <w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
    <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
    <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
    <w:num w:numId="3"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride></w:num>
    """
    static let styles = """
    <w:style w:type="paragraph" w:styleId="ListBullet"><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
    <w:style w:type="paragraph" w:styleId="MyBullet"><w:basedOn w:val="ListBullet"/></w:style>
    """

    @Test func listParagraphsKeepTheirLabels() throws {
        func num(_ id: Int, _ level: Int = 0) -> String { "<w:numPr><w:ilvl w:val=\"\(level)\"/><w:numId w:val=\"\(id)\"/></w:numPr>" }
        let cell = "<w:tc>" + D.p("Tham mưu", props: num(1)) + D.p("Báo cáo", props: "<w:pStyle w:val=\"MyBullet\"/>")
            + D.p("Không phải mục", props: "<w:pStyle w:val=\"ListBullet\"/><w:numPr><w:numId w:val=\"0\"/></w:numPr>")
            + D.p("Một", props: num(2)) + D.p("Một a", props: num(2, 1)) + D.p("Một b", props: num(2, 1))
            + D.p("Hai", props: num(2)) + D.p("Hai a", props: num(2, 1)) + D.p("Bốn", props: num(3)) + "</w:tc>"
        let reader = try open(D(body: D.tbl(columns: 1, [("", [cell])]), numbering: Self.numbering, styles: Self.styles))
        let text = try readAllRows(reader)["Bảng 1"]!.first?.cells.first?.value.string
        #expect(text == "- Tham mưu\n- Báo cáo\nKhông phải mục\n1. Một\na) Một a\nb) Một b\n2. Hai\na) Hai a\nIV. Bốn")
    }

    @Test func anSTTColumnNumberedByWordShowsItsNumbers() throws {
        func numbered(_ text: String) -> String {
            "<w:tc>" + D.p(text, props: "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"2\"/></w:numPr>") + "</w:tc>"
        }
        let bulleted = "<w:tc>" + D.p("", props: "<w:numPr><w:numId w:val=\"1\"/></w:numPr>") + "</w:tc>"
        let table = D.tbl(columns: 2, [
            ("", [D.tc(["STT"]), D.tc(["Nội dung"])]),
            ("", [numbered(""), D.tc(["Rà soát"])]),
            ("", [numbered(""), D.tc(["Công khai"])]),
            ("", [bulleted, D.tc(["Không số"])]),
        ])
        let reader = try open(D(body: table, numbering: Self.numbering))
        #expect(try readAllRows(reader)["Bảng 1"]!.map(\.texts) == [
            ["1: STT", "2: Nội dung"], ["1: 1.", "2: Rà soát"], ["1: 2.", "2: Công khai"], ["2: Không số"],
        ])
    }

    @Test func decomposedTextArrivesComposed() throws {
        let nfd = "Nguyễn Thị Kim Yến".decomposedStringWithCanonicalMapping
        #expect(nfd.unicodeScalars.count > "Nguyễn Thị Kim Yến".unicodeScalars.count)
        let reader = try open(D(body: D.p(nfd) + D.table([["STT", nfd]])))
        let rows = try readAllRows(reader)["Bảng 1"]!
        #expect(rows[0].cells[0].value == .string("Nguyễn Thị Kim Yến"))
        #expect(rows[1].cells[1].value.string?.unicodeScalars.elementsEqual("Nguyễn Thị Kim Yến".unicodeScalars) == true)
    }

    @Test func nestedTableBecomesLinesOfItsCell() throws {
        let nested = D.table([["Quý I", "Báo cáo"], ["Quý II", ""]])
        let cell = "<w:tc>" + D.p("Tiến độ:") + nested + "<w:p/></w:tc>"
        let reader = try open(D(body: D.tbl(columns: 2, [("", [D.tc(["1"]), cell])]) + D.table([["STT", "Sau"]])))
        #expect(reader.sheets.count == 2)
        let rows = try readAllRows(reader)
        #expect(rows["Bảng 1"]!.first?.texts == ["1: 1", "2: Tiến độ:\nQuý I; Báo cáo\nQuý II"])
        #expect(rows["Bảng 2"]!.first?.texts == ["1: STT", "2: Sau"])
    }

    @Test func textOutsideTheFlowIsSkipped() throws {
        let paragraph = "<w:p><w:pPr><w:numPr><w:numId w:val=\"0\"/></w:numPr><w:pPrChange><w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:pPrChange></w:pPr>"
            + "<w:r><w:t>Giữ</w:t></w:r>"
            + "<w:del><w:r><w:delText>Xóa</w:delText></w:r></w:del>"
            + "<w:ins><w:r><w:t> thêm</w:t></w:r></w:ins>"
            + "<w:r><w:rPr><w:vanish/></w:rPr><w:t>Ẩn</w:t></w:r>"
            + "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t> 7</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
            + "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><w:txbxContent><w:p><w:r><w:t>Hộp</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:p><w:r><w:t>Hộp</w:t></w:r></w:p></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
            + "<w:hyperlink><w:r><w:t> liên kết</w:t></w:r></w:hyperlink>"
            + "<w:sdt><w:sdtContent><w:r><w:t> điều khiển</w:t></w:r></w:sdtContent></w:sdt>"
            + "</w:p>"
        let deletedRow = "<w:tr><w:trPr><w:del w:id=\"1\" w:author=\"A\"/></w:trPr>\(D.tc(["9"]))\(D.tc(["Dòng đã xóa"]))</w:tr>"
        let table = "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tblGridChange><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid></w:tblGridChange>"
            + "<w:tr>\(D.tc(["STT"]))\(D.tc(["Nội dung"]))</w:tr>\(deletedRow)</w:tbl>"
        let reader = try open(D(body: paragraph + table, numbering: Self.numbering))
        let rows = try readAllRows(reader)["Bảng 1"]!
        #expect(rows.map(\.texts) == [["1: Giữ thêm 7 liên kết điều khiển"], ["1: STT", "2: Nội dung"]])
        // The deleted row is gone and the old grid (three columns) does not widen the table.
        #expect(try reader.readRows(of: reader.sheets[0]) { _ in }.dimension?.a1 == "A1:B2")
    }

    @Test func legacyHorizontalMergeAndGridBefore() throws {
        let table = D.tbl(columns: 3, [
            ("", [D.tc(["A"], props: "<w:hMerge w:val=\"restart\"/>"), D.tc([], props: "<w:hMerge/>"), D.tc(["C"])]),
            ("<w:gridBefore w:val=\"1\"/>", [D.tc(["B"]), D.tc(["C2"])]),
        ])
        let reader = try open(D(body: table))
        var rows: [Row] = []
        let summary = try reader.readRows(of: reader.sheets[0]) { rows.append($0) }
        #expect(rows.map(\.texts) == [["1: A", "3: C"], ["2: B", "3: C2"]])
        #expect(summary.mergedRanges.map(\.a1) == ["A1:B1"])
    }

    // MARK: - Tables continued over pages

    static let header = ["STT", "Nội dung khắc phục", "Cơ quan chủ trì"]

    @Test func aTablePerPageWithItsHeaderIsOneSheet() throws {
        let pageBreak = "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"
        let body = D.p("PHỤ LỤC")
            + D.table([Self.header, ["1", "Rà soát", "Phòng Nội vụ"]])
            + pageBreak
            // The header retyped with a slip, and one column fewer in the grid.
            + D.table([["STT", "Nội dung khắc phục", "Cơ quan chủ tri"], ["", "tiếp theo", ""], ["2", "Công khai", "Văn phòng"]])
            + D.p("")
            + D.table([Self.header, ["3", "Số hóa", "Văn phòng"]])
        let reader = try open(D(body: body))
        #expect(reader.sheets.map(\.name) == ["Bảng 1-3"])
        let rows = try readAllRows(reader)["Bảng 1-3"]!
        #expect(rows.map(\.number) == [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(rows[4].texts == ["2: tiếp theo"])
        let origins = try reader.origins(of: reader.sheets[0])
        #expect(origins.map(\.table) == [1, 2, 3])
        #expect(origins.map(\.rows) == [2...3, 4...6, 7...8])
    }

    @Test func aTableSplitByAPageBreakWithoutHeaderIsJoined() throws {
        let body = D.table([Self.header, ["1", "Rà soát", "Phòng Nội vụ"]], header: 1)
            + "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"
            + D.table([["2", "Công khai", "Văn phòng"]])
        let reader = try open(D(body: body))
        #expect(reader.sheets.map(\.name) == ["Bảng 1-2"])
        #expect(try reader.origins(of: reader.sheets[0]).map(\.repeatedHeaderRows) == [[1], []])
    }

    @Test func tablesApartAreSeparateSheets() throws {
        // Text between, or no page break and no repeated header: not a continuation.
        let body = D.table([["UBND TỈNH", "CỘNG HÒA"]])
            + D.p("Kính gửi: các phòng")
            + D.table([Self.header, ["1", "Rà soát", "Phòng Nội vụ"]])
            + D.p("PHỤ LỤC II")
            + D.table([Self.header, ["1", "Khác", "Phòng Nội vụ"]])
            + D.p("")
            + D.table([["Nơi nhận", "Chữ ký", "Ngày"]])
        let reader = try open(D(body: body))
        #expect(reader.sheets.map(\.name) == ["Bảng 1", "Bảng 2", "Bảng 3", "Bảng 4"])
        #expect(try reader.titleLines(of: reader.sheets[1]) == ["Kính gửi: các phòng"])
        #expect(try reader.titleLines(of: reader.sheets[2]) == ["PHỤ LỤC II"])
        #expect(try reader.titleLines(of: reader.sheets[3]) == [])
    }

    @Test func noTablesMeansNoSheets() throws {
        let reader = try open(D(body: D.p("Chỉ có chữ")))
        #expect(reader.sheets.isEmpty)
        #expect(reader.bodyLines == ["Chỉ có chữ"])
    }

    // MARK: - Refusals

    @Test func doctypeIsRefused() throws {
        var doc = D(body: D.p("x"))
        doc.prolog = "<!DOCTYPE w:document [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
        #expect(throws: XLSXError.forbiddenDTD(part: "word/document.xml")) { _ = try open(doc) }
    }

    @Test func malformedDocumentIsRefused() throws {
        let doc = D(body: "<w:p><w:r><w:t>open")
        #expect { _ = try open(doc) } throws: { error in
            guard case .malformedXML(let part, _, _) = error as? XLSXError else { return false }
            return part == "word/document.xml"
        }
    }

    @Test func zipBombIsRefused() throws {
        // 8 MB of one repeated paragraph deflates to a few KB: over the ratio limit.
        let paragraph = D.p("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
        let doc = D(body: String(repeating: paragraph, count: 8_000_000 / paragraph.utf8.count))
        let limits = ReadLimits(maxCompressionRatio: 100, ratioAllowanceBytes: 1 << 20)
        #expect { _ = try open(doc, limits: limits) } throws: { error in
            guard case .limitExceeded(let part, let limit) = error as? XLSXError else { return false }
            return part == "word/document.xml" && limit.contains("tỉ lệ nén")
        }
    }

    @Test func mergedTextCopiesAreBounded() throws {
        // A long text merged down many rows costs a few bytes per row in the file but
        // its whole length per row once read: counted against the total limit.
        let long = String(repeating: "x", count: 10_000)
        let rows = [("", [D.tc([long], props: "<w:vMerge w:val=\"restart\"/>")])]
            + Array(repeating: ("", [D.tc([], props: "<w:vMerge/>")]), count: 2_000)
        let limits = ReadLimits(maxTotalBytes: 4 << 20)
        #expect { _ = try open(D(body: D.tbl(columns: 1, rows)), limits: limits) } throws: { error in
            guard case .limitExceeded(_, let limit) = error as? XLSXError else { return false }
            return limit.contains("văn bản dài quá")
        }
    }

    @Test func cellCountIsBounded() throws {
        let rows = Array(repeating: ["1", "2", "3"], count: 50)
        #expect { _ = try open(D(body: D.table(rows)), limits: ReadLimits(maxCellsPerSheet: 100)) } throws: { error in
            guard case .limitExceeded(_, let limit) = error as? XLSXError else { return false }
            return limit.contains("100 ô")
        }
    }

    @Test func packageWithoutDocumentIsRefused() throws {
        let path = dir.file("empty.docx")
        try TestZip.write([("[Content_Types].xml", Array("<Types/>".utf8))], to: path)
        #expect(throws: XLSXError.missingPart("word/document.xml")) { _ = try DOCXReader(path: path) }
    }
}
