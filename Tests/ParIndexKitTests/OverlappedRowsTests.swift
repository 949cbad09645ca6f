import Foundation
import Testing
@testable import ParIndexKit
import XLSX

/// Reading a sheet on its own thread while its rows are recognised gives the table of
/// reading on one thread, and a reading error still reaches the caller.
@Suite struct OverlappedRowsTests {
    /// An in-memory sheet: a header row, `count` data rows (the header repeated every 700
    /// rows), merged ranges; optionally failing after `failAfter` rows.
    final class MemoryReader: SpreadsheetReader {
        struct Broken: Error {}
        let rows: [Row]
        let failAfter: Int?
        init(count: Int, failAfter: Int? = nil) {
            let header = ["STT", "Tiêu chí", "Điểm chuẩn", "Điểm tự đánh giá", "Đơn vị chủ trì", "Ghi chú"]
            func row(_ n: Int, _ values: [CellValue]) -> Row {
                Row(number: n, cells: values.enumerated().map { Cell(reference: CellReference(row: n, column: $0 + 1), value: $1) })
            }
            var rows = [row(1, [.string("PHỤ LỤC")]), row(2, header.map { .string($0) })]
            for i in 1...count {
                let n = rows.count + 1
                if i % 700 == 0 { rows.append(row(n, header.map { .string($0) })); continue }
                rows.append(row(n, [i % 2 == 0 ? .number(Double(i)) : .string("-"), .string("Tiêu chí \(i % 13)"),
                                    .number(Double(i % 4)), .string("\(i % 3),5"), .string("Phòng \(i % 5)"), .string("x")]))
            }
            self.rows = rows
            self.failAfter = failAfter
        }
        var displayName: String { "memory" }
        var format: SpreadsheetFormat { .xlsx }
        var sheets: [SheetInfo] { [SheetInfo(name: "Bảng", state: .visible, index: 0, partName: "x")] }
        var uses1904DateSystem: Bool { false }
        func readRows(of sheet: SheetInfo, _ body: (Row) throws -> Void) throws -> SheetSummary {
            for (i, row) in rows.enumerated() {
                if let failAfter, i == failAfter { throw Broken() }
                try body(row)
            }
            let merged = [CellRange(first: CellReference(row: 10, column: 5), last: CellReference(row: 12, column: 5))]
            return SheetSummary(dimension: nil, mergedRanges: merged, rowCount: rows.count, cellCount: 0)
        }
    }

    @Test(arguments: [0, 1, 511, 512, 513, 10_000])
    func sameTableAsOneThread(count: Int) throws {
        let reader = MemoryReader(count: max(count, 1))
        let one = try TableRecognizer().recognize(reader)
        let two = try TableRecognizer(overlapsReading: true).recognize(reader)
        #expect(two.rows == one.rows)
        #expect(two.notes == one.notes)
        #expect(two.mergedCells == one.mergedCells)
        #expect(two.headerRow == one.headerRow && two.columns == one.columns && two.titleLines == one.titleLines)
        #expect(!two.rows.isEmpty)
        if count >= 700 { #expect(two.notes.contains { $0.kind == .repeatedHeader }) }
    }

    @Test func aReadingErrorIsThrown() {
        let reader = MemoryReader(count: 5_000, failAfter: 3_000)
        #expect(throws: MemoryReader.Broken.self) { try TableRecognizer(overlapsReading: true).recognize(reader) }
    }
}
