import Foundation
import Testing
import XLSX

/// Small deflated parts are inflated whole with libdeflate (bigger ones stream through
/// zlib): the declared size and CRC-32 in the zip directory are checked, never trusted.
@Suite("Reader inflate")
struct ReaderInflateTests {
    let dir = TempDir()
    static let sheetPart = "xl/worksheets/sheet1.xml"

    private func book(rows: String) -> TestWorkbook {
        var book = TestWorkbook()
        book.sheets = [("S", nil, TestWorkbook.sheet(rows))]
        book.sharedStrings = TestWorkbook.sst(["Tên đơn vị", "Phòng Nội vụ"])
        return book
    }

    private static let rows = (1...40).map { r in
        "<row r=\"\(r)\"><c r=\"A\(r)\" t=\"s\"><v>\(r % 2)</v></c><c r=\"B\(r)\"><v>\(Double(r) / 4)</v></c>"
            + "<c r=\"C\(r)\" t=\"inlineStr\"><is><t>dòng \(r)</t></is></c></row>"
    }.joined()

    /// Rewrites the CRC-32 and/or uncompressed size of entry `name`, in its local header
    /// and in the central directory alike (so the package stays self-consistent).
    private func patch(_ path: String, entry name: String, crc: (UInt32) -> UInt32 = { $0 },
                       size: (UInt32) -> UInt32 = { $0 }) throws -> String {
        var data = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let nameBytes = Array(name.utf8)
        func u32(_ at: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(data[at + $1]) << (8 * $1) } }
        func put(_ value: UInt32, _ at: Int) { for k in 0..<4 { data[at + k] = UInt8(truncatingIfNeeded: value >> (8 * k)) } }
        var patched = 0
        var i = 0
        while i + 46 < data.count {
            let signature = u32(i)
            // (signature, offset of the CRC, offset of the name)
            let layout: (Int, Int)? = signature == 0x0403_4B50 ? (14, 30) : signature == 0x0201_4B50 ? (16, 46) : nil
            if let (crcAt, nameAt) = layout, i + nameAt + nameBytes.count <= data.count,
               Array(data[(i + nameAt)..<(i + nameAt + nameBytes.count)]) == nameBytes {
                put(crc(u32(i + crcAt)), i + crcAt)
                put(size(u32(i + crcAt + 8)), i + crcAt + 8)
                patched += 1
            }
            i += 1
        }
        #expect(patched == 2)
        let out = dir.file("patched-\(UUID().uuidString).xlsx")
        try Data(data).write(to: URL(fileURLWithPath: out))
        return out
    }

    @Test func deflatedAndStoredPackagesReadAlike() throws {
        let book = book(rows: Self.rows)
        let deflated = try book.write(in: dir, name: "deflated.xlsx")
        let stored = dir.file("stored.xlsx")
        try TestZip.write(book.entries(), to: stored, store: true)
        let a = try readAllRows(XLSXReader(path: deflated))
        let b = try readAllRows(XLSXReader(path: stored))
        #expect(a.count == 40)
        #expect(a == b)
        #expect(a[0].cells.map(\.value) == [.string("Phòng Nội vụ"), .number(0.25), .string("dòng 1")])
    }

    @Test func partInflatingToMoreThanDeclaredIsRefused() throws {
        let path = try patch(try book(rows: Self.rows).write(in: dir), entry: Self.sheetPart, size: { $0 - 100 })
        expectReadError(path, .corrupt("kích thước giải nén của phần \(Self.sheetPart) khác kích thước khai báo trong tệp nén"))
    }

    @Test func hugeOutputBehindASmallDeclaredSizeIsRefused() throws {
        // 4 MiB of whitespace declared as 1,000 bytes: refused without producing more than 1,000.
        var book = book(rows: "")
        book.sheets[0].xml = "<worksheet>" + String(repeating: " ", count: 4 << 20) + "</worksheet>"
        let path = try patch(try book.write(in: dir), entry: Self.sheetPart, size: { _ in 1_000 })
        expectReadError(path, .corrupt("kích thước giải nén của phần \(Self.sheetPart) khác kích thước khai báo trong tệp nén"))
    }

    @Test func partInflatingToLessThanDeclaredIsRefused() throws {
        let path = try patch(try book(rows: Self.rows).write(in: dir), entry: Self.sheetPart, size: { $0 + 7 })
        expectReadError(path, .corrupt("kích thước giải nén của phần \(Self.sheetPart) khác kích thước khai báo trong tệp nén"))
    }

    @Test func crcMismatchInDeflatedPartIsRefused() throws {
        let path = try patch(try book(rows: Self.rows).write(in: dir), entry: Self.sheetPart, crc: { $0 ^ 0x0000_0100 })
        expectReadError(path, .corrupt("sai mã kiểm tra CRC ở phần \(Self.sheetPart)"))
    }

    @Test func crcMismatchInSharedStringsIsRefusedOnOpen() throws {
        let path = try patch(try book(rows: Self.rows).write(in: dir), entry: "xl/sharedStrings.xml", crc: { ~$0 })
        expectOpenError(path, .corrupt("sai mã kiểm tra CRC ở phần xl/sharedStrings.xml"))
    }

    @Test func partAboveTheWholePartSizeStillStreams() throws {
        // 9 MiB of padding: above the size inflated whole, read through the streaming path.
        var book = book(rows: "")
        book.sheets[0].xml = TestWorkbook.sheet(#"<row r="2"><c r="B2"><v>7</v></c></row>"#,
                                                before: "<!--" + String(repeating: "x", count: 9 << 20) + "-->")
        let rows = try readAllRows(XLSXReader(path: try book.write(in: dir)))
        #expect(rows.map(\.number) == [2])
        #expect(rows[0].cells.map(\.value) == [.number(7)])
    }

    @Test func limitsStillApplyToWholeParts() throws {
        // A 600 KiB part under a 512 KiB part limit: refused with the streaming path's words.
        var book = book(rows: "")
        book.sheets[0].xml = TestWorkbook.sheet("", before: "<!--" + String(repeating: "x", count: 600 << 10) + "-->")
        var limits = ReadLimits()
        limits.maxPartBytes = 512 << 10
        expectReadError(try book.write(in: dir), limits: limits,
                        .limitExceeded(part: Self.sheetPart, limit: "quá 512 KiB khi giải nén"))
    }
}
