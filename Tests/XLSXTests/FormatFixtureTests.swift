import Foundation
import Testing
import XLSX

// Reads the .xls and .ods files of Tests/Fixtures/formats/ (made by
// scripts/fixtures/make_format_fixtures.py with LibreOffice, xlwt and odfpy) and compares
// them cell by cell with the .xlsx they were made from. Every accepted difference is a
// named loss of the producer or the format, listed in `Loss`.

enum FormatFixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent("formats")

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
}

/// A difference a producer or format is known to make; each must be seen where allowed
/// and nowhere else.
enum Loss: Hashable, CustomStringConvertible {
    /// LibreOffice has no boolean type: its .xls holds TRUE()/FALSE() formulas giving 1/0.
    case booleanAsNumber
    /// LibreOffice 7.4's .xls keeps a text formula's result as 0.
    case textFormulaResultAsZero
    /// `veryHidden` does not exist in LibreOffice: such a sheet comes back `hidden`.
    case veryHiddenAsHidden
    /// xlwt cannot write an error cell, so none was written.
    case errorCellNotWritten
    /// The test's own hidden row (row 11) in the files written by xlwt and odfpy.
    case addedHiddenRow

    var description: String {
        switch self {
        case .booleanAsNumber: return "booleans read as 1/0"
        case .textFormulaResultAsZero: return "text formula result read as 0"
        case .veryHiddenAsHidden: return "veryHidden read as hidden"
        case .errorCellNotWritten: return "error cell absent"
        case .addedHiddenRow: return "row 11 hidden"
        }
    }
}

/// Compares two workbooks sheet by sheet and cell by cell. Returns the unexplained
/// differences and the losses that explained the others.
func compareWorkbooks(original: any SpreadsheetReader, other: any SpreadsheetReader,
                      allowed: Set<Loss>) throws -> (problems: [String], seen: Set<Loss>) {
    var problems: [String] = []
    var seen = Set<Loss>()
    if original.sheets.map(\.name) != other.sheets.map(\.name) {
        problems.append("sheets \(original.sheets.map(\.name)) ≠ \(other.sheets.map(\.name))")
        return (problems, seen)
    }
    if original.uses1904DateSystem != other.uses1904DateSystem { problems.append("date system differs") }
    for (a, b) in zip(original.sheets, other.sheets) {
        if a.state != b.state {
            if a.state == .veryHidden, b.state == .hidden, allowed.contains(.veryHiddenAsHidden) {
                seen.insert(.veryHiddenAsHidden)
            } else {
                problems.append("\(a.name): state \(a.state) ≠ \(b.state)")
            }
        }
        var cellsA: [String: Cell] = [:], cellsB: [String: Cell] = [:]
        var hiddenB = Set<Int>()
        let summaryA = try original.readRows(of: a) { row in for c in row.cells { cellsA[c.reference.a1] = c } }
        let summaryB = try other.readRows(of: b) { row in
            if row.hidden { hiddenB.insert(row.number) }
            for c in row.cells {
                if c.reference.row != row.number { problems.append("\(a.name): \(c.reference.a1) outside row \(row.number)") }
                cellsB[c.reference.a1] = c
            }
        }
        if Set(summaryA.mergedRanges.filter { $0.first != $0.last }) != Set(summaryB.mergedRanges.filter { $0.first != $0.last }) {
            problems.append("\(a.name): merged \(summaryA.mergedRanges) ≠ \(summaryB.mergedRanges)")
        }
        if hiddenB == [11], allowed.contains(.addedHiddenRow) {
            seen.insert(.addedHiddenRow)
        } else if !hiddenB.isEmpty {
            problems.append("\(a.name): hidden rows \(hiddenB.sorted())")
        }
        for key in Set(cellsA.keys).union(cellsB.keys).sorted() {
            let x = cellsA[key], y = cellsB[key]
            if let x, let y, same(x.value, y.value) { continue }
            switch (x?.value, y?.value) {
            case (.bool(let v)?, .number(let n)?) where allowed.contains(.booleanAsNumber) && n == (v ? 1 : 0):
                seen.insert(.booleanAsNumber)
            case (.string?, .number(0)?) where x?.formula != nil && allowed.contains(.textFormulaResultAsZero):
                seen.insert(.textFormulaResultAsZero)
            case (.error?, nil) where allowed.contains(.errorCellNotWritten):
                seen.insert(.errorCellNotWritten)
            default:
                problems.append("\(a.name)!\(key): \(x.map { "\($0.value)" } ?? "∅") ≠ \(y.map { "\($0.value)" } ?? "∅")")
            }
        }
    }
    return (problems, seen)
}

/// Values equal for a reader: numbers within 1e-9, strings byte for byte, dates by their
/// calendar fields (serials may differ in the last bit).
func same(_ a: CellValue, _ b: CellValue) -> Bool {
    switch (a, b) {
    case let (.number(x), .number(y)): return abs(x - y) <= 1e-9 * max(1, abs(x))
    case let (.string(x), .string(y)): return Array(x.utf8) == Array(y.utf8)
    case let (.date(x), .date(y)):
        return (x.year, x.month, x.day, x.hour, x.minute, x.second) == (y.year, y.month, y.day, y.hour, y.minute, y.second)
    default: return a == b
    }
}

@Suite("Legacy .xls returns")
struct XLSFormatTests {
    struct Case: CustomStringConvertible, Sendable {
        let file: String
        let original: String
        let losses: [Loss]
        var description: String { file }
    }

    static let cases: [Case] = [
        Case(file: "libreoffice.libreoffice.xls", original: "libreoffice.xlsx",
             losses: [.booleanAsNumber, .textFormulaResultAsZero]),
        Case(file: "openpyxl_basic.libreoffice.xls", original: "openpyxl_basic.xlsx", losses: [.veryHiddenAsHidden]),
        Case(file: "xlsxwriter_1904.libreoffice.xls", original: "xlsxwriter_1904.xlsx", losses: [.veryHiddenAsHidden]),
        Case(file: "xlsxwriter_constant_memory.libreoffice.xls", original: "xlsxwriter_constant_memory.xlsx",
             losses: [.textFormulaResultAsZero]),
        Case(file: "openpyxl_basic.xlwt.xls", original: "openpyxl_basic.xlsx", losses: [.errorCellNotWritten, .addedHiddenRow]),
        Case(file: "xlsxwriter_1904.xlwt.xls", original: "xlsxwriter_1904.xlsx", losses: [.addedHiddenRow]),
    ]

    @Test("cell by cell as the .xlsx original, only the named losses", arguments: cases)
    func matchesOriginal(_ c: Case) throws {
        let original = try SpreadsheetOpener.open(path: FixtureFiles.readerPath(c.original))
        let other = try SpreadsheetOpener.open(path: FormatFixtures.path(c.file))
        #expect(other.format == .xls)
        let (problems, seen) = try compareWorkbooks(original: original, other: other, allowed: Set(c.losses))
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        #expect(seen == Set(c.losses), "losses seen: \(seen), declared: \(c.losses)")
    }

    @Test func bytesReadLikeThePath() throws {
        let path = FormatFixtures.path("openpyxl_basic.libreoffice.xls")
        let fromPath = try SpreadsheetOpener.open(path: path)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let fromBytes = try SpreadsheetOpener.open(bytes: bytes, name: "bài nộp.xls")
        #expect(fromBytes.displayName == "bài nộp.xls")
        let (problems, _) = try compareWorkbooks(original: fromPath, other: fromBytes, allowed: [])
        #expect(problems.isEmpty, "\(problems)")
        #expect(try SpreadsheetOpener.format(of: .bytes(bytes, name: "x.xlsx")) == .xls)
    }

    @Test func encryptedXLSIsRefusedWithThePasswordMessage() throws {
        let path = FormatFixtures.path("encrypted.xls")
        #expect(throws: XLSXError.encrypted) { _ = try SpreadsheetOpener.open(path: path) }
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(throws: XLSXError.encrypted) { _ = try SpreadsheetOpener.open(bytes: bytes, name: "mật khẩu.xls") }
        #expect(XLSXError.encrypted.message.contains("mật khẩu"))
    }

    @Test func declaredGridIsBoundedBeforeFreeXLAllocates() throws {
        let path = FormatFixtures.path("grid-bomb.xls")
        #expect(throws: XLSXError.limitExceeded(part: "Workbook", limit: "vùng khai báo quá 16.777.216 ô")) {
            _ = try SpreadsheetOpener.open(path: path)
        }
        // (With the limit raised, libfreexl would take about 800 MB and seconds for this file.)
    }

    @Test func fileSizeIsLimitedBeforeReading() throws {
        var limits = ReadLimits()
        limits.maxPartBytes = 4096
        #expect(throws: XLSXError.self) {
            _ = try SpreadsheetOpener.open(path: FormatFixtures.path("openpyxl_basic.libreoffice.xls"), limits: limits)
        }
    }

    @Test func damagedXLSIsRefusedNotCrashed() throws {
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: FormatFixtures.path("openpyxl_basic.xlwt.xls"))))
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        var refused = 0
        for round in 0..<200 {
            var data = original
            for _ in 0..<(1 + next() % 6) { data[512 + next() % (data.count - 512)] = UInt8(truncatingIfNeeded: next()) }
            if round % 10 == 0 { data = Array(data.prefix(8 + next() % data.count)) }
            do {
                let reader = try SpreadsheetOpener.open(bytes: data, name: "hỏng.xls")
                for sheet in reader.sheets { try reader.readRows(of: sheet) { _ in } }
            } catch is XLSXError {
                refused += 1
            }
        }
        #expect(refused > 0)
    }

    @Test func hiddenRowsAndMergesFromTheRecords() throws {
        let reader = try SpreadsheetOpener.open(path: FormatFixtures.path("openpyxl_basic.xlwt.xls"))
        var hidden: [Int] = []
        let summary = try reader.readRows(of: reader.sheets[0]) { if $0.hidden { hidden.append($0.number) } }
        #expect(hidden == [11])
        #expect(Set(summary.mergedRanges.map(\.a1)) == ["A1:H1", "A2:H2", "A3:H3", "B6:H6"])
        #expect(reader.sheets.map(\.state) == [.visible, .hidden, .veryHidden])
    }
}
