import Foundation
import Testing
import XLSX

/// The format-sniffing opener: same reading from a path and from bytes, formats told by
/// content (never by name), OLE files routed by their directory entries, and the hints
/// (hidden rows, font names) the `.xlsx` reader now carries.
@Suite("Spreadsheet opener")
struct SpreadsheetOpenerTests {
    let dir = TempDir()

    private func sampleBook() -> TestWorkbook {
        var book = TestWorkbook()
        book.sharedStrings = TestWorkbook.sst(["Phßng Néi vô", "Tên"])
        book.styles = """
            <styleSheet xmlns="\(TestWorkbook.mainNS)"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>\
            <font><name val=".VnTime"/></font></fonts>\
            <cellXfs><xf numFmtId="0" fontId="0"/><xf numFmtId="14" fontId="0"/><xf numFmtId="0" fontId="1"/></cellXfs></styleSheet>
            """
        book.sheets = [("Bảng", nil, TestWorkbook.sheet("""
            <row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" s="1"><v>45352</v></c></row>\
            <row r="2" hidden="1"><c r="A2" t="s" s="2"><v>0</v></c></row>\
            <row r="3" hidden="0"><c r="A3"><v>3</v></c></row>
            """)), ("Ẩn", "hidden", TestWorkbook.sheet(""))]
        return book
    }

    private func rows(_ reader: any SpreadsheetReader) throws -> [Row] {
        var rows: [Row] = []
        try reader.readRows(of: reader.sheets[0]) { rows.append($0) }
        return rows
    }

    @Test func pathAndBytesReadAlike() throws {
        let path = try sampleBook().write(in: dir)
        let fromPath = try SpreadsheetOpener.open(path: path)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let fromBytes = try SpreadsheetOpener.open(bytes: bytes, name: "tải lên.xlsx")
        #expect(fromPath.format == .xlsx && fromBytes.format == .xlsx)
        #expect(fromBytes.displayName == "tải lên.xlsx")
        #expect(fromPath.sheets == fromBytes.sheets)
        #expect(fromPath.sheets.map(\.state) == [.visible, .hidden])
        let a = try rows(fromPath), b = try rows(fromBytes)
        #expect(a == b)
        #expect(a.map(\.number) == [1, 2, 3])
        #expect(try SpreadsheetOpener.format(of: .bytes(bytes, name: "x.ods")) == .xlsx)
    }

    @Test func hiddenRowsAndFontNames() throws {
        let reader = try SpreadsheetOpener.open(path: try sampleBook().write(in: dir))
        let rows = try rows(reader)
        #expect(rows.map(\.hidden) == [false, true, false])
        #expect(rows[0].cells.map(\.fontName) == ["Calibri", "Calibri"])
        #expect(rows[1].cells[0].fontName == ".VnTime")
        #expect(rows[1].cells[0].value == .string("Phßng Néi vô"))
        if case .date(let d) = rows[0].cells[1].value { #expect(d.year == 2024) } else { Issue.record("no date") }
    }

    @Test func bytesErrorsMatchPathErrors() throws {
        #expect(throws: XLSXError.delimitedText) { _ = try SpreadsheetOpener.open(bytes: Array("a,b\n".utf8), name: "x.csv") }
        #expect(throws: XLSXError.notAZip) { _ = try SpreadsheetOpener.open(bytes: [], name: "rỗng.xlsx") }
        let path = try sampleBook().write(in: dir)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(throws: XLSXError.truncated) { _ = try SpreadsheetOpener.open(bytes: Array(bytes.prefix(bytes.count / 2)), name: "cụt.xlsx") }
    }

    /// A minimal OLE image: header sector, then one directory sector holding the root
    /// entry and the named streams (only the parts the sniffer looks at are filled).
    static func ole(streams: [String]) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 512 * 2)
        bytes.replaceSubrange(0..<8, with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        for (i, name) in (["Root Entry"] + streams).enumerated() {
            let at = 512 + i * 128
            let utf16 = Array(name.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            bytes.replaceSubrange(at..<(at + utf16.count), with: utf16)
            bytes[at + 64] = UInt8(utf16.count + 2)
            bytes[at + 66] = i == 0 ? 5 : 2
        }
        return bytes
    }

    @Test func oleFilesRoutedByTheirDirectory() throws {
        #expect(throws: XLSXError.legacyDOC) {
            _ = try SpreadsheetOpener.open(bytes: Self.ole(streams: ["WordDocument", "1Table"]), name: "cũ.doc")
        }
        #expect(throws: XLSXError.encrypted) {
            _ = try SpreadsheetOpener.open(bytes: Self.ole(streams: ["EncryptionInfo", "EncryptedPackage"]), name: "mật khẩu.xlsx")
        }
        let path = dir.file("cũ.doc")
        try Data(Self.ole(streams: ["WordDocument"])).write(to: URL(fileURLWithPath: path))
        #expect(throws: XLSXError.legacyDOC) { _ = try SpreadsheetOpener.open(path: path) }
        // The `.xlsx` reader itself keeps its own refusal for any OLE file.
        #expect(throws: XLSXError.legacyXLS) { _ = try XLSXReader(path: path) }
    }

    @Test func existingFixturesOpenThroughTheOpener() throws {
        let encrypted = FixtureFiles.refusalsDirectory.appendingPathComponent("encrypted.xlsx").path
        #expect(throws: XLSXError.encrypted) { _ = try SpreadsheetOpener.open(path: encrypted) }
        let reader = try SpreadsheetOpener.open(path: FixtureFiles.readerPath("libreoffice.xlsx"))
        #expect(reader.format == .xlsx)
        #expect(!reader.sheets.isEmpty)
    }

    @Test func delimitedTextIsRefusedAsCSV() throws {
        let utf8 = Array("\u{FEFF}STT;Tiêu chí;Điểm\r\n1.1;Kế hoạch;1\r\n".utf8)
        #expect(throws: XLSXError.delimitedText) { _ = try SpreadsheetOpener.open(bytes: utf8, name: "a.csv") }
        let utf16: [UInt8] = [0xFF, 0xFE] + "STT\tĐiểm\n1\t2\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(throws: XLSXError.delimitedText) { _ = try SpreadsheetOpener.open(bytes: utf16, name: "b.csv") }
        // Plain words are still "not a spreadsheet", and the .xlsx reader keeps its refusal.
        #expect(throws: XLSXError.notAZip) { _ = try SpreadsheetOpener.open(bytes: Array("ghi chú".utf8), name: "c.xlsx") }
        let path = dir.file("d.csv")
        try Data("a,b\n1,2\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: XLSXError.delimitedText) { _ = try SpreadsheetOpener.open(path: path) }
        #expect(throws: XLSXError.notAZip) { _ = try XLSXReader(path: path) }
        #expect(XLSXError.delimitedText.message.contains("CSV"))
    }
}
