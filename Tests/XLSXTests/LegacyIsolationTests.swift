import Foundation
import Testing
@testable import XLSX
import CFreeXL

/// libfreexl 1.0.6 crashes on some malformed `.xls` files; it runs in a child process, so
/// each of them must come back as a clean ``XLSXError`` while this (test) process lives on.
/// Without the child process, every test here that reaches libfreexl kills the test run.
@Suite("Legacy .xls: libfreexl isolated in a child process")
struct LegacyIsolationTests {
    static let folder = FixtureFiles.root.appendingPathComponent("legacy")

    /// The inputs ReaderFuzz found (Tests/Fixtures/legacy/README.md says which is which),
    /// with the reason the pre-scan gives.
    static let crashInputs = ["freexl-dimension-stale.xls", "freexl-sst-skip.xls"]
    static let reasons = ["freexl-dimension-stale.xls": "bản ghi DIMENSION của trang tính quá ngắn (0 byte)",
                          "freexl-sst-skip.xls": "vị trí chuỗi trong bảng SST nằm ngoài bản ghi"]
    static let crashReason = "cấu trúc tệp bất thường, thư viện đọc .xls dừng với lỗi"

    /// A small well-formed workbook: two shared strings and two numbers on one sheet.
    static func workbook(sheetRecords extra: [TestLegacyWorkbook.Record] = [], afterDimension: Bool = true) -> TestLegacyWorkbook {
        var records: [TestLegacyWorkbook.Record] = [TestLegacyWorkbook.dimension(rows: 3, columns: 2)]
        let cells: [TestLegacyWorkbook.Record] = [
            TestLegacyWorkbook.labelSST(row: 0, column: 0, index: 0),
            TestLegacyWorkbook.labelSST(row: 0, column: 1, index: 1),
            TestLegacyWorkbook.number(row: 1, column: 0, 1.5),
            TestLegacyWorkbook.number(row: 2, column: 1, -42),
        ]
        records += afterDimension ? extra + cells : cells + extra
        var book = TestLegacyWorkbook()
        book.strings = ["Tiêu chí", "Ghi chú"] // Latin-1: written as 8-bit characters
        book.sheets = [.init(name: "Sheet1", records: records)]
        return book
    }

    static func damagedReason(_ read: () throws -> Void) -> String? {
        do {
            try read()
            return nil
        } catch let XLSXError.damagedLegacy(why) {
            return why
        } catch {
            return "other error: \(error)"
        }
    }

    /// Reads every cell of every sheet; returns the cells as "A1=value" strings.
    @discardableResult
    static func readAll(_ reader: any SpreadsheetReader) throws -> [String] {
        var out: [String] = []
        for sheet in reader.sheets {
            try reader.readRows(of: sheet) { row in
                for cell in row.cells { out.append("\(cell.reference)=\(cell.value)") }
            }
        }
        return out
    }

    @Test("the generated workbook is well formed: libfreexl reads its cells")
    func generatedWorkbookReads() throws {
        let reader = try SpreadsheetOpener.open(bytes: Self.workbook().bytes, name: "ok.xls")
        #expect(reader.format == .xls)
        #expect(reader.sheets.map(\.name) == ["Sheet1"])
        var values: [String: CellValue] = [:]
        for sheet in reader.sheets {
            try reader.readRows(of: sheet) { row in
                for cell in row.cells { values["\(cell.reference)"] = cell.value }
            }
        }
        #expect(values == ["A1": .string("Tiêu chí"), "B1": .string("Ghi chú"), "A2": .number(1.5), "B3": .number(-42)])
    }

    @Test("the inputs the fuzzer found are refused as damaged .xls by the pre-scan, by path and by bytes", arguments: crashInputs)
    func fuzzerInputsRefused(name: String) throws {
        let path = Self.folder.appendingPathComponent(name).path
        let byPath = Self.damagedReason { try Self.readAll(try SpreadsheetOpener.open(path: path)) }
        #expect(byPath == Self.reasons[name])
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let byBytes = Self.damagedReason { try Self.readAll(try SpreadsheetOpener.open(bytes: bytes, name: name)) }
        #expect(byBytes == byPath)
        #expect(XLSXError.damagedLegacy(byPath ?? "").message.hasPrefix("tệp Excel .xls bị hỏng"))
    }

    /// The class of the first crash: a `DIMENSION` record shorter than 14 bytes after a
    /// valid one. libfreexl reads the missing bytes from the previous record still in its
    /// buffer, sets the sheet to that (huge) size, fails to allocate it, and then frees
    /// "cells" past the end of the old, small array. The pre-scan sees nothing wrong (the
    /// record is too short to declare anything).
    @Test("a short DIMENSION after a valid one (stale size): refused, not a crash",
          arguments: [(0, UInt32(0x7FFF_FFFF), UInt16(16)), (0, 0x0100_0000, 256), (2, 0x7FFF_FFFF, 255),
                      (6, 0x4000_0000, 40), (9, 0x7FFF_FFFF, 1000), (0, 0xFFFF_FFF0, 64)])
    func staleDimension(length: Int, rows: UInt32, columns: UInt16) throws {
        // A record libfreexl ignores, whose body holds the size a DIMENSION would read.
        let filler = TestLegacyWorkbook.Record(0x00EF, le32(0) + le32(rows) + le16(0) + le16(columns) + le16(0))
        let short = TestLegacyWorkbook.Record(0x0200, Array(filler.body.prefix(length)))
        let bytes = Self.workbook(sheetRecords: [filler, short]).bytes
        let reason = Self.damagedReason { try Self.readAll(try SpreadsheetOpener.open(bytes: bytes, name: "dim.xls")) }
        #expect(reason == "bản ghi DIMENSION của trang tính quá ngắn (\(length) byte)")
        // Past the pre-scan, libfreexl itself crashes on it: in the child process.
        let path = try Self.temporaryFile(bytes)
        defer { unlink(path) }
        let crash = Self.damagedReason { _ = try FreeXLChild.read(path: path, fileBytes: bytes.count, limits: .default) }
        #expect(crash == Self.crashReason)
    }

    static func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("legacy-\(UUID().uuidString).xls").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("libfreexl crashing on the fuzzer's file, past the pre-scan, is a damaged-file error in the child")
    func crashInTheChild() throws {
        let path = Self.folder.appendingPathComponent("freexl-dimension-stale.xls").path
        for _ in 0..<3 {
            let reason = Self.damagedReason { _ = try FreeXLChild.read(path: path, fileBytes: 9728, limits: .default) }
            #expect(reason == Self.crashReason)
        }
    }

    /// The class of the second crash: an `SST` string whose phonetic-block size (or
    /// rich-text run count) points past the record. libfreexl carries the overshoot into
    /// the next `CONTINUE` record and reads from that far.
    @Test("an SST string whose extra-data size points far away: refused, not a crash",
          arguments: [UInt32(0x4000_0000), 0x7FFF_FFF0, 0xFFFF_F000, 0x1000_0000, 0x2000])
    func sstSkip(phonetic: UInt32) throws {
        var book = Self.workbook()
        book.sst = [
            TestLegacyWorkbook.sstRecord(total: 3, unique: 3, [
                TestLegacyWorkbook.sstString("Tieu chi", phonetic: phonetic, extra: [0, 0, 0, 0]),
            ]),
            TestLegacyWorkbook.continueRecord(TestLegacyWorkbook.sstString("Diem") + TestLegacyWorkbook.sstString("Ghi chu")),
        ]
        let bytes = book.bytes
        let reason = Self.damagedReason { try Self.readAll(try SpreadsheetOpener.open(bytes: bytes, name: "sst.xls")) }
        #expect(reason == "vị trí chuỗi trong bảng SST nằm ngoài bản ghi")
    }

    @Test("an SST string with rich-text runs pointing far away: refused, not a crash",
          arguments: [UInt16(0xFFFF), 0x8000])
    func sstRuns(runs: UInt16) throws {
        var book = Self.workbook()
        book.sst = [
            TestLegacyWorkbook.sstRecord(total: 2, unique: 2, [TestLegacyWorkbook.sstString("Tieu chi", runs: runs)]),
            TestLegacyWorkbook.continueRecord(TestLegacyWorkbook.sstString("Diem")),
        ]
        let bytes = book.bytes
        let reason = Self.damagedReason { try Self.readAll(try SpreadsheetOpener.open(bytes: bytes, name: "runs.xls")) }
        #expect(reason == "vị trí chuỗi trong bảng SST nằm ngoài bản ghi")
    }

    @Test("more XF records than libfreexl's table holds: refused before it reads past the table",
          arguments: [8192, 8193, 20_000])
    func manyFormats(count: Int) throws {
        var book = Self.workbook()
        let xf = TestLegacyWorkbook.Record(0x00E0, le16(0) + le16(0) + [UInt8](repeating: 0, count: 16))
        book.globals = [TestLegacyWorkbook.Record](repeating: xf, count: count)
        let bytes = book.bytes
        let reason = Self.damagedReason { try Self.readAll(try SpreadsheetOpener.open(bytes: bytes, name: "xf.xls")) }
        #expect(reason == (count > 8192 ? "quá 8.192 bản ghi định dạng ô (XF)" : nil))
    }

    /// Well-formed tables the check must not refuse: a string split over a CONTINUE record
    /// (with its flags byte repeated) and a phonetic block running into the next record.
    @Test("SST strings continued in a CONTINUE record are read, not refused")
    func sstContinued() throws {
        var book = Self.workbook()
        let first = TestLegacyWorkbook.sstString("Tiêu chí", phonetic: 6, extra: [1, 2])
        let split = le16(7) + [0] + Array("Ghi".utf8)
        book.sst = [
            TestLegacyWorkbook.sstRecord(total: 3, unique: 3, [first]),
            TestLegacyWorkbook.continueRecord([3, 4, 5, 6] + TestLegacyWorkbook.sstString("Diem") + split),
            TestLegacyWorkbook.continueRecord([0] + Array(" chu".utf8)),
        ]
        book.sheets[0].records.append(TestLegacyWorkbook.labelSST(row: 2, column: 0, index: 2))
        let cells = try Self.readAll(try SpreadsheetOpener.open(bytes: book.bytes, name: "continued.xls"))
        #expect(cells.contains("A1=\(CellValue.string("Tiêu chí"))"))
        #expect(cells.contains("B1=\(CellValue.string("Diem"))"))
        #expect(cells.contains("A3=\(CellValue.string("Ghi chu"))"))
    }

    /// A valid sheet declaring 65,536 × 256 cells: libfreexl allocates 256 MiB for it and
    /// the child walks all 16.7 million cells.
    static func fullGrid() throws -> (path: String, bytes: Int) {
        var book = Self.workbook()
        book.sheets[0].records[0] = TestLegacyWorkbook.dimension(rows: 65_536, columns: 256)
        let bytes = book.bytes
        return (try Self.temporaryFile(bytes), bytes.count)
    }

    @Test("the child's bounds: wall-clock deadline, memory budget, size of what it sends back")
    func childBounds() throws {
        let grid = try Self.fullGrid()
        defer { unlink(grid.path) }
        var bounds = FreeXLChild.limits(fileBytes: grid.bytes, limits: .default)
        // Within the default bounds it reads.
        let dump = try FreeXLChild.read(path: grid.path, bounds: bounds)
        #expect(dump.sheets.first?.rows == 65_536)

        var quick = bounds
        quick.wall_milliseconds = 1
        #expect(Self.damagedReason { _ = try FreeXLChild.read(path: grid.path, bounds: quick) }?
            .hasPrefix("cấu trúc tệp bất thường, đọc quá") == true)

        var small = bounds
        small.memory_bytes = 16 << 20 // far below the 256 MiB cell array
        // libfreexl's allocation fails: it reports an error (no handle), or crashes.
        var starved = "read"
        do {
            let dump = try FreeXLChild.read(path: grid.path, bounds: small)
            if dump.openCode != FREEXL_OK { starved = "code \(dump.openCode)" }
        } catch let XLSXError.damagedLegacy(why) {
            starved = why
        }
        #expect(starved == "code \(FREEXL_NULL_HANDLE)" || starved == "code \(FREEXL_INSUFFICIENT_MEMORY)"
                || starved == Self.crashReason, "\(starved)")

        bounds.max_output_bytes = 64
        #expect(throws: XLSXError.limitExceeded(part: "Workbook", limit: "nội dung đọc được quá 64 byte")) {
            _ = try FreeXLChild.read(path: grid.path, bounds: bounds)
        }
    }

    @Test("after a refused file, the next .xls still reads (nothing left behind)")
    func readsAfterACrash() throws {
        let crash = Self.folder.appendingPathComponent(Self.crashInputs[0]).path
        for _ in 0..<3 {
            #expect(Self.damagedReason { _ = try FreeXLChild.read(path: crash, fileBytes: 9728, limits: .default) } == Self.crashReason)
            let cells = try Self.readAll(try SpreadsheetOpener.open(bytes: Self.workbook().bytes, name: "ok.xls"))
            #expect(cells.count == 4)
        }
    }

    @Test("crashing and valid .xls files read at the same time from several threads")
    func concurrentReads() async throws {
        let crash = Self.folder.appendingPathComponent(Self.crashInputs[0]).path
        let good = Self.workbook().bytes
        let outcomes = await withTaskGroup(of: (Bool, Int?).self) { group in
            for i in 0..<12 {
                group.addTask {
                    if i % 2 == 0 {
                        return (true, try? Self.readAll(try SpreadsheetOpener.open(bytes: good, name: "ok.xls")).count)
                    }
                    let reason = Self.damagedReason { _ = try FreeXLChild.read(path: crash, fileBytes: 9728, limits: .default) }
                    return (false, reason == Self.crashReason ? nil : 0)
                }
            }
            var all: [(Bool, Int?)] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        #expect(outcomes.count == 12)
        for (valid, count) in outcomes {
            #expect(count == (valid ? 4 : nil))
        }
    }
}


