import Testing
@testable import XLSX

/// Every input libxlsxwriter would reject, truncate or abort on is refused in Swift first.
@Suite struct WriterGuardTests {
    private func withSheet(_ body: (XLSXWriter, WorksheetWriter) throws -> Void) throws {
        let folder = try WriterScratchFolder()
        defer { folder.remove() }
        let writer = try XLSXWriter(path: folder.file("guard.xlsx"))
        try body(writer, try writer.addWorksheet(name: "Biểu 1"))
    }

    private let a1 = CellReference(row: 1, column: 1)

    @Test func longExplicitListIsRefusedNotAborted() throws {
        try withSheet { _, sheet in
            let units = (1...60).map { "Phòng \($0)" }
            let reason = writeFailure {
                try sheet.addDataValidation(range: CellRange(a1: "A1:A9")!, rule: DataValidation(.list(units)))
            }
            #expect(reason?.contains("255") == true)
            #expect(reason?.contains("listFormula") == true)
        }
    }

    @Test func vietnameseListUnder255CharactersButOver255BytesIsRefused() throws {
        try withSheet { _, sheet in
            // 10 values × 20 characters + 9 commas = 209 characters, but about 280 UTF-8
            // bytes: libxlsxwriter 1.1.4 would overflow its 258-byte buffer.
            let units = Array(repeating: "Phòng Tổ chức cán bộ", count: 10)
            #expect(units.joined(separator: ",").count < 255)
            #expect(units.joined(separator: ",").utf8.count > 255)
            #expect(writeFailure {
                try sheet.addDataValidation(range: CellRange(a1: "A1")!, rule: DataValidation(.list(units)))
            } != nil)
        }
    }

    @Test func listValuesWithCommasOrQuotesAreRefused() throws {
        try withSheet { _, sheet in
            #expect(writeFailure {
                try sheet.addDataValidation(range: CellRange(a1: "A1")!, rule: DataValidation(.list(["a,b", "c"])))
            } != nil)
            #expect(writeFailure {
                try sheet.addDataValidation(range: CellRange(a1: "A1")!, rule: DataValidation(.list(["\"x\""])))
            } != nil)
            #expect(writeFailure {
                try sheet.addDataValidation(range: CellRange(a1: "A1")!, rule: DataValidation(.list([])))
            } != nil)
        }
    }

    @Test func validationTitlesAndMessagesAreLimited() throws {
        try withSheet { _, sheet in
            let range = CellRange(a1: "B2:B9")!
            let title33 = String(repeating: "đ", count: 33)
            let message256 = String(repeating: "ệ", count: 256)
            #expect(writeFailure {
                try sheet.addDataValidation(range: range, rule: DataValidation(.decimal(.between(0, 1)), inputTitle: title33))
            }?.contains("32") == true)
            #expect(writeFailure {
                try sheet.addDataValidation(range: range, rule: DataValidation(.decimal(.between(0, 1)), errorTitle: title33))
            } != nil)
            #expect(writeFailure {
                try sheet.addDataValidation(range: range, rule: DataValidation(.decimal(.between(0, 1)), inputMessage: message256))
            }?.contains("255") == true)
            #expect(writeFailure {
                try sheet.addDataValidation(range: range, rule: DataValidation(.decimal(.between(0, 1)), errorMessage: message256))
            } != nil)
            // At the limits exactly, it is accepted.
            try sheet.addDataValidation(range: range, rule: DataValidation(
                .decimal(.between(0, 1)), inputTitle: String(title33.dropLast()), inputMessage: String(message256.dropLast())))
            #expect(writeFailure {
                try sheet.addDataValidation(range: range, rule: DataValidation(.decimal(.between(0, .number(.nan)))))
            } != nil)
        }
    }

    @Test func cellLimits() throws {
        try withSheet { _, sheet in
            #expect(writeFailure {
                try sheet.write(.string(String(repeating: "a", count: 32_768)), at: a1)
            }?.contains("32.767") == true)
            try sheet.write(.string(String(repeating: "a", count: 32_767)), at: a1)
            #expect(writeFailure {
                try sheet.write(.number(1), at: CellReference(row: 1_048_577, column: 1))
            }?.contains("1.048.576") == true)
            try sheet.write(.number(1), at: CellReference(row: 1_048_576, column: 1))
            #expect(writeFailure {
                try sheet.write(.number(1), at: CellReference(row: 1, column: 16_385))
            }?.contains("16.384") == true)
            #expect(writeFailure { try sheet.write(.number(1), at: CellReference(row: 0, column: 1)) } != nil)
            #expect(writeFailure { try sheet.write(.number(.nan), at: a1) }?.contains("NaN") == true)
            #expect(writeFailure { try sheet.write(.number(.infinity), at: a1) } != nil)
            #expect(writeFailure { try sheet.writeFormula("=1/0", at: a1, cachedValue: -.infinity) } != nil)
            #expect(writeFailure { try sheet.write(.string("a\u{0}b"), at: a1) } != nil)
            #expect(writeFailure {
                try sheet.write(.date(SpreadsheetDate(year: 1850, month: 1, day: 1, serial: 0)), at: a1)
            } != nil)
            #expect(writeFailure {
                try sheet.write(.date(SpreadsheetDate(year: 2023, month: 2, day: 29, serial: 0)), at: a1)
            } != nil)
            #expect(writeFailure { try sheet.merge(CellRange(a1: "C3")!, value: .string("x")) } != nil)
            #expect(writeFailure { try sheet.merge(CellRange(a1: "D3:C3")!, value: nil) } != nil)
            #expect(writeFailure { try sheet.setColumnWidth(1, width: .nan) } != nil)
            #expect(writeFailure { try sheet.setRowHeight(1, height: 500) } != nil)
        }
    }

    @Test func styleLimits() throws {
        try withSheet { _, sheet in
            #expect(writeFailure {
                try sheet.write(.number(1), at: a1, style: CellStyle(numberFormat: String(repeating: "0", count: 200)))
            } != nil)
            #expect(writeFailure { try sheet.write(.number(1), at: a1, style: CellStyle(fontColor: 0x1FF_FFFF)) } != nil)
            #expect(writeFailure { try sheet.write(.number(1), at: a1, style: CellStyle(fontSize: 0)) } != nil)
        }
    }

    @Test func sheetNameRules() throws {
        try withSheet { writer, _ in
            #expect(writeFailure { _ = try writer.addWorksheet(name: String(repeating: "x", count: 32)) }?.contains("31") == true)
            _ = try writer.addWorksheet(name: String(repeating: "x", count: 31))
            for bad in ["a/b", "a\\b", "a[1]", "a:b", "a*", "a?", "", "'Biểu", "Biểu'", "History"] {
                #expect(writeFailure { _ = try writer.addWorksheet(name: bad) } != nil, "\(bad)")
            }
            // Unique ignoring case, Vietnamese letters included.
            #expect(writeFailure { _ = try writer.addWorksheet(name: "BIỂU 1") }?.contains("Biểu 1") == true)
            #expect(writer.sheetNames == ["Biểu 1", String(repeating: "x", count: 31)])
        }
    }

    @Test func pageSetupAndNamesLimits() throws {
        try withSheet { writer, sheet in
            #expect(writeFailure { try sheet.setPageSetup(PageSetup(footer: String(repeating: "T", count: 256))) } != nil)
            #expect(writeFailure { try sheet.setPageSetup(PageSetup(scale: 5)) } != nil)
            #expect(writeFailure { try sheet.setPageSetup(PageSetup(repeatRows: 0...1)) } != nil)
            #expect(writeFailure { try writer.defineName("Tên", formula: "=" + String(repeating: "A", count: 130)) } != nil)
            #expect(writeFailure { try writer.setCustomProperty(name: "x", value: String(repeating: "v", count: 256)) } != nil)
            #expect(writeFailure { try sheet.setZoom(5) } != nil)
            #expect(writeFailure { try sheet.setTabColor(0x1000000) } != nil)
        }
    }

    @Test func nothingIsAcceptedAfterClose() throws {
        let folder = try WriterScratchFolder()
        defer { folder.remove() }
        let writer = try XLSXWriter(path: folder.file("closed.xlsx"))
        let sheet = try writer.addWorksheet(name: "Biểu 1")
        try writer.close()
        #expect(writeFailure { try sheet.write(.number(1), at: a1) }?.contains("đã đóng") == true)
        #expect(writeFailure { _ = try writer.addWorksheet(name: "Biểu 2") } != nil)
        #expect(writeFailure { try writer.close() } != nil)
    }
}
