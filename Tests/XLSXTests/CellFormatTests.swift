import Testing
import PackageTestSupport
@testable import XLSX

/// Styles registered once (``CellFormat``) write exactly what per-cell styles write.
@Suite struct CellFormatTests {
    static let text = CellStyle(wrap: true, vertical: .top, border: .thin)
    static let number = CellStyle(horizontal: .center, border: .thin, numberFormat: "[$-42A]General")
    static let red = CellStyle(fontColor: 0xC00000, border: .thin)

    /// The same rows, written with styles or with registered formats, in constant-memory
    /// mode or not.
    private func write(formats: Bool, constantMemory: Bool, to path: String) throws {
        let writer = try XLSXWriter(path: path, options: WriterOptions(constantMemory: constantMemory))
        let sheet = try writer.addWorksheet(name: "Kiểm tra")
        var registered: [CellStyle: CellFormat] = [:]
        func put(_ value: CellValue?, _ row: Int, _ column: Int, _ style: CellStyle) throws {
            let ref = CellReference(row: row, column: column)
            if formats {
                if registered[style] == nil { registered[style] = try sheet.format(style) }
                try sheet.write(value, at: ref, format: registered[style]!)
            } else {
                try sheet.write(value, at: ref, style: style)
            }
        }
        for row in 1...200 {
            try put(.number(Double(row)), row, 1, Self.number)
            try put(.string("Tệp số \(row) <&> \"trích\""), row, 2, row % 7 == 0 ? Self.red : Self.text)
            try put(nil, row, 3, Self.text)
            try put(row % 3 == 0 ? nil : .bool(row % 2 == 0), row, 4, Self.text)
            try put(.date(SpreadsheetDate(year: 2023, month: 1 + row % 12, day: 1 + row % 28, serial: 0)), row, 5, Self.number)
        }
        try writer.close()
    }

    @Test(arguments: [false, true])
    func registeredFormatsWriteTheSamePartsAsStyles(constantMemory: Bool) throws {
        let folder = try WriterScratchFolder()
        defer { folder.remove() }
        let byStyle = folder.file("style.xlsx"), byFormat = folder.file("format.xlsx")
        try write(formats: false, constantMemory: constantMemory, to: byStyle)
        try write(formats: true, constantMemory: constantMemory, to: byFormat)
        let diff = PackageDiff(original: byStyle, edited: byFormat)
        // Only the creation time may differ.
        #expect(try diff.changedParts().subtracting(["docProps/core.xml"]).isEmpty)
        #expect(try diff.addedParts().isEmpty)
        let zip = ZipPartReader(path: byFormat)
        let xml = try zip.text(of: "xl/worksheets/sheet1.xml")
        // Inline strings in constant-memory mode, shared strings otherwise.
        let strings = constantMemory ? xml : try zip.text(of: "xl/sharedStrings.xml")
        #expect(strings.contains("Tệp số 7 &lt;&amp;&gt;"))
        #expect(xml.contains("<c r=\"C1\" s=\""))
    }

    @Test func aFormatOfAnotherWorkbookIsRefused() throws {
        let folder = try WriterScratchFolder()
        defer { folder.remove() }
        let first = try XLSXWriter(path: folder.file("a.xlsx"))
        let second = try XLSXWriter(path: folder.file("b.xlsx"))
        let format = try first.format(Self.text)
        let sheet = try second.addWorksheet(name: "Trang 1")
        #expect(throws: XLSXError.self) { try sheet.write(.string("x"), at: CellReference(row: 1, column: 1), format: format) }
        #expect(format.style == Self.text)
    }

    @Test func textChecksStillRefuseNULAndOverlongText() throws {
        let folder = try WriterScratchFolder()
        defer { folder.remove() }
        let writer = try XLSXWriter(path: folder.file("c.xlsx"))
        let sheet = try writer.addWorksheet(name: "Trang 1")
        let format = try writer.format(Self.text)
        #expect(throws: XLSXError.self) { try sheet.write(.string("a\u{0}b"), at: CellReference(row: 1, column: 1), format: format) }
        #expect(throws: XLSXError.self) {
            try sheet.write(.string(String(repeating: "ệ", count: 32_768)), at: CellReference(row: 2, column: 1), format: format)
        }
        // 32,767 characters of three UTF-8 bytes each are within Excel's limit.
        try sheet.write(.string(String(repeating: "ệ", count: 32_767)), at: CellReference(row: 3, column: 1), format: format)
    }
}
