import Foundation
import Testing
import XLSX

/// Every refusal of a hostile or broken file, each asserting its exact error.
@Suite("Reader refusals")
struct ReaderHostileTests {
    let dir = TempDir()

    private func book(sheet rows: String, sharedStrings: String? = nil) -> TestWorkbook {
        var book = TestWorkbook()
        book.sheets = [("S", nil, TestWorkbook.sheet(rows))]
        book.sharedStrings = sharedStrings
        return book
    }

    private func writeRaw(_ bytes: [UInt8], name: String = "raw.xlsx") throws -> String {
        let path = dir.file(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    // MARK: - File type

    @Test func missingFileCannotBeOpened() {
        expectOpenError(dir.file("nope.xlsx"), .cannotOpen("tệp không tồn tại"))
    }

    @Test func textFileIsNotAZip() throws {
        expectOpenError(try writeRaw(Array("Tên,Số\n1,2\n".utf8)), .notAZip)
    }

    @Test func emptyFileIsNotAZip() throws {
        expectOpenError(try writeRaw([]), .notAZip)
    }

    @Test func truncatedZip() throws {
        let full = try book(sheet: #"<row r="1"><c r="A1"><v>1</v></c></row>"#).write(in: dir)
        let data = try Data(contentsOf: URL(fileURLWithPath: full))
        let cut = try writeRaw(Array(data.prefix(data.count / 2)), name: "cut.xlsx")
        expectOpenError(cut, .truncated)
    }

    @Test func oleWithEncryptedPackageIsEncrypted() throws {
        var bytes: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 1000)
        let name = Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        bytes.replaceSubrange(700..<(700 + name.count), with: name)
        expectOpenError(try writeRaw(bytes, name: "enc.xlsx"), .encrypted)
    }

    @Test func oleWithoutEncryptedPackageIsLegacyXLS() throws {
        var bytes: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 1000)
        let name = Array("Workbook".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        bytes.replaceSubrange(600..<(600 + name.count), with: name)
        // The ASCII spelling must not count: OLE names are UTF-16LE.
        bytes.replaceSubrange(800..<816, with: Array("EncryptedPackage".utf8))
        expectOpenError(try writeRaw(bytes, name: "old.xls"), .legacyXLS)
    }

    @Test func crcMismatchIsCorrupt() throws {
        let sheetXML = TestWorkbook.sheet(#"<row r="1"><c r="A1"><v>123456</v></c></row>"#)
        var book = book(sheet: "")
        book.sheets = [("S", nil, sheetXML)]
        let path = dir.file("crc.xlsx")
        try TestZip.write(book.entries(), to: path, store: true)
        var data = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        // Change one digit of the stored (uncompressed) sheet data.
        let needle = Array("123456".utf8)
        let at = try #require((0...(data.count - needle.count)).first { Array(data[$0..<($0 + needle.count)]) == needle })
        data[at] = UInt8(ascii: "9")
        let broken = try writeRaw(data, name: "crc2.xlsx")
        expectReadError(broken, .corrupt("sai mã kiểm tra CRC ở phần xl/worksheets/sheet1.xml"))
    }

    // MARK: - Entry names

    @Test(arguments: ["../evil.xml", "xl/../../evil.xml", "/etc/evil.xml", "xl\\evil.xml"])
    func unsafeEntryNames(name: String) throws {
        var book = book(sheet: "")
        book.overrides[name] = "<x/>"
        expectOpenError(try book.write(in: dir), .unsafeEntryName(name))
    }

    @Test func caseInsensitiveDuplicateNames() throws {
        var book = book(sheet: "")
        book.overrides["XL/Workbook.xml"] = "<x/>"
        expectOpenError(try book.write(in: dir), .unsafeEntryName("XL/Workbook.xml"))
    }

    @Test func exactDuplicateNames() throws {
        var book = book(sheet: "")
        book.overrides["xl/workbooq.xml"] = "<x/>"
        let path = try book.write(in: dir)
        // Rename the extra entry in place (local header and central directory) so the
        // package holds two entries named xl/workbook.xml.
        var data = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let needle = Array("xl/workbooq.xml".utf8)
        var i = 0
        var replaced = 0
        while i <= data.count - needle.count {
            if Array(data[i..<(i + needle.count)]) == needle {
                data[i + 10] = UInt8(ascii: "k")
                replaced += 1
            }
            i += 1
        }
        #expect(replaced == 2)
        expectOpenError(try writeRaw(data, name: "dup.xlsx"), .unsafeEntryName("xl/workbook.xml"))
    }

    // MARK: - Parts

    @Test func missingWorkbook() throws {
        var book = book(sheet: "")
        book.omit = ["xl/workbook.xml"]
        expectOpenError(try book.write(in: dir), .missingWorkbook)
    }

    @Test func missingSheetPart() throws {
        var book = book(sheet: "")
        book.omit = ["xl/worksheets/sheet1.xml"]
        let reader = try XLSXReader(path: try book.write(in: dir))
        #expect(reader.sheets.count == 1)
        #expect(throws: XLSXError.missingPart("xl/worksheets/sheet1.xml")) { try readAllRows(reader) }
    }

    // MARK: - XML

    @Test func billionLaughsInSharedStringsIsRefused() throws {
        let lol = """
            <?xml version="1.0"?>
            <!DOCTYPE sst [
            <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
            <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
            <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
            <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
            <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
            <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
            ]>
            <sst xmlns="\(TestWorkbook.mainNS)"><si><t>&f;</t></si></sst>
            """
        expectOpenError(try book(sheet: "", sharedStrings: lol).write(in: dir),
                        .forbiddenDTD(part: "xl/sharedStrings.xml"))
    }

    @Test func externalEntityInSheetIsRefused() throws {
        var book = book(sheet: "")
        book.sheets[0].xml = """
            <?xml version="1.0"?><!DOCTYPE worksheet SYSTEM "http://example.com/evil.dtd">
            <worksheet xmlns="\(TestWorkbook.mainNS)"><sheetData/></worksheet>
            """
        expectReadError(try book.write(in: dir), .forbiddenDTD(part: "xl/worksheets/sheet1.xml"))
    }

    @Test func malformedXMLReportsLineAndReason() throws {
        var book = book(sheet: "")
        book.sheets[0].xml = "<?xml version=\"1.0\"?>\n<worksheet>\n<sheetData>\n<row r=\"1\"><c r=\"A1\"><v>1</c></row>\n</sheetData></worksheet>"
        expectReadError(try book.write(in: dir),
                        .malformedXML(part: "xl/worksheets/sheet1.xml", line: 4, reason: "mismatched tag"))
    }

    @Test func emptyPartIsMalformed() throws {
        var book = book(sheet: "")
        book.sheets[0].xml = ""
        expectReadError(try book.write(in: dir),
                        .malformedXML(part: "xl/worksheets/sheet1.xml", line: 1, reason: "no element found"))
    }

    // MARK: - Cells

    @Test func sharedStringIndexOutOfRange() throws {
        let book = book(sheet: #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>5</v></c></row>"#,
                        sharedStrings: TestWorkbook.sst(["một"]))
        expectReadError(try book.write(in: dir),
                        .sharedStringOutOfRange(part: "xl/worksheets/sheet1.xml", cell: "B1", index: 5, count: 1))
    }

    @Test(arguments: ["XFE1", "A1048577", "A0", "1A", "B2C"])
    func invalidCellReference(reference: String) throws {
        let book = book(sheet: "<row r=\"1\"><c r=\"\(reference)\"><v>1</v></c></row>")
        expectReadError(try book.write(in: dir),
                        .invalidCellReference(part: "xl/worksheets/sheet1.xml", reference: reference))
    }

    @Test func invalidRowNumber() throws {
        let book = book(sheet: #"<row r="1048577"><c><v>1</v></c></row>"#)
        expectReadError(try book.write(in: dir),
                        .invalidCellReference(part: "xl/worksheets/sheet1.xml", reference: "1048577"))
    }

    @Test func columnBeyondXFDWithoutReferences() throws {
        let cells = String(repeating: "<c><v>1</v></c>", count: CellReference.maxColumn + 1)
        let book = book(sheet: "<row r=\"3\">\(cells)</row>")
        expectReadError(try book.write(in: dir),
                        .invalidCellReference(part: "xl/worksheets/sheet1.xml", reference: "XFE3"))
    }

    // MARK: - Limits

    @Test func zipBombHitsThePartLimit() throws {
        // 24 MiB of whitespace inside a valid element: tiny compressed, huge expanded.
        var book = book(sheet: "")
        book.sheets[0].xml = "<worksheet>" + String(repeating: " ", count: 24 << 20) + "</worksheet>"
        var limits = ReadLimits()
        limits.maxPartBytes = 1 << 20
        expectReadError(try book.write(in: dir), limits: limits,
                        .limitExceeded(part: "xl/worksheets/sheet1.xml", limit: "quá 1 MiB khi giải nén"))
    }

    @Test func zipBombHitsTheRatioLimit() throws {
        var book = book(sheet: "")
        book.sheets[0].xml = "<worksheet>" + String(repeating: " ", count: 8 << 20) + "</worksheet>"
        var limits = ReadLimits()
        limits.ratioAllowanceBytes = 256 << 10
        limits.maxCompressionRatio = 100
        expectReadError(try book.write(in: dir), limits: limits,
                        .limitExceeded(part: "xl/worksheets/sheet1.xml", limit: "tỉ lệ nén vượt 100:1"))
    }

    @Test func totalLimitAcrossParts() throws {
        let filler = "<!-- " + String(repeating: "x", count: 600 << 10) + " -->"
        var book = book(sheet: "")
        book.sharedStrings = "<sst xmlns=\"\(TestWorkbook.mainNS)\">\(filler)</sst>"
        book.sheets[0].xml = "<worksheet>\(filler)<sheetData/></worksheet>"
        var limits = ReadLimits()
        limits.maxTotalBytes = 1 << 20
        let path = try book.write(in: dir)
        let reader = try XLSXReader(path: path, limits: limits)
        #expect(throws: XLSXError.limitExceeded(part: "xl/worksheets/sheet1.xml",
                                                limit: "tổng dung lượng giải nén quá 1 MiB")) {
            try readAllRows(reader)
        }
    }

    @Test func tooManySharedStrings() throws {
        var limits = ReadLimits()
        limits.maxSharedStrings = 3
        let book = book(sheet: "", sharedStrings: TestWorkbook.sst(["a", "b", "c", "d"]))
        expectOpenError(try book.write(in: dir), limits: limits,
                        .limitExceeded(part: "xl/sharedStrings.xml", limit: "quá 3 chuỗi dùng chung"))
    }

    @Test func overlongString() throws {
        var limits = ReadLimits()
        limits.maxStringBytes = 1024
        let long = String(repeating: "ư", count: 600) // 1,200 bytes
        let book = book(sheet: "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>\(long)</t></is></c></row>")
        expectReadError(try book.write(in: dir), limits: limits,
                        .limitExceeded(part: "xl/worksheets/sheet1.xml", limit: "một chuỗi dài quá 1 KiB"))
    }

    @Test func tooManyCells() throws {
        var limits = ReadLimits()
        limits.maxCellsPerSheet = 5_000
        let cells = String(repeating: "<c><v>1</v></c>", count: 100)
        let rows = (1...60).map { "<row r=\"\($0)\">\(cells)</row>" }.joined()
        expectReadError(try book(sheet: rows).write(in: dir), limits: limits,
                        .limitExceeded(part: "xl/worksheets/sheet1.xml", limit: "quá 5.000 ô trong một trang tính"))
    }

    // MARK: - Fuzz

    /// Damaged copies of a valid package (seeded, reproducible) must end in a result or an
    /// `XLSXError`, never a crash, a hang or another error type.
    @Test func mutatedPackagesFailCleanly() throws {
        var book = book(sheet: """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1.5</v></c><c r="C1" t="inlineStr"><is><t>chữ</t></is></c></row>\
            <row r="2"><c r="A2" s="1"><v>45352</v></c><c r="B2" t="b"><v>1</v></c></row>
            """, sharedStrings: TestWorkbook.sst(["Tên đơn vị"]))
        book.styles = "<styleSheet xmlns=\"\(TestWorkbook.mainNS)\"><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>"
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: try book.write(in: dir))))
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        var outcomes = [String: Int]()
        for round in 0..<300 {
            var data = original
            for _ in 0..<(1 + next() % 4) {
                data[next() % data.count] = UInt8(truncatingIfNeeded: next())
            }
            if round % 10 == 0 { data = Array(data.prefix(next() % data.count)) }
            let path = try writeRaw(data, name: "fuzz.xlsx")
            do {
                let reader = try XLSXReader(path: path)
                for sheet in reader.sheets { try reader.readRows(of: sheet) { _ in } }
                outcomes["ok", default: 0] += 1
            } catch let error as XLSXError {
                outcomes[String(describing: error).prefix(12).description, default: 0] += 1
            } catch {
                Issue.record("round \(round): unexpected error \(error)")
            }
        }
        // The damage must actually be detected most of the time.
        #expect((outcomes["ok"] ?? 0) < 300)
    }
}
