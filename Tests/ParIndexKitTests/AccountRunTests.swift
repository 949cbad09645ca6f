import Foundation
import Testing
import XLSX
import PackageTestSupport
@testable import ParIndexKit

/// The account of every input row gathered into lines (`Kiểm tra`, section 6): rows of
/// one file that fared alike share a line, listed as ranges; each row once.
struct AccountRunTests {
    typealias T = ConsolidationTests

    /// Every row of the per-row account is on exactly one line, with the same status and
    /// criterion, and a line of one row is that row's own account.
    static func expectSameAccount(_ c: Consolidation, sourceLocation: SourceLocation = #_sourceLocation) {
        struct Key: Hashable { var file: String; var row: Int?; var status: Consolidation.Account.Status; var criterion: Int? }
        var perRow: [Key: Int] = [:]
        for a in c.accounts { perRow[Key(file: a.file, row: a.row, status: a.status, criterion: a.criterionIndex), default: 0] += 1 }
        var fromRuns: [Key: Int] = [:]
        for run in c.accountRuns {
            let rows = run.rows.flatMap { Array($0) }
            let criteria = run.criteria.flatMap { Array($0) }
            #expect(rows.count == run.rowCount, "row count of \(run)", sourceLocation: sourceLocation)
            #expect(criteria.isEmpty || criteria.count == rows.count, "criteria of \(run)", sourceLocation: sourceLocation)
            if rows.isEmpty { fromRuns[Key(file: run.file, row: nil, status: run.status, criterion: nil), default: 0] += 1 }
            for (i, row) in rows.enumerated() {
                fromRuns[Key(file: run.file, row: row, status: run.status, criterion: criteria.isEmpty ? nil : criteria[i]), default: 0] += 1
            }
            if run.rowCount == 1 {
                let own = c.accounts.first { $0.file == run.file && $0.row == rows[0] }
                #expect(own.map(Consolidation.AccountRun.init) == run, sourceLocation: sourceLocation)
            }
        }
        #expect(fromRuns == perRow, sourceLocation: sourceLocation)
        #expect(c.ledger.count == perRow.values.reduce(0, +), sourceLocation: sourceLocation)
    }

    static func row(_ code: String, _ score: Double?, max: Double = 1) -> [CellValue?] {
        [.string(code), .string("x"), .number(max), score.map { .number($0) }, score.map { _ in .string("kc") }]
    }

    @Test func linesAreBrokenByFateByGapAndByFile() throws {
        let fw = try T.framework()
        // a.xlsx: rows 4–5 used, 6 an unknown code, 7 used, 8 empty (b gives 2.2), 9 used.
        let a = T.submission("a.xlsx", unit: "PNV", rows: [
            Self.row("1.1", 1), Self.row("1.2", 1.5, max: 2), Self.row("9.9", 1),
            Self.row("2.1", 0.5, max: 0.75), Self.row("2.2", nil, max: 0.75), Self.row("3.1", 1),
        ])
        // b.xlsx: row 4 used; rows 5–6 give criteria a.xlsx already gave (PNV leads them).
        let b = T.submission("b.xlsx", unit: "VP", rows: [
            Self.row("2.2", 0.75, max: 0.75), Self.row("1.1", 0.5), Self.row("1.2", 1, max: 2),
        ])
        let c = Consolidator(framework: fw, layout: try LayoutLibrary.load("self-assessment"))
            .consolidate([.submission(a, findings: []), .submission(b, findings: []),
                          .unreadable(file: "hong.xlsx", reason: "tệp bị cắt cụt")])
        Self.expectSameAccount(c)
        let runs = c.accountRuns
        // Phụ lục rows: 1 = 0, 1.1 = 1, 1.2 = 2, 2 = 3, 2.1 = 4, 2.2 = 5, 3 = 6, 3.1 = 7 (positions).
        let inA = runs.filter { $0.file == "a.xlsx" }
        #expect(inA.map(\.status) == [.used, .notUsed, .skipped], "in the order of each line's first row")
        #expect(inA[0].rows == [4...5, 7...7, 9...9] && inA[0].criteria == [1...2, 4...4, 7...7] && inA[0].rowCount == 4)
        #expect(inA[0].code == nil && inA[0].detail == "Tổng hợp vào các tiêu chí ở cột \"Dòng ở Phụ lục\", theo cùng thứ tự")
        #expect(inA[1].rows == [6...6] && inA[1].code == "9.9" && inA[1].criteria.isEmpty && inA[1].detail.contains("criterion.unknown"))
        #expect(inA[2].rows == [8...8] && inA[2].criteria == [5...5] && inA[2].code == "2.2")
        #expect(inA[2].detail == "Dòng 2.2 không có số liệu cần tổng hợp (dòng nhóm để tham khảo, hoặc để trống)")
        // Another file starts new lines, even for the same fate.
        let inB = runs.filter { $0.file == "b.xlsx" }
        #expect(inB.map(\.status) == [.used, .notUsed])
        #expect(inB[0].rows == [4...4] && inB[0].criteria == [5...5] && inB[0].detail == "Tổng hợp vào tiêu chí 2.2")
        #expect(inB[1].rows == [5...6] && inB[1].criteria == [1...2])
        #expect(inB[1].detail == "Các tiêu chí này đã lấy từ a.xlsx; các dòng này không được dùng")
        #expect(runs.last == Consolidation.AccountRun(.init(file: "hong.xlsx", status: .unreadable,
                                                              detail: "Không đọc được tệp: tệp bị cắt cụt")))
        #expect(runs.count == 6)
    }

    /// Not-data rows with the same note (signature rows after the total…) share a line;
    /// another note keeps its own.
    @Test func notesOfOneKindShareALine() throws {
        let fw = try T.framework()
        let a = T.submission("a.xlsx", unit: "PNV", rows: [
            Self.row("1.1", 1), [nil, .string("Tổng cộng"), .number(1)],
            [nil, .string("NGƯỜI LẬP BIỂU")], [nil, .string("Nguyễn Văn A")], [nil, .string("Ghi chú: số liệu tạm tính")],
        ])
        let c = Consolidator(framework: fw, layout: try LayoutLibrary.load("self-assessment")).consolidate([.submission(a, findings: [])])
        Self.expectSameAccount(c)
        let runs = c.accountRuns
        #expect(runs.map(\.rows) == [[4...4], [5...5], [6...8]])
        #expect(runs.map(\.status) == [.used, .skipped, .skipped])
        #expect(runs[1].detail == "Dòng 5 là dòng tổng cộng (\"Tổng cộng\"): không tính là tiêu chí")
        #expect(runs[2].detail == "Các dòng nằm sau dòng tổng cộng và không có STT (chữ ký, ghi chú…): bỏ qua")
        #expect(runs[2].criteria.isEmpty && runs[2].code == nil && runs[2].rowCount == 3)
    }

    @Test func excludedAndIncludedInvalidFilesAreOneLineEach() throws {
        let fw = try T.framework()
        for include in [false, true] {
            let c = Consolidator(framework: fw, layout: try LayoutLibrary.load("self-assessment"),
                                 options: .init(includeInvalid: include)).consolidate(T.inputs())
            Self.expectSameAccount(c)
            let tp = c.accountRuns.filter { $0.file == "tp.xlsx" }
            #expect(tp.count == 1)
            #expect(tp.first?.status == (include ? .used : .excludedInvalid))
            #expect(tp.first?.detail == (include ? "Tổng hợp vào tiêu chí 3.1, từ tệp có lỗi"
                                                 : "Tệp có lỗi: dòng không được tổng hợp (dùng --include-invalid để gộp)"))
        }
    }

    /// Peers (every file covers the framework) and a fixed set (each unit its own
    /// criteria): a handful of lines per file however many rows it has.
    @Test func peersAndFixedSetsTakeOneLinePerFateAndFile() throws {
        let fw = try T.framework()
        let ids = ["1", "1.1", "1.2", "2", "2.1", "2.2", "3", "3.1"]
        func full(_ file: String, _ unit: String, _ score: Double) -> ConsolidationInput {
            .submission(T.submission(file, unit: unit, rows: ids.map { id in
                id.contains(".") ? Self.row(id, score) : Self.row(id, nil, max: 3)
            }), findings: [])
        }
        let peers = Consolidator(framework: fw, layout: try LayoutLibrary.load("self-assessment"))
            .consolidate([full("a.xlsx", "PNV", 0.5), full("b.xlsx", "VP", 0.25), full("c.xlsx", "TP", 0.5)])
        #expect(peers.peers)
        Self.expectSameAccount(peers)
        let runs = peers.accountRuns
        // Each lead unit's file gives its criteria (PNV: 1.x, VP: 2.x, TP: 3.x); every other
        // scored row is in the criterion's average (the Phụ lục shows peers' averages), so
        // nothing is "not used"; the empty group rows give nothing, in every file alike.
        func lines(_ file: String) -> [[String]] {
            runs.filter { $0.file == file }.map { [CheckSheet.label($0.status), Consolidation.AccountRun.text($0.rows),
                                                   Consolidation.AccountRun.text($0.criteria), $0.detail] }
        }
        let used = "Tổng hợp vào các tiêu chí ở cột \"Dòng ở Phụ lục\", theo cùng thứ tự"
        let empty = "Các dòng không có số liệu cần tổng hợp (dòng nhóm để tham khảo, hoặc để trống)"
        let averaged = "Điểm các tiêu chí này được tính vào điểm trung bình của các tệp cùng cấp (cột \"Dòng ở Phụ lục\", theo cùng thứ tự)"
        #expect(lines("a.xlsx") == [["Bỏ qua", "4, 7, 10", "0, 3, 6", empty], ["Đã tổng hợp", "5–6", "1–2", used],
                                    ["Đã tổng hợp", "8–9, 11", "4–5, 7", averaged]])
        #expect(lines("b.xlsx") == [["Bỏ qua", "4, 7, 10", "0, 3, 6", empty], ["Đã tổng hợp", "5–6, 11", "1–2, 7", averaged],
                                    ["Đã tổng hợp", "8–9", "4–5", used]])
        #expect(lines("c.xlsx") == [["Bỏ qua", "4, 7, 10", "0, 3, 6", empty], ["Đã tổng hợp", "5–6, 8–9", "1–2, 4–5", averaged],
                                    ["Đã tổng hợp", "11", "7", "Tổng hợp vào tiêu chí 3.1"]])
        #expect(!runs.contains { $0.status == .notUsed })
        // Kiểm tra's first section counts them too.
        #expect(peers.inputs.map(\.rowsUsed) == [5, 5, 5])
        #expect(peers.accounts.first { $0.file == "b.xlsx" && $0.row == 5 }?.detail
                == "Điểm tiêu chí 1.1 được tính vào điểm trung bình của các tệp cùng cấp")

        // The same files that are not peers (one unit's criteria each would be; here a
        // single file covers too little): another file's rows are not used.
        let notPeers = Consolidator(framework: fw, layout: try LayoutLibrary.load("self-assessment"))
            .consolidate([full("a.xlsx", "PNV", 0.5), .submission(T.submission("b.xlsx", unit: "VP", rows: [Self.row("1.1", 0.25)]), findings: [])])
        #expect(!notPeers.peers)
        Self.expectSameAccount(notPeers)
        #expect(notPeers.accountRuns.last.map { [CheckSheet.label($0.status), $0.detail] }
                == ["Không dùng", "Tiêu chí 1.1 đã lấy từ a.xlsx — Biểu mẫu, dòng 5; dòng này không được dùng"])

        // A fixed set: each unit sends its own criteria; every row is used.
        func own(_ file: String, _ unit: String, _ codes: [String]) -> ConsolidationInput {
            .submission(T.submission(file, unit: unit, rows: codes.map { Self.row($0, 0.5) }), findings: [])
        }
        let fixed = Consolidator(framework: fw, layout: try LayoutLibrary.load("self-assessment")).consolidate([
            own("pnv.xlsx", "PNV", ["1.1", "1.2"]), own("vp.xlsx", "VP", ["2.1", "2.2"]), own("tp.xlsx", "TP", ["3.1"]),
        ])
        #expect(!fixed.peers)
        Self.expectSameAccount(fixed)
        #expect(fixed.accountRuns.map { [$0.file, CheckSheet.label($0.status), Consolidation.AccountRun.text($0.rows),
                                         Consolidation.AccountRun.text($0.criteria, offset: 6)] }
                == [["pnv.xlsx", "Đã tổng hợp", "4–5", "7–8"], ["vp.xlsx", "Đã tổng hợp", "4–5", "10–11"],
                    ["tp.xlsx", "Đã tổng hợp", "4", "13"]])
    }

    /// A row of code, title, max and self-score only (a group row as templates fill it:
    /// the sum of its children, no evidence).
    static func scoreOnly(_ code: String, _ score: Double?, max: Double) -> [CellValue?] {
        [.string(code), .string("x"), .number(max), score.map { .number($0) }, nil]
    }

    /// Section 6 of the written workbook: every input row of every file exactly once.
    static func writtenLines(_ c: Consolidation, sourceLocation: SourceLocation = #_sourceLocation) throws -> [AccountSection.Line] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parindex-groups-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("tong-hop.xlsx").path
        try AppendixWorkbook.write(c, to: path)
        let lines = try AccountSection.lines(try ExampleWorkflowTests.cellTexts(try XLSXReader(path: path), sheet: "Kiểm tra"))
        var seen: [String: [Int]] = [:]
        for line in lines { seen[line.file, default: []] += line.rows }
        var expected: [String: [Int]] = [:]
        for a in c.accounts { if let row = a.row { expected[a.file, default: []].append(row) } }
        #expect(seen.mapValues { $0.sorted() } == expected.mapValues { $0.sorted() }, "each input row once", sourceLocation: sourceLocation)
        #expect(lines.allSatisfy { $0.count == nil || $0.count == $0.rows.count }, sourceLocation: sourceLocation)
        return lines
    }

    static let groupDetail = "Dòng nhóm: điểm ở Phụ lục được tính từ các tiêu chí con, không lấy từ các dòng này"

    /// Peers whose group rows hold their children's sums: the Phụ lục computes the groups
    /// from the (averaged) children, so no file's group rows are "Không dùng" — every
    /// file's are `Bỏ qua` as group rows, and each file counts the same rows used.
    @Test func peersGroupRowsAreGroupRowsInEveryFile() throws {
        let fw = try T.framework()
        func full(_ file: String, _ unit: String, _ s: Double) -> ConsolidationInput {
            .submission(T.submission(file, unit: unit, rows: [
                Self.scoreOnly("1", 2 * s, max: 3), Self.row("1.1", s), Self.row("1.2", s, max: 2),
                Self.scoreOnly("2", 2 * s, max: 3), Self.row("2.1", s, max: 0.75), Self.row("2.2", s, max: 0.75),
                Self.scoreOnly("3", s, max: 1), Self.row("3.1", s),
            ]), findings: [])
        }
        let c = Consolidator(framework: fw, layout: try LayoutLibrary.load("self-assessment"))
            .consolidate([full("a.xlsx", "PNV", 0.5), full("b.xlsx", "VP", 0.25), full("c.xlsx", "TP", 0.75)])
        #expect(c.peers)
        Self.expectSameAccount(c)
        #expect(!c.accountRuns.contains { $0.status == .notUsed })
        for file in ["a.xlsx", "b.xlsx", "c.xlsx"] {
            let groups = c.accountRuns.filter { $0.file == file && $0.detail == Self.groupDetail }
            #expect(groups.map { [CheckSheet.label($0.status), Consolidation.AccountRun.text($0.rows),
                                  Consolidation.AccountRun.text($0.criteria)] } == [["Bỏ qua", "4, 7, 10", "0, 3, 6"]], "\(file)")
        }
        #expect(c.accounts.first { $0.file == "a.xlsx" && $0.row == 4 }?.detail
                == "Dòng nhóm 1: điểm ở Phụ lục được tính từ các tiêu chí con, không lấy từ dòng này")
        // Section 1 counts the five scored rows of each file alike.
        #expect(c.inputs.map(\.rowsUsed) == [5, 5, 5])
        // What is consolidated is unchanged: groups are the sums of their children's averages.
        let score = c.rows.map { $0.values[.selfScore]?.number }
        #expect(score[1] == 0.5 && score[0] == 1.0 && score[3] == 1.0 && score[6] == 0.5)
        #expect(c.rows[1].values[.evidence] != nil && c.rows[0].values[.evidence] == nil)

        let lines = try Self.writtenLines(c)
        #expect(!lines.contains { $0.status == "Không dùng" })
        #expect(lines.filter { $0.detail == Self.groupDetail }.map { [$0.status, $0.rowsText ?? ""] }
                == Array(repeating: ["Bỏ qua", "4, 7, 10"], count: 3))
        #expect(lines.filter { $0.detail == Self.groupDetail }.allSatisfy { $0.appendixRows == [6, 9, 12] })
    }

    /// Not peers (each unit its criteria, one group sent twice): a group row of scores
    /// only is a group row in both files, chosen or not; a group row with words of its own
    /// (evidence) gives them to the Phụ lục and stays used; an empty one is left out; a
    /// criterion row another file gave stays red `Không dùng`.
    @Test func fixedSetGroupRowsAreCoherent() throws {
        let fw = try T.framework()
        let a = T.submission("a.xlsx", unit: "PNV", rows: [
            Self.scoreOnly("1", 1.5, max: 3), Self.row("1.1", 0.5), Self.row("1.2", 1, max: 2),
            Self.scoreOnly("3", nil, max: 1),
        ])
        let b = T.submission("b.xlsx", unit: "VP", rows: [
            Self.scoreOnly("1", 1.25, max: 3), Self.row("1.1", 0.25),
            Self.row("2", 1, max: 1.5), Self.row("2.1", 0.5, max: 0.75), Self.row("2.2", 0.5, max: 0.75),
        ])
        let c = Consolidator(framework: fw, layout: try LayoutLibrary.load("self-assessment"))
            .consolidate([.submission(a, findings: []), .submission(b, findings: [])])
        #expect(!c.peers)
        Self.expectSameAccount(c)
        func lines(_ file: String) -> [[String]] {
            c.accountRuns.filter { $0.file == file }.map { [CheckSheet.label($0.status), Consolidation.AccountRun.text($0.rows),
                                                             Consolidation.AccountRun.text($0.criteria), $0.detail] }
        }
        #expect(lines("a.xlsx") == [
            ["Bỏ qua", "4", "0", "Dòng nhóm 1: điểm ở Phụ lục được tính từ các tiêu chí con, không lấy từ dòng này"],
            ["Đã tổng hợp", "5–6", "1–2", "Tổng hợp vào các tiêu chí ở cột \"Dòng ở Phụ lục\", theo cùng thứ tự"],
            ["Bỏ qua", "7", "6", "Dòng 3 không có số liệu cần tổng hợp (dòng nhóm để tham khảo, hoặc để trống)"],
        ])
        #expect(lines("b.xlsx") == [
            ["Bỏ qua", "4", "0", "Dòng nhóm 1: điểm ở Phụ lục được tính từ các tiêu chí con, không lấy từ dòng này"],
            ["Không dùng", "5", "1", "Tiêu chí 1.1 đã lấy từ a.xlsx — Biểu mẫu, dòng 5; dòng này không được dùng"],
            ["Đã tổng hợp", "6–8", "3–5", "Tổng hợp vào các tiêu chí ở cột \"Dòng ở Phụ lục\", theo cùng thứ tự"],
        ])
        #expect(c.inputs.map(\.rowsUsed) == [2, 3])
        // The Phụ lục: group 1 sums a.xlsx's children; group 2 sums b's and keeps its evidence.
        #expect(c.rows[0].values[.selfScore]?.number == 1.5 && c.rows[3].values[.selfScore]?.number == 1)
        #expect(c.rows[3].values[.evidence] != nil && c.rows[3].source?.file == "b.xlsx")

        let written = try Self.writtenLines(c)
        #expect(written.filter { $0.status == "Không dùng" }.map(\.rows) == [[5]])
        #expect(written.filter { $0.detail.hasPrefix("Dòng nhóm") }.map { [$0.file, $0.status] }
                == [["a.xlsx", "Bỏ qua"], ["b.xlsx", "Bỏ qua"]])
    }

    @Test func rangeTexts() throws {
        typealias R = Consolidation.AccountRun
        var ranges: [ClosedRange<Int>] = []
        for n in [5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18, 19, 20, 22] { R.append(n, to: &ranges) }
        #expect(ranges == [5...12, 14...20, 22...22])
        #expect(R.text(ranges) == "5–12, 14–20, 22")
        #expect(R.text(ranges, offset: 100) == "105–112, 114–120, 122")
        #expect(R.text([]) == "")
        #expect(try AccountSection.expand("5–12, 14–20, 22") == Array(5...12) + Array(14...20) + [22])
    }

    /// A run whose range lists would not fit in a cell is written as several lines, cut
    /// at the same row so each line's two lists still correspond.
    @Test func longRunsAreSplitUnderTheCellLimit() {
        var run = Consolidation.AccountRun(.init(file: "a.xlsx", sheet: "S", row: 8, code: "1", status: .used, detail: "d", criterionIndex: 0))
        // Rows consecutive, criteria every other position (then the odd ones): the
        // Phụ lục list is the long one.
        let count = 12_000
        for i in 1..<count { run.append(row: 8 + i, criterion: i < count / 2 ? 2 * i : 2 * (i - count / 2) + 1) }
        let whole = Consolidation.AccountRun.text(run.criteria, offset: 6)
        #expect(whole.utf8.count > CheckSheet.cellLimit)
        for limit in [CheckSheet.cellLimit, 1_000, 40] {
            let pieces = CheckSheet.pieces(run, appendixFirstRow: 6, limit: limit)
            #expect(pieces.count > 1)
            #expect(pieces.allSatisfy { $0.rows.utf8.count <= limit && $0.criteria.utf8.count <= limit }, "limit \(limit)")
            #expect(pieces.map(\.count).reduce(0, +) == run.rowCount)
            let rows = pieces.flatMap { try! AccountSection.expand($0.rows) }
            let targets = pieces.flatMap { try! AccountSection.expand($0.criteria) }
            #expect(rows == Array(8..<8 + count))
            #expect(targets == run.criteria.flatMap { Array($0) }.map { $0 + 6 })
            #expect(pieces.allSatisfy { (try? AccountSection.expand($0.rows).count) == $0.count
                                        && (try? AccountSection.expand($0.criteria).count) == $0.count })
        }
        // A run that fits is one line.
        var short = run
        short.rows = [8...10]; short.criteria = [0...2]; short.rowCount = 3
        #expect(CheckSheet.pieces(short, appendixFirstRow: 6) == [.init(rows: "8–10", criteria: "6–8", count: 3)])
    }

    /// The same, end to end: a framework of 7,000 criteria whose single return lists the
    /// even positions first, written and read back.
    @Test func aWorkbookWithAHugeRunStaysUnderTheCellLimit() throws {
        let n = 7_000
        var yaml = "metadata: { title: Thử, year: 2023, layout: self-assessment }\nunits: [{ code: A, name: Phòng A }]\ncriteria:\n"
        for i in 1...n { yaml += "  - { id: \"\(i)\", code: \"\(i)\", title: Tiêu chí \(i), max: 1, lead: [Phòng A] }\n" }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parindex-runs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let fwPath = dir.appendingPathComponent("fw.yaml")
        try yaml.write(to: fwPath, atomically: true, encoding: .utf8)
        let fw = try FrameworkStore.load(path: fwPath.path)
        let order = Array(stride(from: 1, through: n, by: 2)) + Array(stride(from: 2, through: n, by: 2))
        let s = T.submission("a.xlsx", unit: "A", rows: order.map { Self.row(String($0), 1) })
        let c = Consolidator(framework: fw, layout: try LayoutLibrary.load("self-assessment")).consolidate([.submission(s, findings: [])])
        #expect(c.accountRuns.count == 1)
        let path = dir.appendingPathComponent("tong-hop.xlsx").path
        try AppendixWorkbook.write(c, to: path)
        let lines = try AccountSection.lines(try ExampleWorkflowTests.cellTexts(try XLSXReader(path: path), sheet: "Kiểm tra"))
        #expect(lines.count >= 2)
        #expect(lines.allSatisfy { ($0.rowsText ?? "").count <= CheckSheet.cellLimit && ($0.appendixText ?? "").count <= CheckSheet.cellLimit })
        #expect(lines.flatMap(\.rows) == Array(4..<4 + n))
        // Criterion k is on Phụ lục row 5 + k (header on row 5).
        #expect(lines.flatMap(\.appendixRows) == order.map { 5 + $0 })
        #expect(lines.allSatisfy { $0.count == $0.rows.count && $0.status == "Đã tổng hợp" })
    }
}
