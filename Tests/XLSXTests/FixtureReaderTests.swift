import Foundation
import Testing
import XLSX

// Reads the committed workbooks in Tests/Fixtures/reader/ (made by openpyxl, xlsxwriter and
// LibreOffice; see scripts/fixtures/) and compares every cell with the sidecar
// `<name>.expected.json`, which the generator derived from the data it wrote.

// MARK: - Locating fixtures

enum FixtureFiles {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static let readerDirectory = root.appendingPathComponent("reader")
    static let refusalsDirectory = root.appendingPathComponent("refusals")

    /// File names of every `reader/*.xlsx`, sorted.
    static let readerWorkbooks: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: readerDirectory.path)) ?? []
        return names.filter { $0.hasSuffix(".xlsx") }.sorted()
    }()

    static func readerPath(_ name: String) -> String {
        readerDirectory.appendingPathComponent(name).path
    }

    fileprivate static func expected(for workbook: String) throws -> ExpectedWorkbook {
        let json = readerDirectory.appendingPathComponent(
            String(workbook.dropLast(".xlsx".count)) + ".expected.json")
        return try JSONDecoder().decode(ExpectedWorkbook.self, from: Data(contentsOf: json))
    }
}

// MARK: - The expected JSON

fileprivate struct ExpectedWorkbook: Decodable {
    let producer: String
    let date1904: Bool
    let sheets: [ExpectedSheet]
}

fileprivate struct ExpectedSheet: Decodable {
    let name: String
    let state: String
    let merged: [String]
    let cells: [ExpectedCell]
}

fileprivate enum ExpectedValue: CustomStringConvertible {
    case number(Double)
    case string(String)
    case bool(Bool)
    case error(String)
    case date(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int)

    var description: String {
        switch self {
        case .number(let n): return "number \(n)"
        case .string(let s): return "string \(s.debugDescription) (UTF-8 \(Array(s.utf8).count) bytes)"
        case .bool(let b): return "bool \(b)"
        case .error(let e): return "error \(e)"
        case let .date(y, m, d, h, mi, s): return "date \(y)-\(m)-\(d) \(h):\(mi):\(s)"
        }
    }
}

fileprivate struct ExpectedCell: Decodable {
    let ref: String
    let value: ExpectedValue
    let formula: String?

    private enum Key: String, CodingKey { case ref, type, value, formula }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        ref = try c.decode(String.self, forKey: .ref)
        formula = try c.decodeIfPresent(String.self, forKey: .formula)
        let type = try c.decode(String.self, forKey: .type)
        switch type {
        case "number": value = .number(try c.decode(Double.self, forKey: .value))
        case "string": value = .string(try c.decode(String.self, forKey: .value))
        case "bool": value = .bool(try c.decode(Bool.self, forKey: .value))
        case "error": value = .error(try c.decode(String.self, forKey: .value))
        case "date":
            let text = try c.decode(String.self, forKey: .value)
            guard let parsed = Self.parseISO(text) else {
                throw DecodingError.dataCorruptedError(forKey: .value, in: c, debugDescription: "bad date \(text)")
            }
            value = parsed
        default:
            throw DecodingError.dataCorruptedError(forKey: .type, in: c, debugDescription: "unknown type \(type)")
        }
    }

    /// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS`.
    static func parseISO(_ text: String) -> ExpectedValue? {
        let parts = text.split(separator: "T")
        let date = parts.first.map { $0.split(separator: "-").compactMap { Int($0) } } ?? []
        let time = parts.count == 2 ? parts[1].split(separator: ":").compactMap { Int($0) } : [0, 0, 0]
        guard date.count == 3, time.count == 3, parts.count <= 2 else { return nil }
        return .date(year: date[0], month: date[1], day: date[2], hour: time[0], minute: time[1], second: time[2])
    }
}

// MARK: - Comparison

/// Why a cell read from a fixture differs from its expected value, or nil when it matches.
fileprivate func mismatch(_ got: Cell, _ want: ExpectedCell) -> String? {
    var problems: [String] = []
    switch (got.value, want.value) {
    case let (.number(g), .number(w)):
        if !(abs(g - w) <= 1e-9) { problems.append("number \(g) ≠ \(w)") }
    case let (.string(g), .string(w)):
        // Byte for byte: Swift's == treats NFC and NFD as equal, the reader must not change them.
        if Array(g.utf8) != Array(w.utf8) {
            problems.append("string \(g.debugDescription) (\(Array(g.utf8).count) UTF-8 bytes) ≠ "
                            + "\(w.debugDescription) (\(Array(w.utf8).count) UTF-8 bytes)")
        }
    case let (.bool(g), .bool(w)):
        if g != w { problems.append("bool \(g) ≠ \(w)") }
    case let (.error(g), .error(w)):
        if g != w { problems.append("error \(g) ≠ \(w)") }
    case let (.date(g), .date(y, m, d, h, mi, s)):
        if (g.year, g.month, g.day, g.hour, g.minute, g.second) != (y, m, d, h, mi, s) {
            problems.append("date \(g.year)-\(g.month)-\(g.day) \(g.hour):\(g.minute):\(g.second) ≠ \(want.value)")
        }
    default:
        problems.append("got \(got.value) (\(got.value.fixtureKindName)), expected \(want.value)")
    }
    if got.formula != want.formula {
        problems.append("formula \(got.formula ?? "nil") ≠ \(want.formula ?? "nil")")
    }
    return problems.isEmpty ? nil : problems.joined(separator: "; ")
}

extension CellValue {
    fileprivate var fixtureKindName: String {
        switch self {
        case .number: return "number"
        case .string: return "string"
        case .bool: return "bool"
        case .error: return "error"
        case .date: return "date"
        }
    }
}

/// Every row and cell the reader returns for one sheet, checking row/cell ordering on the way.
fileprivate func readAll(_ reader: XLSXReader, _ sheet: SheetInfo, fixture: String) throws -> (cells: [Cell], summary: SheetSummary) {
    var cells: [Cell] = []
    var lastRow = 0
    var rowsDelivered = 0
    let summary = try reader.readRows(of: sheet) { row in
        #expect(row.number > lastRow, "\(fixture) '\(sheet.name)': row \(row.number) after row \(lastRow)")
        lastRow = row.number
        #expect(!row.cells.isEmpty, "\(fixture) '\(sheet.name)': empty row \(row.number) delivered")
        rowsDelivered += 1
        var lastColumn = 0
        for cell in row.cells {
            #expect(cell.reference.row == row.number,
                    "\(fixture) '\(sheet.name)': cell \(cell.reference) inside row \(row.number)")
            #expect(cell.reference.column > lastColumn,
                    "\(fixture) '\(sheet.name)': cell \(cell.reference) out of column order")
            lastColumn = cell.reference.column
            cells.append(cell)
        }
    }
    #expect(summary.rowCount == rowsDelivered, "\(fixture) '\(sheet.name)': summary.rowCount")
    #expect(summary.cellCount == cells.count, "\(fixture) '\(sheet.name)': summary.cellCount")
    return (cells, summary)
}

// MARK: - Tests

@Suite("Fixture workbooks from real producers")
struct FixtureReaderTests {
    @Test("the fixture folder holds every producer's workbook with its expected JSON")
    func fixturesPresent() throws {
        let names = FixtureFiles.readerWorkbooks
        for required in ["openpyxl_basic.xlsx", "xlsxwriter_constant_memory.xlsx",
                         "xlsxwriter_1904.xlsx", "libreoffice.xlsx"] {
            #expect(names.contains(required), "missing fixture \(required)")
        }
        for name in names {
            let expected = try FixtureFiles.expected(for: name)
            #expect(!expected.sheets.isEmpty, "\(name): expected JSON lists no sheet")
            #expect(expected.sheets.contains { !$0.cells.isEmpty }, "\(name): expected JSON lists no cell")
        }
    }

    @Test("each workbook reads exactly as its expected JSON says", arguments: FixtureFiles.readerWorkbooks)
    func readsAsExpected(fixture: String) throws {
        let expected = try FixtureFiles.expected(for: fixture)
        let reader = try XLSXReader(path: FixtureFiles.readerPath(fixture))

        #expect(reader.uses1904DateSystem == expected.date1904, "\(fixture): 1904 date system")
        #expect(reader.sheets.map(\.name) == expected.sheets.map(\.name), "\(fixture): sheet names and order")
        #expect(reader.sheets.map(\.index) == Array(0..<reader.sheets.count), "\(fixture): sheet indexes")
        try #require(reader.sheets.count == expected.sheets.count)

        for (sheet, want) in zip(reader.sheets, expected.sheets) {
            let label = "\(fixture) '\(want.name)'"
            #expect(sheet.state.rawValue == want.state, "\(label): state \(sheet.state.rawValue) ≠ \(want.state)")
            #expect(try reader.sheet(named: want.name) == sheet, "\(label): sheet(named:)")

            let (cells, summary) = try readAll(reader, sheet, fixture: fixture)

            let gotMerged = Set(summary.mergedRanges.map(\.a1))
            #expect(gotMerged == Set(want.merged),
                    "\(label): merged ranges \(gotMerged.sorted()) ≠ \(want.merged.sorted())")

            // Same cells, same order: nothing missing, nothing extra (styled blanks are not cells).
            let gotRefs = cells.map(\.reference.a1)
            let wantRefs = want.cells.map(\.ref)
            let extra = gotRefs.filter { !Set(wantRefs).contains($0) }
            let missing = wantRefs.filter { !Set(gotRefs).contains($0) }
            #expect(extra.isEmpty, "\(label): cells not expected: \(extra)")
            #expect(missing.isEmpty, "\(label): cells missing: \(missing)")
            #expect(gotRefs == wantRefs, "\(label): cells in a different order")
            let wantRows = Set(want.cells.map { CellReference(a1: $0.ref)?.row ?? 0 })
            #expect(summary.rowCount == wantRows.count,
                    "\(label): \(summary.rowCount) rows delivered, \(wantRows.count) expected")

            let byRef = Dictionary(cells.map { ($0.reference.a1, $0) }, uniquingKeysWith: { first, _ in first })
            for cell in want.cells {
                guard let got = byRef[cell.ref] else { continue }
                let problem = mismatch(got, cell)
                #expect(problem == nil, "\(label)!\(cell.ref): \(problem ?? "")")
            }
        }
    }

    @Test("NFD text comes back still decomposed, byte for byte",
          arguments: [("openpyxl_basic.xlsx", "Phụ lục", "B12"),
                      ("xlsxwriter_constant_memory.xlsx", "Phụ lục", "B12"),
                      ("xlsxwriter_1904.xlsx", "Phụ lục", "B12"),
                      ("libreoffice.xlsx", "Đơn vị", "B4")])
    func nfdPreserved(fixture: String, sheetName: String, ref: String) throws {
        let reader = try XLSXReader(path: FixtureFiles.readerPath(fixture))
        let sheet = try reader.sheet(named: sheetName)
        var found: String?
        try reader.readRows(of: sheet) { row in
            for cell in row.cells where cell.reference.a1 == ref { found = cell.value.string }
        }
        let text = try #require(found, "\(fixture) '\(sheetName)'!\(ref) not read as a string")
        let nfc = text.precomposedStringWithCanonicalMapping
        #expect(text == nfc)                                   // canonically the same text...
        #expect(Array(text.utf8) != Array(nfc.utf8))           // ...but still decomposed
        #expect(text.unicodeScalars.contains { $0.value == 0x0301 || $0.value == 0x0323 || $0.value == 0x0309 })
    }

    @Test("an unknown sheet name throws sheetNotFound")
    func unknownSheet() throws {
        let reader = try XLSXReader(path: FixtureFiles.readerPath("openpyxl_basic.xlsx"))
        #expect(throws: XLSXError.sheetNotFound("Không có")) {
            try reader.sheet(named: "Không có")
        }
    }

    @Test("a password-protected workbook (msoffcrypto-tool) is refused as encrypted")
    func encryptedRefused() {
        let path = FixtureFiles.refusalsDirectory.appendingPathComponent("encrypted.xlsx").path
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(throws: XLSXError.encrypted) {
            _ = try XLSXReader(path: path)
        }
    }

    @Test("a legacy BIFF8 .xls (xlwt) is refused as legacyXLS")
    func legacyRefused() {
        let path = FixtureFiles.refusalsDirectory.appendingPathComponent("legacy.xls").path
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(throws: XLSXError.legacyXLS) {
            _ = try XLSXReader(path: path)
        }
    }
}
