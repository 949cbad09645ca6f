import Foundation
import Testing
import XLSX
import PackageTestSupport
@testable import ParIndexKit

/// The whole workflow on the shipped examples: the district self-assessment framework and
/// the submissions in `Examples/submissions/` (filled with openpyxl from our templates, one
/// typed free-form with xlsxwriter; see `scripts/examples/make_submissions.py`).
struct ExampleWorkflowTests {
    static let root = SeedWorkbookImportTests.root
    static let frameworkPath = root.appendingPathComponent("Examples/frameworks/tu-danh-gia-huyen-2023.yaml").path
    static let submissions = root.appendingPathComponent("Examples/submissions").path

    static func framework() throws -> Framework { try FrameworkStore.load(path: frameworkPath) }

    static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parindex-example-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    struct Triple: Hashable, CustomStringConvertible {
        let rule: RuleID, cell: String?, code: String?
        var description: String { "(\(rule.rawValue), \(cell ?? "-"), \(code ?? "-"))" }
    }

    static func validate(_ file: String, _ framework: Framework) throws -> [Finding] {
        let submission = try Submission.read(path: (submissions as NSString).appendingPathComponent(file))
        return Validator(framework: framework).validate(submission)
    }

    @Test func cleanSubmissionsHaveNoErrors() throws {
        let fw = try Self.framework()
        for file in ["Phong Noi vu - tu cham 2023.xlsx", "VP_HDND_UBND.xlsx", "mau-TCKH.xlsx",
                     "Bao cao tu cham diem CCHC 2023 (1).xlsx"] {
            #expect(try Self.validate(file, fw).isEmpty, "\(file)")
        }
        // The free-form file: only the two reworded titles, as warnings.
        let free = try Self.validate("Tu phap - bang tu cham diem 2023.xlsx", fw)
        #expect(free.map { Triple(rule: $0.rule, cell: $0.cell?.a1, code: $0.code) }
                == [Triple(rule: .criterionTitleChanged, cell: "B8", code: "2"),
                    Triple(rule: .criterionTitleChanged, cell: "B10", code: "2.2")])
    }

    @Test func seededErrorsAreReportedAtTheirCells() throws {
        let findings = try Self.validate("VHTT - tu danh gia 2023.xlsx", try Self.framework())
        #expect(findings.map { Triple(rule: $0.rule, cell: $0.cell?.a1, code: $0.code) } == [
            Triple(rule: .scoreNotANumber, cell: "D10", code: "1.4.1"),
            Triple(rule: .requiredMissing, cell: "E13", code: "3.7.1"),
            Triple(rule: .scoreNegative, cell: "D14", code: "3.7.3"),
            Triple(rule: .sumExceedsParent, cell: "C16", code: "7.1"),
            Triple(rule: .scoreAmbiguous, cell: "D18", code: "7.1.2"),
            Triple(rule: .criterionMaxChanged, cell: "C19", code: "7.1.3"),
            Triple(rule: .scoreExceedsMax, cell: "D20", code: "7.1.5"),
        ])
        #expect(findings.allSatisfy { $0.sheet == "Biểu mẫu" && !$0.message.isEmpty })
    }

    /// A unit's return typed through our own writer, once cleanly, once with mistakes.
    @Test func submissionWrittenWithOurWriterValidates() throws {
        let fw = try Self.framework()
        let selector = TemplateRowSelector(framework: fw)
        let unit = try selector.unit(named: "TCKH")
        let rows = selector.rows(for: unit)
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }

        func write(_ name: String, edit: (inout [[CellValue?]]) -> Void) throws -> [Finding] {
            var table: [[CellValue?]] = rows.map { r in
                let c = r.criterion
                let leaf = c.children.isEmpty
                return [.string(c.code), .string(c.title), c.max.map { .number($0) },
                        leaf ? .string(ScoreFormat.vietnamese((c.max ?? 0) / 2)) : nil,
                        leaf ? .string("Báo cáo số \(c.code)/BC-UBND") : nil, nil]
            }
            edit(&table)
            let path = dir.appendingPathComponent(name).path
            let writer = try XLSXWriter(path: path)
            let ws = try writer.addWorksheet(name: "Tự chấm")
            try ws.write(.string("BẢNG TỰ ĐÁNH GIÁ NĂM 2023"), at: CellReference(row: 1, column: 1))
            let header = ["STT", "Tiêu chí", "Điểm chuẩn", "Điểm tự đánh giá", "Tài liệu kiểm chứng", "Ghi chú"]
            try ws.writeRow(header.map { .string($0) }, row: 3)
            for (i, values) in table.enumerated() { try ws.writeRow(values, row: 4 + i) }
            try writer.close()
            return Validator(framework: fw).validate(try Submission.read(path: path))
        }

        #expect(try write("sach.xlsx") { _ in }.isEmpty)
        let leafRows = rows.indices.filter { rows[$0].criterion.children.isEmpty }
        let a = leafRows[0], b = leafRows[1], c = leafRows[2]
        let bad = try write("loi.xlsx") { t in
            t[a][3] = .number(99)                       // above the max
            t[b][3] = .string("khá")                    // not a number
            t[c][4] = nil                               // evidence missing
            t.append([.string("9.9"), .string("Tiêu chí không có"), .number(1), .number(1), .string("x"), nil])
            t.append(t[a].enumerated().map { $0.offset == 3 ? .number(0) : $0.element })  // a second time
        }
        let code = { (i: Int) in rows[i].criterion.code }
        let expected: Set<Triple> = [
            Triple(rule: .scoreExceedsMax, cell: "D\(4 + a)", code: code(a)),
            Triple(rule: .scoreNotANumber, cell: "D\(4 + b)", code: code(b)),
            Triple(rule: .requiredMissing, cell: "E\(4 + c)", code: code(c)),
            Triple(rule: .criterionUnknown, cell: "A\(4 + rows.count)", code: "9.9"),
            Triple(rule: .criterionDuplicate, cell: "A\(5 + rows.count)", code: code(a)),
        ]
        #expect(Set(bad.filter { $0.rule != .sumExceedsParent }.map { Triple(rule: $0.rule, cell: $0.cell?.a1, code: $0.code) }) == expected)
        // 99 points under a group also push the group over its maximum.
        let parent = rows[..<a].last { $0.depth < rows[a].depth }?.criterion.code
        #expect(bad.filter { $0.rule == .sumExceedsParent }.map(\.code) == [parent])
    }

    @Test func annotatedCopyReadsBackWithMarksAndComments() throws {
        let source = (Self.submissions as NSString).appendingPathComponent("VHTT - tu danh gia 2023.xlsx")
        let before = try Data(contentsOf: URL(fileURLWithPath: source))
        let findings = try Self.validate("VHTT - tu danh gia 2023.xlsx", try Self.framework())
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = AnnotatedCopy.path(for: source, in: dir.path)
        #expect(path.hasSuffix("VHTT - tu danh gia 2023 - kiem tra.xlsx"))
        try AnnotatedCopy.write(source: source, findings: findings, to: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: source)) == before, "the input is never modified")

        let reader = try XLSXReader(path: path)
        #expect(reader.sheets.first?.name == AnnotatedCopy.findingsSheet)
        #expect(reader.sheets.map(\.name).contains("Biểu mẫu"))
        var listed: [String] = []
        try reader.readRows(of: reader.sheets[0]) { row in
            if row.number >= 5, let cell = row[4] { listed.append(cell.value.description) }
        }
        #expect(listed == findings.compactMap { $0.cell?.a1 })
        // The submission's own values are carried over.
        var d10: CellValue?
        try reader.readRows(of: try reader.sheet(named: "Biểu mẫu")) { row in if row.number == 10 { d10 = row[4]?.value } }
        #expect(d10 == .string("đạt"))
        // Every offending cell has a comment with its message.
        let package = TemplatePackage(path: path)
        let comments = try (1...3).compactMap { try? package.text(of: "xl/comments\($0).xml") }.joined()
        for finding in findings {
            #expect(comments.contains("ref=\"\(finding.cell!.a1)\""), "\(finding.cell!.a1)")
        }
        #expect(comments.contains("vượt điểm chuẩn"))
    }

    @Test func consolidationOfTheExamples() throws {
        let fw = try Self.framework()
        let layout = try LayoutLibrary.load("self-assessment")
        let items = SubmissionBatch.expand([Self.submissions])
        let results = SubmissionBatch.process(items, validator: Validator(framework: fw, layout: layout))
        let c = Consolidator(framework: fw, layout: layout).consolidate(results)
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("tong-hop.xlsx").path
        try AppendixWorkbook.write(c, to: out)

        // Phụ lục read back: every criterion in framework order, groups = sums, totals.
        let reader = try XLSXReader(path: out)
        let table = try TableRecognizer().recognize(reader, sheetName: AppendixWorkbook.appendixSheet)
        #expect(table.rows.map(\.code) == fw.flattened.map(\.criterion.code))
        for (i, row) in table.rows.enumerated() where !table.rows.indices.filter({ table.rows[$0].parent == i }).isEmpty {
            let children = table.rows.indices.filter { table.rows[$0].parent == i }.map { table.rows[$0] }
            let maxSum = children.compactMap { $0.score(.max)?.number }.reduce(0, +)
            #expect(abs((row.score(.max)?.number ?? -1) - maxSum) < 1e-9, "max of \(row.code)")
            let selfSum = children.compactMap { $0.score(.selfScore)?.number }.reduce(0, +)
            #expect(abs((row.score(.selfScore)?.number ?? 0) - selfSum) < 1e-9, "self of \(row.code)")
        }
        let top = table.rows.filter { $0.parent == nil }
        #expect(top.compactMap { $0.score(.max)?.number }.reduce(0, +) == 100)
        let totalNote = try #require(table.notes.first { $0.kind == .total })
        var totalRow: [Int: CellValue] = [:]
        try reader.readRows(of: reader.sheets[0]) { row in
            if row.number == totalNote.row { for cell in row.cells { totalRow[cell.reference.column] = cell.value } }
        }
        #expect(totalRow[3] == .number(100))
        let selfTotal = top.compactMap { $0.score(.selfScore)?.number }.reduce(0, +)
        #expect(abs((totalRow[4]?.number ?? 0) - selfTotal) < 1e-9)
        // The invalid VHTT file is left out: its criterion 1.4.1 has no score.
        #expect(table.rows.first { $0.code == "1.4.1" }?.score(.selfScore) == nil)
        // VHTT sent a file with errors: excluded, not "not submitted".
        #expect(c.unitsNotSubmitted.map(\.code) == ["CNVPDKDD"])
        #expect(c.unitsExcluded.map(\.code) == ["VHTT"])

        // Tổng hợp điểm: one line per field; achieved = the Phụ lục's sums (criteria
        // without a value add nothing), lost only over criteria with a value.
        var summary: [[Int: String]] = []
        try reader.readRows(of: try reader.sheet(named: AppendixWorkbook.summarySheet)) { row in
            summary.append(Dictionary(row.cells.map { ($0.reference.column, $0.value.description) }, uniquingKeysWith: { a, _ in a }))
        }
        #expect(c.summary.fields.map(\.code) == top.map(\.code))
        for (field, row) in zip(c.summary.fields, top) {
            let line = try #require(summary.first { $0[1] == field.code && $0[2] == field.title }, "field \(field.code)")
            let f = field.figures
            #expect(abs(f.achieved - (row.score(.selfScore)?.number ?? 0)) < 1e-9, "achieved \(field.code)")
            #expect(abs(f.max - (row.score(.max)?.number ?? 0)) < 1e-9)
            #expect(abs(f.scoredMax + f.missingMax + f.notApplicableMax - f.max) < 1e-9)
            #expect(line[7] == ScoreSummaryText.loss(f))
            if f.scored > 0 {
                #expect(Double(line[6] ?? "") == f.lost && Double(line[9] ?? "") == f.index)
            } else {
                #expect(line[5] == nil && line[6] == nil && line[9] == nil, "no figures without data in \(field.code)")
            }
            #expect(line[8] == ScoreSummaryText.missing(f))
        }

        // Kiểm tra: every input row of every file appears exactly once, in a few lines per
        // file (rows that fared alike gathered, their ranges expanded here), with the
        // Phụ lục row of each row that stands for a criterion.
        let lines = try AccountSection.lines(try Self.cellTexts(reader, sheet: AppendixWorkbook.checkSheet))
        var accountLines: [String: Int] = [:]
        for line in lines {
            #expect(line.count == (line.rows.isEmpty ? nil : line.rows.count), "count of \(line)")
            #expect(line.appendixRows.isEmpty || line.appendixRows.count == line.rows.count, "Phụ lục rows of \(line)")
            for row in line.rows { accountLines["\(line.file)#\(row)", default: 0] += 1 }
        }
        var expected = Set<String>()
        for case .submission(let s, _) in results {
            for row in s.table.rows { expected.insert("\(s.file)#\(row.row)") }
            for note in s.table.notes where note.kind != .joinedContinuation { expected.insert("\(s.file)#\(note.row)") }
        }
        #expect(Set(accountLines.keys) == expected)
        #expect(accountLines.values.allSatisfy { $0 == 1 })
        // The same rows as the per-row account, each to the same Phụ lục row.
        let firstRow = table.headerRow + 1
        var perRow: [String: Int?] = [:]
        for a in c.accounts { if let row = a.row { perRow["\(a.file)#\(row)"] = a.criterionIndex.map { $0 + firstRow } } }
        for line in lines where !line.appendixRows.isEmpty {
            for (row, target) in zip(line.rows, line.appendixRows) { #expect(perRow["\(line.file)#\(row)"] == target) }
        }
        // A template-made return whose rows are all used takes a handful of lines, not one per row.
        let clean = try #require(c.inputs.first { $0.status == .used && $0.errors == 0 && $0.warnings == 0 }?.file)
        let cleanLines = lines.filter { $0.file == clean }
        #expect(cleanLines.count <= 6 && cleanLines.count * 3 <= cleanLines.map(\.rows.count).reduce(0, +), "\(cleanLines)")
        // Group rows are never red "Không dùng": their scores on the Phụ lục are the children's sums.
        #expect(!lines.contains { $0.status == "Không dùng" && $0.detail.contains("Dòng nhóm") })
        #expect(cleanLines.first { $0.status == "Đã tổng hợp" }?.detail.contains("Dòng ở Phụ lục") == true)
    }

    /// A sheet's rows as column (1-based) → text.
    static func cellTexts(_ reader: XLSXReader, sheet: String) throws -> [[Int: String]] {
        var rows: [[Int: String]] = []
        try reader.readRows(of: try reader.sheet(named: sheet)) { row in
            rows.append(Dictionary(row.cells.map { ($0.reference.column, $0.value.description) }, uniquingKeysWith: { a, _ in a }))
        }
        return rows
    }

    @Test(.enabled(if: LibreOffice.soffice != nil, LibreOffice.skipMessage), .timeLimit(.minutes(5)))
    func libreOfficeOpensEveryTemplateTheAppendixAndTheAnnotatedCopy() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        var files: [String] = []
        let frameworks = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("Examples/frameworks").path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        for name in frameworks {
            let fw = try FrameworkStore.load(path: Self.root.appendingPathComponent("Examples/frameworks/\(name)").path)
            let builder = TemplateBuilder(framework: fw, layout: try TemplateBuilder.defaultLayout(for: fw))
            for unit in builder.selector.leadUnits() {
                let path = dir.appendingPathComponent("\(name.dropLast(5))-\(TemplateFileName.name(for: unit))").path
                try builder.write(unit: unit, to: path)
                files.append(path)
            }
        }
        let fw = try Self.framework()
        let layout = try LayoutLibrary.load("self-assessment")
        let results = SubmissionBatch.process(SubmissionBatch.expand([Self.submissions]), validator: Validator(framework: fw, layout: layout))
        let appendix = dir.appendingPathComponent("tong-hop.xlsx").path
        try AppendixWorkbook.write(Consolidator(framework: fw, layout: layout).consolidate(results), to: appendix)
        files.append(appendix)
        let source = (Self.submissions as NSString).appendingPathComponent("VHTT - tu danh gia 2023.xlsx")
        let annotated = AnnotatedCopy.path(for: source, in: dir.path)
        try AnnotatedCopy.write(source: source, findings: try Self.validate("VHTT - tu danh gia 2023.xlsx", fw), to: annotated)
        files.append(annotated)

        let out = dir.appendingPathComponent("pdf")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        #expect(try LibreOffice.convert(files, to: "pdf", outdir: out) == 0)
        for file in files {
            let pdf = out.appendingPathComponent(((file as NSString).lastPathComponent as NSString).deletingPathExtension + ".pdf")
            let data = try #require(FileManager.default.contents(atPath: pdf.path), "LibreOffice did not convert \(file)")
            #expect(data.starts(with: Array("%PDF".utf8)) && data.count > 1_000, Comment(rawValue: file))
        }
        #expect(files.count > 20)
    }
}
