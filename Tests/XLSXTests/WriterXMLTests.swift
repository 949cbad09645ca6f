import Testing
import PackageTestSupport
@testable import XLSX

/// Checks the raw XML parts the writer produces, for features the reader does not expose.
@Suite struct WriterXMLTests {
    private func written(_ build: (XLSXWriter) throws -> Void) throws -> (ZipPartReader, WriterScratchFolder) {
        let folder = try WriterScratchFolder()
        let path = folder.file("out.xlsx")
        let writer = try XLSXWriter(path: path)
        try build(writer)
        try writer.close()
        return (ZipPartReader(path: path), folder)
    }

    @Test func cellsStylesAndFormulas() throws {
        let bold = CellStyle(bold: true, horizontal: .center, border: .thin, fillColor: 0xD9E1F2)
        let score = CellStyle(numberFormat: "0.00")
        var writer: XLSXWriter?
        let (zip, folder) = try written { w in
            writer = w
            let sheet = try w.addWorksheet(name: "Biểu 1")
            try sheet.write(.string("Điểm chuẩn"), at: CellReference(row: 1, column: 1), style: bold)
            try sheet.write(.number(3.75), at: CellReference(row: 2, column: 1), style: score)
            try sheet.write(.number(0.25), at: CellReference(row: 3, column: 1), style: score)
            try sheet.write(.bool(true), at: CellReference(row: 2, column: 2))
            try sheet.writeFormula("=SUM(A2:A3)", at: CellReference(row: 4, column: 1), cachedValue: 4, style: score)
            try sheet.write(.date(SpreadsheetDate(year: 2023, month: 11, day: 15, serial: 0)),
                            at: CellReference(row: 2, column: 3))
            for row in 5...50 { try sheet.write(.number(Double(row)), at: CellReference(row: row, column: 1), style: score) }
        }
        defer { folder.remove() }
        // One format per distinct style (bold, score) plus the bare date format.
        #expect(writer?.formatCount == 3)
        let xml = try zip.text(of: "xl/worksheets/sheet1.xml")
        #expect(xml.contains("<v>3.75</v>"))
        #expect(xml.contains("t=\"b\""))
        #expect(xml.contains("<f>SUM(A2:A3)</f><v>4</v>"))
        #expect(xml.contains("<c r=\"C2\" s=\""))
        let strings = try zip.text(of: "xl/sharedStrings.xml")
        #expect(strings.contains("Điểm chuẩn"))
        let styles = try zip.text(of: "xl/styles.xml")
        #expect(styles.contains("Times New Roman"))
        #expect(styles.contains("formatCode=\"dd/mm/yyyy\""))
        #expect(styles.contains("formatCode=\"0.00\""))
        #expect(styles.contains("rgb=\"FFD9E1F2\""))
    }

    @Test func dataValidationRules() throws {
        let (zip, folder) = try written { w in
            let sheet = try w.addWorksheet(name: "Biểu 1")
            try sheet.addDataValidation(
                range: CellRange(a1: "E5:E40")!,
                rule: DataValidation(.decimal(.between(0, 2.5)), inputTitle: "Điểm tự đánh giá",
                                     inputMessage: "Nhập số từ 0 đến điểm chuẩn",
                                     errorTitle: "Sai điểm", errorMessage: "Điểm vượt điểm chuẩn"))
            try sheet.addDataValidation(range: CellRange(a1: "F5:F40")!,
                                        rule: DataValidation(.decimal(.lessThanOrEqual(.formula("=$C5")))))
            try sheet.addDataValidation(range: CellRange(a1: "G5:G40")!,
                                        rule: DataValidation(.decimal(.greaterThanOrEqual(0)), errorStyle: .warning))
            try sheet.addDataValidation(range: CellRange(a1: "H5")!,
                                        rule: DataValidation(.wholeNumber(.between(1, 12))))
            try sheet.addDataValidation(range: CellRange(a1: "I5:I40")!,
                                        rule: DataValidation(.list(["Có", "Không"])))
            try sheet.addDataValidation(range: CellRange(a1: "J5:J40")!,
                                        rule: DataValidation(.listFormula("=Danh_sách!$A$1:$A$20")))
        }
        defer { folder.remove() }
        let xml = try zip.text(of: "xl/worksheets/sheet1.xml")
        #expect(xml.contains("<dataValidations count=\"6\">"))
        #expect(xml.contains("<dataValidation type=\"decimal\""))
        #expect(xml.contains("promptTitle=\"Điểm tự đánh giá\""))
        #expect(xml.contains("prompt=\"Nhập số từ 0 đến điểm chuẩn\""))
        #expect(xml.contains("errorTitle=\"Sai điểm\""))
        #expect(xml.contains("sqref=\"E5:E40\"><formula1>0</formula1><formula2>2.5</formula2>"))
        #expect(xml.contains("operator=\"lessThanOrEqual\""))
        #expect(xml.contains("<formula1>$C5</formula1>"))
        #expect(xml.contains("errorStyle=\"warning\""))
        #expect(xml.contains("operator=\"greaterThanOrEqual\""))
        #expect(xml.contains("<dataValidation type=\"whole\""))
        #expect(xml.contains("<formula1>\"Có,Không\"</formula1>"))
        #expect(xml.contains("<formula1>Danh_sách!$A$1:$A$20</formula1>"))
    }

    @Test func protectionAndLockedCells() throws {
        let (zip, folder) = try written { w in
            let sheet = try w.addWorksheet(name: "Biểu 1")
            try sheet.write(.number(1), at: CellReference(row: 1, column: 1), style: CellStyle(locked: false))
            try sheet.protect(password: "cchc", options: ProtectionOptions(formatColumns: true, formatRows: true))
        }
        defer { folder.remove() }
        let xml = try zip.text(of: "xl/worksheets/sheet1.xml")
        #expect(xml.contains("<sheetProtection password=\""))
        #expect(xml.contains("sheet=\"1\""))
        #expect(xml.contains("formatColumns=\"0\""))
        #expect(xml.contains("formatRows=\"0\""))
        #expect(!xml.contains("formatCells=\"0\""))
        let styles = try zip.text(of: "xl/styles.xml")
        #expect(styles.contains("<protection locked=\"0\"/>"))
    }

    @Test func printSetup() throws {
        let (zip, folder) = try written { w in
            let sheet = try w.addWorksheet(name: "Biểu 1")
            try sheet.write(.string("STT"), at: CellReference(row: 4, column: 1))
            try sheet.setPageSetup(PageSetup(orientation: .landscape, margins: .administrative,
                                             repeatRows: 4...4, fitToWidth: true, centerHorizontally: true,
                                             footer: "&CTrang &P/&N"))
        }
        defer { folder.remove() }
        let xml = try zip.text(of: "xl/worksheets/sheet1.xml")
        #expect(xml.contains("<pageSetup paperSize=\"9\""))
        #expect(xml.contains("orientation=\"landscape\""))
        #expect(xml.contains("fitToHeight=\"0\""))
        #expect(xml.contains("<pageSetUpPr fitToPage=\"1\"/>"))
        #expect(xml.contains("<printOptions horizontalCentered=\"1\"/>"))
        #expect(xml.contains("<oddFooter>&amp;CTrang &amp;P/&amp;N</oddFooter>"))
        // 30 mm = 1.1811 in; 20 mm = 0.7874 in.
        #expect(xml.contains("left=\"1.1811023622047"))
        #expect(xml.contains("top=\"0.787401574803"))
        let workbook = try zip.text(of: "xl/workbook.xml")
        #expect(workbook.contains("name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'Biểu 1'!$4:$4</definedName>"))
    }

    @Test func commentsFreezePanesColumnsAndMerges() throws {
        let (zip, folder) = try written { w in
            let sheet = try w.addWorksheet(name: "Biểu 1")
            try sheet.merge(CellRange(a1: "A1:H1")!, value: .string("PHỤ LỤC"), style: CellStyle(bold: true))
            try sheet.merge(CellRange(a1: "A2:B3")!, value: .number(12), style: CellStyle(border: .thin))
            try sheet.addComment(at: CellReference(row: 5, column: 3), text: "Điểm chuẩn theo Quyết định",
                                 author: "Văn phòng", visible: true)
            try sheet.freezePanes(row: 5, column: 3)
            try sheet.setColumnWidth(2...3, width: 40, hidden: true)
            try sheet.setRowHeight(4, height: 30)
            try sheet.setTabColor(0xFF0000)
        }
        defer { folder.remove() }
        let xml = try zip.text(of: "xl/worksheets/sheet1.xml")
        #expect(xml.contains("<mergeCell ref=\"A1:H1\"/>"))
        #expect(xml.contains("<mergeCell ref=\"A2:B3\"/>"))
        #expect(xml.contains("<c r=\"A2\" s=\"2\"><v>12</v></c>"))
        #expect(xml.contains("<legacyDrawing r:id="))
        #expect(xml.contains("<pane xSplit=\"2\" ySplit=\"4\" topLeftCell=\"C5\""))
        #expect(xml.contains("state=\"frozen\""))
        #expect(xml.contains("<col min=\"2\" max=\"3\" width=\"40.7109375\" hidden=\"1\""))
        #expect(xml.contains("<row r=\"4\"") && xml.contains("ht=\"30\" customHeight=\"1\""))
        #expect(xml.contains("<tabColor rgb=\"FFFF0000\"/>"))
        let comments = try zip.text(of: "xl/comments1.xml")
        #expect(comments.contains("Điểm chuẩn theo Quyết định"))
        #expect(comments.contains("<author>Văn phòng</author>"))
        let vml = try zip.text(of: "xl/drawings/vmlDrawing1.vml")
        #expect(vml.contains("visibility:visible"))
    }

    @Test func workbookLevelParts() throws {
        let (zip, folder) = try written { w in
            let first = try w.addWorksheet(name: "Danh mục")
            let second = try w.addWorksheet(name: "Biểu 1")
            try first.write(.string("HCQT"), at: CellReference(row: 1, column: 1))
            try first.hide()
            try second.activate()
            try w.defineName("Don_vi", formula: "='Danh mục'!$A$1:$A$20")
            try w.setProperties(DocumentProperties(title: "Kế hoạch CCHC năm 2023", author: "Văn phòng Sở",
                                                   company: "Sở Khoa học và Công nghệ", keywords: "PAR INDEX"))
            try w.setCustomProperty(name: "ParIndexTemplate", value: "phiếu-giao-v1")
        }
        defer { folder.remove() }
        let workbook = try zip.text(of: "xl/workbook.xml")
        #expect(workbook.contains("<sheet name=\"Danh mục\" sheetId=\"1\" state=\"hidden\""))
        #expect(workbook.contains("<sheet name=\"Biểu 1\" sheetId=\"2\""))
        #expect(workbook.contains("activeTab=\"1\""))
        #expect(workbook.contains("<definedName name=\"Don_vi\">'Danh mục'!$A$1:$A$20</definedName>"))
        let core = try zip.text(of: "docProps/core.xml")
        #expect(core.contains("<dc:title>Kế hoạch CCHC năm 2023</dc:title>"))
        #expect(core.contains("<dc:creator>Văn phòng Sở</dc:creator>"))
        let app = try zip.text(of: "docProps/app.xml")
        #expect(app.contains("<Company>Sở Khoa học và Công nghệ</Company>"))
        let custom = try zip.text(of: "docProps/custom.xml")
        #expect(custom.contains("name=\"ParIndexTemplate\""))
        #expect(custom.contains("<vt:lpwstr>phiếu-giao-v1</vt:lpwstr>"))
    }

    @Test func hiddenFirstSheetHandsActivationToTheFirstVisibleOne() throws {
        let (zip, folder) = try written { w in
            try w.addWorksheet(name: "Danh mục").hide()
            _ = try w.addWorksheet(name: "Biểu 1")
        }
        defer { folder.remove() }
        let workbook = try zip.text(of: "xl/workbook.xml")
        #expect(workbook.contains("activeTab=\"1\""))
        #expect(workbook.contains("<sheet name=\"Danh mục\" sheetId=\"1\" state=\"hidden\""))
        #expect(try zip.text(of: "xl/worksheets/sheet2.xml").contains("tabSelected=\"1\""))
        #expect(!(try zip.text(of: "xl/worksheets/sheet1.xml").contains("tabSelected=\"1\"")))
    }

    @Test func constantMemoryWritesInlineStrings() throws {
        let folder = try WriterScratchFolder()
        defer { folder.remove() }
        let path = folder.file("big.xlsx")
        let writer = try XLSXWriter(path: path, options: WriterOptions(constantMemory: true))
        let sheet = try writer.addWorksheet(name: "Dữ liệu")
        for row in 1...2000 {
            try sheet.writeRow([.number(Double(row)), .string("Đơn vị \(row)")], row: row)
        }
        #expect(writeFailure { try sheet.write(.number(1), at: CellReference(row: 5, column: 1)) }?.contains("thứ tự") == true)
        #expect(writeFailure { try sheet.merge(CellRange(a1: "A2001:A2002")!, value: .number(1)) } != nil)
        try writer.close()
        let xml = try ZipPartReader(path: path).text(of: "xl/worksheets/sheet1.xml")
        #expect(xml.contains("<is><t>Đơn vị 2000</t></is>"))
    }
}
