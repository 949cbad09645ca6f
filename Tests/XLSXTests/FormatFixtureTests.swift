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
    /// LibreOffice counts days without Excel's phantom 29 February 1900: a date before
    /// 1 March 1900 comes back one day earlier.
    case earlyDateShifted

    var description: String {
        switch self {
        case .booleanAsNumber: return "booleans read as 1/0"
        case .textFormulaResultAsZero: return "text formula result read as 0"
        case .veryHiddenAsHidden: return "veryHidden read as hidden"
        case .errorCellNotWritten: return "error cell absent"
        case .addedHiddenRow: return "row 11 hidden"
        case .earlyDateShifted: return "date before March 1900 one day earlier"
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
            case (.date(let d)?, .date(let e)?) where allowed.contains(.earlyDateShifted)
                    && (d.year, d.month) < (1900, 3) && abs(d.serial - e.serial - 1) < 1e-9:
                seen.insert(.earlyDateShifted)
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

@Suite("OpenDocument .ods returns")
struct ODSFormatTests {
    static let cases: [XLSFormatTests.Case] = [
        .init(file: "libreoffice.libreoffice.ods", original: "libreoffice.xlsx", losses: []),
        .init(file: "openpyxl_basic.libreoffice.ods", original: "openpyxl_basic.xlsx",
              losses: [.booleanAsNumber, .earlyDateShifted, .veryHiddenAsHidden]),
        .init(file: "xlsxwriter_1904.libreoffice.ods", original: "xlsxwriter_1904.xlsx",
              losses: [.booleanAsNumber, .veryHiddenAsHidden]),
        .init(file: "xlsxwriter_constant_memory.libreoffice.ods", original: "xlsxwriter_constant_memory.xlsx",
              losses: [.booleanAsNumber]),
        .init(file: "openpyxl_basic.odfpy.ods", original: "openpyxl_basic.xlsx",
              losses: [.errorCellNotWritten, .addedHiddenRow, .veryHiddenAsHidden]),
        .init(file: "xlsxwriter_1904.odfpy.ods", original: "xlsxwriter_1904.xlsx",
              losses: [.addedHiddenRow, .veryHiddenAsHidden]),
    ]

    @Test("cell by cell as the .xlsx original, only the named losses", arguments: cases)
    func matchesOriginal(_ c: XLSFormatTests.Case) throws {
        let original = try SpreadsheetOpener.open(path: FixtureFiles.readerPath(c.original))
        let other = try SpreadsheetOpener.open(path: FormatFixtures.path(c.file))
        #expect(other.format == .ods)
        let (problems, seen) = try compareWorkbooks(original: original, other: other, allowed: Set(c.losses))
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        #expect(seen == Set(c.losses), "losses seen: \(seen), declared: \(c.losses)")
    }

    @Test func formulasKeepTheirCachedValueAndText() throws {
        let reader = try SpreadsheetOpener.open(path: FormatFixtures.path("libreoffice.libreoffice.ods"))
        var cells: [String: Cell] = [:]
        try reader.readRows(of: reader.sheets[0]) { for c in $0.cells { cells[c.reference.a1] = c } }
        #expect(cells["C15"]?.value == .number(3.5))
        #expect(cells["C15"]?.formula == "SUM([.C8:.C13])")
        #expect(cells["E15"]?.value == .string("Đạt"))
        #expect(cells["G15"]?.value == .error("#DIV/0!"))
    }

    let dir = TempDir()

    /// A minimal `.ods` package around the body of one or more `table:table` elements.
    func ods(_ tables: String, styles: String = "", settings: String = "", name: String = "t.ods") throws -> String {
        let content = """
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
            xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
            xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" \
            xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" \
            xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.2">\
            <office:font-face-decls><style:font-face style:name="VnTime" svg:font-family="&apos;.VnTime&apos;"/></office:font-face-decls>\
            <office:automatic-styles>\(styles)</office:automatic-styles>\
            <office:body><office:spreadsheet>\(settings)\(tables)</office:spreadsheet></office:body></office:document-content>
            """
        let path = dir.file(name)
        try TestZip.write([("mimetype", Array("application/vnd.oasis.opendocument.spreadsheet".utf8)),
                           ("content.xml", Array(content.utf8))], to: path)
        return path
    }

    func rows(_ reader: any SpreadsheetReader, sheet: Int = 0) throws -> (rows: [Row], summary: SheetSummary) {
        var rows: [Row] = []
        let summary = try reader.readRows(of: reader.sheets[sheet]) { rows.append($0) }
        return (rows, summary)
    }

    @Test func textValuesRepeatsMergesHiddenRowsAndSheets() throws {
        let styles = """
            <style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/></style:style>\
            <style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>\
            <style:style style:name="ce1" style:family="table-cell"><style:text-properties style:font-name="VnTime"/></style:style>
            """
        let path = try ods("""
            <table:table table:name="Bảng" table:style-name="ta1">\
            <table:table-row><table:table-cell office:value-type="string" table:number-columns-spanned="3" table:number-rows-spanned="2">\
            <text:p>Dòng<text:s text:c="3"/>một<text:tab/>x</text:p><text:p>hai<text:line-break/>ba</text:p>\
            <office:annotation><text:p>ghi chú không phải nội dung</text:p></office:annotation></table:table-cell>\
            <table:covered-table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="percentage" office:value="0.25"><text:p>25%</text:p></table:table-cell></table:table-row>\
            <table:table-row table:visibility="collapse"><table:covered-table-cell table:number-columns-repeated="3"/>\
            <table:table-cell office:value-type="date" office:date-value="2024-03-01T08:30:00.000"><text:p>x</text:p></table:table-cell>\
            <table:table-cell office:value-type="time" office:time-value="PT12H30M00S"/>\
            <table:table-cell office:value-type="boolean" office:boolean-value="false"/></table:table-row>\
            <table:table-row table:number-rows-repeated="3"><table:table-cell/></table:table-row>\
            <table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="2"/>\
            <table:table-cell table:style-name="ce1" office:value-type="float" office:value="1.5" table:number-columns-repeated="2"><text:p>1,5</text:p></table:table-cell></table:table-row>\
            <table:table-row table:number-rows-repeated="1048560"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>\
            </table:table><table:table table:name="Ẩn" table:style-name="ta2"><table:table-row><table:table-cell office:value-type="string"><text:p>ẩn</text:p></table:table-cell></table:table-row></table:table>
            """, styles: styles)
        let reader = try SpreadsheetOpener.open(path: path)
        #expect(reader.format == .ods)
        #expect(reader.sheets.map(\.name) == ["Bảng", "Ẩn"])
        #expect(reader.sheets.map(\.state) == [.visible, .hidden])
        let (rows, summary) = try rows(reader)
        #expect(rows.map(\.number) == [1, 2, 6, 7])
        #expect(rows.map(\.hidden) == [false, true, false, false])
        #expect(rows[0].cells.map(\.reference.a1) == ["A1", "D1"])
        #expect(rows[0].cells[0].value == .string("Dòng   một\tx\nhai\nba"))
        #expect(rows[0].cells[1].value == .number(0.25))
        #expect(rows[1].cells.map(\.reference.a1) == ["D2", "E2", "F2"])
        if case .date(let d) = rows[1].cells[0].value { #expect((d.year, d.month, d.day, d.hour, d.minute) == (2024, 3, 1, 8, 30)) }
        else { Issue.record("no date in D2") }
        if case .date(let t) = rows[1].cells[1].value { #expect((t.hour, t.minute) == (12, 30)) } else { Issue.record("no time in E2") }
        #expect(rows[1].cells[2].value == .bool(false))
        #expect(rows[2].cells.map(\.reference.a1) == ["C6", "D6"])
        #expect(rows[3].cells.map(\.reference.a1) == ["C7", "D7"])
        #expect(rows[3].cells.allSatisfy { $0.value == .number(1.5) && $0.fontName == ".VnTime" })
        #expect(summary.mergedRanges.map(\.a1) == ["A1:C2"])
        #expect(summary.rowCount == 4 && summary.cellCount == 9)
    }

    @Test func repeatedRowsAreBoundedByTheCellLimit() throws {
        let path = try ods("""
            <table:table table:name="S"><table:table-row table:number-rows-repeated="1048000">\
            <table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"/></table:table-row></table:table>
            """)
        var limits = ReadLimits()
        limits.maxCellsPerSheet = 100_000
        let reader = try SpreadsheetOpener.open(path: path, limits: limits)
        var delivered = 0
        #expect(throws: XLSXError.limitExceeded(part: "content.xml", limit: "quá 100.000 ô trong một trang tính")) {
            try reader.readRows(of: reader.sheets[0]) { _ in delivered += 1 }
        }
        #expect(delivered == 0, "refused before any row is expanded")
        // Data past row 1,048,576 is an error, not silently dropped.
        let beyond = try ods("""
            <table:table table:name="S"><table:table-row table:number-rows-repeated="1048576"><table:table-cell/></table:table-row>\
            <table:table-row><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>
            """, name: "beyond.ods")
        let r2 = try SpreadsheetOpener.open(path: beyond)
        #expect(throws: XLSXError.self) { try r2.readRows(of: r2.sheets[0]) { _ in } }
    }

    @Test func sameRefusalsAsXLSX() throws {
        // A DTD anywhere in content.xml.
        let content = #"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><office:document-content xmlns:office="o">&a;</office:document-content>"#
        let dtd = dir.file("dtd.ods")
        try TestZip.write([("mimetype", Array("application/vnd.oasis.opendocument.spreadsheet".utf8)),
                           ("content.xml", Array(content.utf8))], to: dtd)
        #expect(throws: XLSXError.forbiddenDTD(part: "content.xml")) { _ = try SpreadsheetOpener.open(path: dtd) }
        // A zip bomb: 40 MiB of spaces inside the table.
        let padding = String(repeating: " ", count: 40 << 20)
        let bomb = try ods("<table:table table:name=\"S\">\(padding)</table:table>", name: "bomb.ods")
        #expect(throws: XLSXError.limitExceeded(part: "content.xml", limit: "tỉ lệ nén vượt 200:1")) {
            _ = try SpreadsheetOpener.open(path: bomb)
        }
        // An OpenDocument text is not read as a spreadsheet.
        let odt = dir.file("x.odt")
        try TestZip.write([("mimetype", Array("application/vnd.oasis.opendocument.text".utf8)),
                           ("content.xml", Array("<a/>".utf8))], to: odt)
        #expect(throws: XLSXError.unsupportedFormat("OpenDocument (application/vnd.oasis.opendocument.text)")) {
            _ = try SpreadsheetOpener.open(path: odt)
        }
    }

    @Test func bytesReadLikeThePath() throws {
        let path = FormatFixtures.path("xlsxwriter_1904.libreoffice.ods")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let (problems, _) = try compareWorkbooks(original: try SpreadsheetOpener.open(path: path),
                                                 other: try SpreadsheetOpener.open(bytes: bytes, name: "tải lên.ods"),
                                                 allowed: [])
        #expect(problems.isEmpty, "\(problems)")
        #expect(try SpreadsheetOpener.open(bytes: bytes, name: "tải lên.ods").uses1904DateSystem)
    }
}
