import Foundation
import PackageTestSupport
import Testing
@testable import ParIndexKit
import XLSX

/// The annotated copy is the unit's own workbook, marked: tested on a return made from our
/// template, on the example return filled with openpyxl, and on the openpyxl, xlsxwriter
/// and LibreOffice fixtures of Tests/Fixtures/annotate/.
@Suite("Annotated copy")
struct AnnotatedCopyTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("Tests/Fixtures/annotate")

    /// A template for a lead unit of the district framework, written by our writer.
    static func template(in dir: URL) throws -> String {
        let fw = try FrameworkStore.load(path: root.appendingPathComponent("Examples/frameworks/tu-danh-gia-huyen-2023.yaml").path)
        let builder = TemplateBuilder(framework: fw, layout: try TemplateBuilder.defaultLayout(for: fw))
        let path = dir.appendingPathComponent("mau-VHTT.xlsx").path
        try builder.write(unit: try builder.selector.unit(named: "VHTT"), to: path)
        return path
    }

    /// Findings on a score cell, an evidence cell (unlocked, tinted), a given (locked) cell
    /// and a cell in a row the template does not have.
    static func findings(_ file: String) -> [Finding] {
        [
            Finding(rule: .scoreExceedsMax, file: file, sheet: "Biểu mẫu", cell: CellReference(a1: "D10"), code: "1.4.1",
                    message: "Điểm tự đánh giá 1,5 vượt điểm chuẩn 0,5 của tiêu chí 1.4.1", found: "1,5", expected: "từ 0 đến 0,5"),
            Finding(rule: .requiredMissing, file: file, sheet: "Biểu mẫu", cell: CellReference(a1: "E10"), code: "1.4.1",
                    message: "Chưa điền \"Tài liệu kiểm chứng\" cho tiêu chí 1.4.1"),
            Finding(rule: .criterionTitleChanged, file: file, sheet: "Biểu mẫu", cell: CellReference(a1: "B10"), code: "1.4.1",
                    message: "Tên tiêu chí 1.4.1 khác bộ tiêu chí: \"" + String(repeating: "tuyên truyền cải cách hành chính ", count: 8) + "\""),
            Finding(rule: .criterionMissing, file: file, sheet: "Biểu mẫu", cell: CellReference(a1: "B60"), code: "9.9",
                    message: "Thiếu tiêu chí 9.9 đơn vị chủ trì"),
            Finding(rule: .layoutColumnMissing, file: file, message: "Thiếu cột Ghi chú"),
        ]
    }

    @Test func templateReturnKeepsEveryStyleValidationAndProtection() throws {
        let dir = try TemplateFixtures.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = try Self.template(in: dir)
        let copy = AnnotatedCopy.path(for: source, in: dir.path)
        let findings = Self.findings(source)
        try AnnotatedCopy.write(source: source, findings: findings, to: copy)

        let diff = PackageDiff(original: source, edited: copy)
        let sheet = "xl/worksheets/sheet1.xml"
        let allowed: Set<String> = [sheet, "xl/styles.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"]
        #expect(try diff.changedParts().subtracting(allowed).isEmpty)
        let before = try diff.original.text(of: sheet)
        let after = try diff.edited.text(of: sheet)
        #expect(before.contains("<sheetProtection") && before.contains("<dataValidation") && before.contains("<mergeCell"))
        #expect(PackageDiff.skeleton(before) == PackageDiff.skeleton(after))
        let tagsBefore = PackageDiff.cellTags(before), tagsAfter = PackageDiff.cellTags(after)
        let marked: Set<String> = ["D10", "E10", "B10", "B60"]
        for (ref, tag) in tagsBefore where !marked.contains(ref) { #expect(tagsAfter[ref] == tag, "\(ref)") }
        let stylesBefore = try diff.original.text(of: "xl/styles.xml")
        let stylesAfter = try diff.edited.text(of: "xl/styles.xml")
        let xfsBefore = PackageDiff.children(of: "cellXfs", in: stylesBefore)
        let xfsAfter = PackageDiff.children(of: "cellXfs", in: stylesAfter)
        let fills = PackageDiff.children(of: "fills", in: stylesAfter)
        #expect(Array(xfsAfter.prefix(xfsBefore.count)) == xfsBefore)
        for (ref, color) in [("D10", "FFFFC7CE"), ("E10", "FFFFC7CE"), ("B10", "FFFFD966"), ("B60", "FFFFC7CE")] {
            let tag = try #require(tagsAfter[ref], "\(ref)")
            let xf = xfsAfter[PackageDiff.style(tag)]
            #expect(PackageDiff.withoutFill(xf) == PackageDiff.withoutFill(xfsBefore[tagsBefore[ref].map(PackageDiff.style) ?? 0]), "\(ref)")
            #expect(fills[try #require(PackageDiff.fillID(xf))].contains(color), "\(ref)")
        }
        // The unlocked score cell stays unlocked.
        #expect(xfsAfter[PackageDiff.style(tagsAfter["D10"]!)].contains("locked=\"0\""))

        // Hidden sheets, names and values as they were; the findings sheet first.
        let original = try XLSXReader(path: source)
        let edited = try XLSXReader(path: copy)
        #expect(edited.sheets.map(\.name) == [AnnotatedCopy.findingsSheet] + original.sheets.map(\.name))
        #expect(edited.sheets.dropFirst().map(\.state) == original.sheets.map(\.state))
        #expect(edited.sheets.contains { $0.name == TemplateIdentity.sheetName && $0.state != .visible })
        #expect(edited.definedNames["Biểu mẫu!_xlnm.Print_Titles"] == original.definedNames["Biểu mẫu!_xlnm.Print_Titles"])
        for s in original.sheets {
            var a: [Row] = [], b: [Row] = []
            try original.readRows(of: s) { a.append($0) }
            try edited.readRows(of: try edited.sheet(named: s.name)) { b.append($0) }
            #expect(a == b, "\(s.name)")
        }
        #expect(try Submission.read(path: copy).identity == Submission.read(path: source).identity)

        // Comments: whole messages, no rule ids, signed "Kiểm tra"; the sheet lists rule ids.
        let commentsPart = try #require(try diff.relatedPart(of: sheet, type: "comments", in: diff.edited))
        let commentsXML = try diff.edited.text(of: commentsPart)
        let comments = PackageDiff.comments(commentsXML)
        for f in findings where f.cell != nil {
            #expect(comments[f.cell!.a1]?.contains(f.message) == true, "\(f.cell!.a1)")
        }
        #expect(!RuleID.allCases.contains { commentsXML.contains($0.rawValue) })
        #expect(commentsXML.contains("<author>Kiểm tra</author>") && !commentsXML.contains("parindex"))
        var listed: [[String]] = []
        try edited.readRows(of: edited.sheets[0]) { row in
            if row.number >= 5 { listed.append(row.cells.map(\.value.description)) }
        }
        #expect(listed.map { $0.last } == findings.map(\.rule.rawValue))
        #expect(listed.allSatisfy { row in !RuleID.allCases.contains { r in row[row.count - 4].contains(r.rawValue) } })
    }

    @Test func annotatingTheAnnotatedCopyAgainDoesNoDamage() throws {
        let dir = try TemplateFixtures.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = try Self.template(in: dir)
        let once = dir.appendingPathComponent("once.xlsx").path
        let twice = dir.appendingPathComponent("twice.xlsx").path
        try AnnotatedCopy.write(source: source, findings: Self.findings(source), to: once)
        try AnnotatedCopy.write(source: once, findings: Self.findings(once), to: twice)
        let a = try XLSXReader(path: once), b = try XLSXReader(path: twice)
        #expect(b.sheets.map(\.name) == a.sheets.map(\.name))
        #expect(b.sheets.map(\.state) == a.sheets.map(\.state))
        for s in a.sheets where s.name != AnnotatedCopy.findingsSheet {
            var x: [Row] = [], y: [Row] = []
            try a.readRows(of: s) { x.append($0) }
            try b.readRows(of: try b.sheet(named: s.name)) { y.append($0) }
            #expect(x == y, "\(s.name)")
        }
        let diff = PackageDiff(original: once, edited: twice)
        let part = try #require(try diff.relatedPart(of: "xl/worksheets/sheet1.xml", type: "comments", in: diff.edited))
        #expect(PackageDiff.comments(try diff.original.text(of: part)) == PackageDiff.comments(try diff.edited.text(of: part)))
        #expect(PackageDiff.skeleton(try diff.original.text(of: "xl/worksheets/sheet1.xml"))
                == PackageDiff.skeleton(try diff.edited.text(of: "xl/worksheets/sheet1.xml")))
    }

    @Test func exampleReturnFilledWithOpenpyxlGetsItsFindings() throws {
        let source = Self.root.appendingPathComponent("Examples/submissions/VHTT - tu danh gia 2023.xlsx").path
        let fw = try FrameworkStore.load(path: Self.root.appendingPathComponent("Examples/frameworks/tu-danh-gia-huyen-2023.yaml").path)
        let findings = Validator(framework: fw).validate(try Submission.read(path: source))
        #expect(!findings.isEmpty)
        let dir = try TemplateFixtures.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = AnnotatedCopy.path(for: source, in: dir.path)
        try AnnotatedCopy.write(source: source, findings: findings, to: copy)
        let diff = PackageDiff(original: source, edited: copy)
        #expect(try diff.changedParts().isSubset(of: ["xl/worksheets/sheet1.xml", "xl/styles.xml", "xl/workbook.xml",
                                                      "xl/_rels/workbook.xml.rels", "[Content_Types].xml"]))
        let part = try #require(try diff.relatedPart(of: "xl/worksheets/sheet1.xml", type: "comments", in: diff.edited))
        let comments = PackageDiff.comments(try diff.edited.text(of: part))
        for f in findings where f.cell != nil { #expect(comments[f.cell!.a1]?.contains(f.message) == true) }
        // Validating the copy finds the same problems (the marks change no value).
        let again = Validator(framework: fw).validate(try Submission.read(path: copy))
        #expect(Set(again.map { [$0.rule.rawValue, $0.cell?.a1 ?? ""] }) == Set(findings.map { [$0.rule.rawValue, $0.cell?.a1 ?? ""] }))
    }

    @Test func aReturnThatIsNotAnXLSXPackageGetsTheFindingsSheetOnly() throws {
        let dir = try TemplateFixtures.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appendingPathComponent("bao-cao.ods").path
        try Data("not read".utf8).write(to: URL(fileURLWithPath: source))
        let copy = AnnotatedCopy.path(for: source, in: dir.path)
        try AnnotatedCopy.write(source: source, findings: Self.findings(source), to: copy)
        let reader = try XLSXReader(path: copy)
        #expect(reader.sheets.map(\.name) == [AnnotatedCopy.findingsSheet])
    }

    @Test(.enabled(if: LibreOffice.soffice != nil, LibreOffice.skipMessage), .timeLimit(.minutes(5)))
    func libreOfficeOpensEveryAnnotatedCopyAndReadsItsComments() throws {
        let dir = try TemplateFixtures.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        var sources = [try Self.template(in: dir)]
        for producer in ["openpyxl", "xlsxwriter", "libreoffice"] {
            let path = dir.appendingPathComponent("\(producer).xlsx").path
            try FileManager.default.copyItem(atPath: Self.fixtures.appendingPathComponent("\(producer).xlsx").path, toPath: path)
            sources.append(path)
        }
        var copies: [String] = []
        for source in sources {
            let sheet = source.hasSuffix("mau-VHTT.xlsx") ? "Biểu mẫu" : "Bảng"
            let findings = Self.findings(source).map { f -> Finding in var f = f; if f.sheet != nil { f.sheet = sheet }; return f }
            let copy = dir.appendingPathComponent("annotated-" + (source as NSString).lastPathComponent).path
            try AnnotatedCopy.write(source: source, findings: findings, to: copy)
            copies.append(copy)
        }
        let pdf = dir.appendingPathComponent("pdf")
        let xlsx = dir.appendingPathComponent("resaved")
        for folder in [pdf, xlsx] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        #expect(try LibreOffice.convert(copies, to: "pdf", outdir: pdf) == 0)
        #expect(try LibreOffice.convert(copies, to: "xlsx", outdir: xlsx) == 0)
        for copy in copies {
            let stem = ((copy as NSString).lastPathComponent as NSString).deletingPathExtension
            let data = try #require(FileManager.default.contents(atPath: pdf.appendingPathComponent(stem + ".pdf").path), "\(stem)")
            #expect(data.starts(with: Array("%PDF".utf8)) && data.count > 1_000)
            // LibreOffice read the sheets, the comments and the fills: its own re-save has them.
            let resaved = xlsx.appendingPathComponent(stem + ".xlsx").path
            let reader = try XLSXReader(path: resaved)
            #expect(reader.sheets.first?.name == AnnotatedCopy.findingsSheet, "\(stem)")
            let package = ZipPartReader(path: resaved)
            let comments = try package.entryNames().filter { $0.contains("comment") && $0.hasSuffix(".xml") }
                .map { try package.text(of: $0) }.joined()
            #expect(PackageDiff.unescape(comments).contains("vượt điểm chuẩn 0,5 của tiêu chí 1.4.1"), "\(stem)")
            #expect(try package.text(of: "xl/styles.xml").contains("FFC7CE"), "\(stem)")
        }
    }
}
