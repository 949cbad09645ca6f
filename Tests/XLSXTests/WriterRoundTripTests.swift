import Testing
@testable import XLSX

/// Writes with ``XLSXWriter`` and reads back with ``XLSXReader``.
@Suite struct WriterRoundTripTests {
    private func roundTrip(_ build: (XLSXWriter) throws -> Void) throws -> (XLSXReader, WriterScratchFolder) {
        let folder = try WriterScratchFolder()
        let path = folder.file("round.xlsx")
        let writer = try XLSXWriter(path: path)
        try build(writer)
        try writer.close()
        return (try XLSXReader(path: path), folder)
    }

    private func rows(_ reader: XLSXReader, _ sheet: SheetInfo) throws -> ([Row], SheetSummary) {
        var rows: [Row] = []
        let summary = try reader.readRows(of: sheet) { rows.append($0) }
        return (rows, summary)
    }

    @Test func valuesComeBackUnchanged() throws {
        let date = SpreadsheetDate(year: 2023, month: 11, day: 15, serial: 0)
        let (reader, folder) = try roundTrip { w in
            let sheet = try w.addWorksheet(name: "Biểu 1")
            try sheet.writeRow([.string("STT"), .string("Lĩnh vực/Tiêu chí"), .string("Điểm chuẩn")], row: 1,
                               style: CellStyle(bold: true))
            try sheet.writeRow([.string("1.2"), .string("Thủ tục hành chính được công khai đầy đủ, đúng hạn"),
                                .number(0.25), .bool(true), .date(date), .error("#N/A")], row: 2)
            try sheet.write(.number(24.607), at: CellReference(row: 3, column: 3), style: CellStyle(numberFormat: "0.000"))
            try sheet.write(.string("- Dòng 1\n- Dòng 2"), at: CellReference(row: 4, column: 2), style: CellStyle(wrap: true))
            try sheet.writeFormula("=C2+C3", at: CellReference(row: 5, column: 3), cachedValue: 24.857)
            try sheet.write(.number(-1e-9), at: CellReference(row: 6, column: 16_384))
        }
        defer { folder.remove() }
        let (rows, summary) = try rows(reader, reader.sheets[0])
        #expect(rows.map(\.number) == [1, 2, 3, 4, 5, 6])
        #expect(rows[0][2]?.value == .string("Lĩnh vực/Tiêu chí"))
        #expect(rows[1][1]?.value == .string("1.2"))
        #expect(rows[1][2]?.value == .string("Thủ tục hành chính được công khai đầy đủ, đúng hạn"))
        #expect(rows[1][3]?.value == .number(0.25))
        #expect(rows[1][4]?.value == .bool(true))
        if case .date(let back)? = rows[1][5]?.value {
            #expect(back.year == 2023 && back.month == 11 && back.day == 15)
        } else {
            Issue.record("expected a date, got \(String(describing: rows[1][5]?.value))")
        }
        #expect(rows[1][6]?.value == .string("#N/A"))
        #expect(rows[2][3]?.value == .number(24.607))
        #expect(rows[3][2]?.value == .string("- Dòng 1\n- Dòng 2"))
        #expect(rows[4][3]?.value == .number(24.857))
        #expect(rows[4][3]?.formula == "C2+C3")
        #expect(rows[5][16_384]?.value == .number(-1e-9))
        #expect(summary.mergedRanges.isEmpty)
    }

    @Test func sheetsOrderStateMergesAndNames() throws {
        let (reader, folder) = try roundTrip { w in
            let list = try w.addWorksheet(name: "Danh mục")
            let plan = try w.addWorksheet(name: "Kế hoạch")
            let third = try w.addWorksheet(name: "Ghi chú")
            try list.writeRow([.string("HCQT"), .string("CTTĐT")], row: 1)
            try list.hide()
            try plan.activate()
            try plan.merge(CellRange(a1: "A1:H1")!, value: .string("PHỤ LỤC"), style: CellStyle(bold: true))
            try plan.merge(CellRange(a1: "A3:A5")!, value: .number(7), style: CellStyle(border: .thin))
            try plan.merge(CellRange(a1: "B3:C3")!, value: nil, style: CellStyle(border: .thin))
            try plan.setPageSetup(PageSetup(orientation: .landscape, repeatRows: 2...2))
            try third.write(.string("x"), at: CellReference(row: 1, column: 1))
            try w.defineName("Don_vi", formula: "='Danh mục'!$A$1:$B$1")
        }
        defer { folder.remove() }
        #expect(reader.sheets.map(\.name) == ["Danh mục", "Kế hoạch", "Ghi chú"])
        #expect(reader.sheets.map(\.state) == [.hidden, .visible, .visible])
        #expect(reader.definedNames["Don_vi"] == "'Danh mục'!$A$1:$B$1")
        #expect(reader.definedNames.contains { $0.key.contains("Print_Titles") && $0.value == "'Kế hoạch'!$2:$2" })
        #expect(!reader.uses1904DateSystem)
        let (rows, summary) = try rows(reader, try reader.sheet(named: "Kế hoạch"))
        #expect(Set(summary.mergedRanges) == [CellRange(a1: "A1:H1")!, CellRange(a1: "A3:A5")!, CellRange(a1: "B3:C3")!])
        #expect(rows.first?[1]?.value == .string("PHỤ LỤC"))
        #expect(rows.first { $0.number == 3 }?[1]?.value == .number(7))
    }

    @Test func constantMemoryRoundTrip() throws {
        let folder = try WriterScratchFolder()
        defer { folder.remove() }
        let path = folder.file("stream.xlsx")
        let writer = try XLSXWriter(path: path, options: WriterOptions(constantMemory: true))
        let sheet = try writer.addWorksheet(name: "Dữ liệu")
        try sheet.merge(CellRange(a1: "A1:C1")!, value: .string("Tổng hợp"))
        for row in 2...1_000 {
            try sheet.writeRow([.number(Double(row)), .string("Đơn vị \(row)")], row: row)
        }
        try writer.close()
        let reader = try XLSXReader(path: path)
        let (rows, summary) = try rows(reader, reader.sheets[0])
        #expect(rows.count == 1_000)
        #expect(rows.last?[2]?.value == .string("Đơn vị 1000"))
        #expect(summary.mergedRanges == [CellRange(a1: "A1:C1")!])
    }
}
