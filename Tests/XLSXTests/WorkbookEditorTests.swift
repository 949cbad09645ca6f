import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PackageTestSupport
import Testing
@testable import XLSX

// Annotates the workbooks in Tests/Fixtures/annotate/ (openpyxl, xlsxwriter, LibreOffice;
// made by scripts/fixtures/make_annotate_fixtures.py) and compares each copy with its
// original part by part: only the marked cells, the styles appended, the comments and
// their boxes, relationships, content types and the workbook's sheet list may change.

enum AnnotateFixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/annotate")
    static let producers = ["openpyxl", "xlsxwriter", "libreoffice"]

    static func path(_ producer: String) -> String { folder.appendingPathComponent("\(producer).xlsx").path }

    static let long = "Lỗi: Điểm tự đánh giá \"đạt\" của tiêu chí 1.2 không phải là số; đề nghị ghi một số từ 0 đến 2. "
        + "Điểm phải ghi bằng số, có thể dùng dấu phẩy thập phân (0,5), không ghi chữ như \"đạt\", \"hoàn thành\" hay "
        + "\"x\". Nếu tiêu chí không áp dụng cho đơn vị, ghi rõ ở cột ghi chú và để trống ô điểm."
    static let red: UInt32 = 0xFFC7CE
    static let yellow: UInt32 = 0xFFEB9C

    /// Existing cells, a cell with the unit's own comment, a missing row, a cell past the
    /// used range and a missing cell at the end of a row on another sheet.
    static let marks: [CellMark] = [
        CellMark(sheet: "Bảng", cell: CellReference(a1: "D6")!, fill: red, comment: long),
        CellMark(sheet: "Bảng", cell: CellReference(a1: "D7")!, fill: yellow, comment: "Cảnh báo: điểm 2,5 lớn hơn 1,5"),
        CellMark(sheet: "Bảng", cell: CellReference(a1: "B5")!, fill: yellow, comment: "Cảnh báo: tên tiêu chí đã bị sửa"),
        CellMark(sheet: "Bảng", cell: CellReference(a1: "C2")!, fill: red, comment: "Lỗi: thiếu dòng"),
        CellMark(sheet: "Bảng", cell: CellReference(a1: "F20")!, fill: red, comment: nil),
        CellMark(sheet: "Phụ", cell: CellReference(a1: "B2")!, fill: red, comment: "Lỗi: thiếu đơn vị"),
    ]

    static func edit() -> WorkbookEdit {
        let style = CellStyle(wrap: true, vertical: .top, border: .thin)
        let sheet = AddedSheet(name: "Kết quả", rows: [
            .init([.init(.string("KẾT QUẢ"), style: CellStyle(bold: true))]),
            .init([.init(.string("D6"), style: style.with { $0.fontColor = 0x0563C1 },
                         link: CellLink(sheet: "Bảng", cell: CellReference(a1: "D6")!)),
                   .init(.string(long), style: style), .init(.number(1.5), style: style)], height: 60),
        ], columnWidths: [8, 60, 10], frozenRows: 1,
           pageSetup: PageSetup(orientation: .landscape, repeatRows: 1...1, fitToWidth: true))
        return WorkbookEdit(marks: marks, commentAuthor: "Kiểm tra", newSheet: sheet)
    }
}

/// Foundation's XMLParser as an independent well-formedness check of small parts.
enum XMLWellFormed {
    static func check(_ text: String) -> Bool {
        let parser = XMLParser(data: Data(text.utf8))
        parser.shouldProcessNamespaces = true
        return parser.parse()
    }
}

@Suite("Package edit (WorkbookEditor)")
struct WorkbookEditorTests {
    static let sheetParts = ["Bảng": "xl/worksheets/sheet1.xml", "Phụ": "xl/worksheets/sheet2.xml"]

    @Test("only the parts an annotation must change differ; the rest is copied byte for byte",
          arguments: AnnotateFixtures.producers)
    func untouchedPartsAreCopied(producer: String) throws {
        let scratch = try WriterScratchFolder()
        defer { scratch.remove() }
        let source = AnnotateFixtures.path(producer)
        let copy = scratch.file("copy.xlsx")
        try WorkbookEditor.apply(AnnotateFixtures.edit(), source: source, destination: copy)
        let diff = PackageDiff(original: source, edited: copy)
        let changed = try diff.changedParts()
        let allowed: Set<String> = ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/styles.xml", "xl/workbook.xml",
                                    "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/worksheets/_rels/sheet1.xml.rels"]
        let commentParts = try ["comments", "vmlDrawing"].compactMap { try diff.relatedPart(of: "xl/worksheets/sheet1.xml", type: $0, in: diff.original) }
        #expect(commentParts.count == 2)
        #expect(changed.subtracting(allowed).subtracting(commentParts).isEmpty, "unexpected changes: \(changed)")
        #expect(!changed.contains("xl/worksheets/sheet3.xml"))   // the hidden sheet
        for part in changed.union(try diff.addedParts()) {
            #expect(XMLWellFormed.check(try diff.edited.text(of: part)), "\(producer): \(part) is not well-formed XML")
        }
        #expect(try diff.original.entryNames().allSatisfy { try diff.edited.entryNames().contains($0) })
        // Unchanged entries keep their compressed bytes: the copy is not much bigger.
        let sizes = try [source, copy].map { try FileManager.default.attributesOfItem(atPath: $0)[.size] as! Int }
        #expect(sizes[1] < sizes[0] + 12_000)
    }

    @Test("every original cell, merged range, width, validation and protection is kept; marked cells change only their fill",
          arguments: AnnotateFixtures.producers)
    func sheetsKeepEverythingButTheMarks(producer: String) throws {
        let scratch = try WriterScratchFolder()
        defer { scratch.remove() }
        let source = AnnotateFixtures.path(producer)
        let copy = scratch.file("copy.xlsx")
        try WorkbookEditor.apply(AnnotateFixtures.edit(), source: source, destination: copy)
        let diff = PackageDiff(original: source, edited: copy)
        let stylesBefore = try diff.original.text(of: "xl/styles.xml")
        let stylesAfter = try diff.edited.text(of: "xl/styles.xml")
        let xfsBefore = PackageDiff.children(of: "cellXfs", in: stylesBefore)
        let xfsAfter = PackageDiff.children(of: "cellXfs", in: stylesAfter)
        let fillsAfter = PackageDiff.children(of: "fills", in: stylesAfter)
        for collection in ["fonts", "fills", "borders", "cellXfs"] {
            let before = PackageDiff.children(of: collection, in: stylesBefore)
            #expect(Array(PackageDiff.children(of: collection, in: stylesAfter).prefix(before.count)) == before, "\(collection)")
        }
        #expect(PackageDiff.stylesOutsideCollections(stylesBefore) == PackageDiff.stylesOutsideCollections(stylesAfter))

        for (sheet, part) in Self.sheetParts {
            let before = try diff.original.text(of: part)
            let after = try diff.edited.text(of: part)
            // Merged ranges, columns, validation, protection, panes, print set-up: all as written.
            #expect(PackageDiff.skeleton(before) == PackageDiff.skeleton(after), "\(producer) \(sheet)")
            let tagsBefore = PackageDiff.cellTags(before)
            let tagsAfter = PackageDiff.cellTags(after)
            let marked = AnnotateFixtures.marks.filter { $0.sheet == sheet }
            for (ref, tag) in tagsBefore where !marked.contains(where: { $0.cell.a1 == ref }) {
                #expect(tagsAfter[ref] == tag, "\(producer) \(sheet)!\(ref)")
            }
            for mark in marked {
                let ref = mark.cell.a1
                let after = try #require(tagsAfter[ref], "\(producer) \(sheet)!\(ref) missing")
                let originalStyle = tagsBefore[ref].map(PackageDiff.style) ?? 0
                if let before = tagsBefore[ref] {
                    #expect(PackageDiff.withoutStyle(before) == PackageDiff.withoutStyle(after))
                }
                let xf = xfsAfter[PackageDiff.style(after)]
                #expect(PackageDiff.withoutFill(xf) == PackageDiff.withoutFill(xfsBefore[originalStyle]), "\(producer) \(ref)")
                let fill = fillsAfter[try #require(PackageDiff.fillID(xf))]
                #expect(fill.contains(String(format: "FF%06X", mark.fill)), "\(producer) \(ref): \(fill)")
            }
        }

        // The reader sees the same values, merged ranges, sheet states and defined names.
        let original = try XLSXReader(path: source)
        let edited = try XLSXReader(path: copy)
        #expect(edited.sheets.map(\.name) == ["Kết quả"] + original.sheets.map(\.name))
        #expect(edited.sheets.dropFirst().map(\.state) == original.sheets.map(\.state))
        for (name, formula) in original.definedNames {
            #expect(edited.definedNames[name] == formula, "\(producer): \(name)")
        }
        #expect(edited.definedNames["Kết quả!_xlnm.Print_Titles"] == "'Kết quả'!$1:$1")
        for sheet in original.sheets {
            var rowsBefore: [Row] = [], rowsAfter: [Row] = []
            let summaryBefore = try original.readRows(of: sheet) { rowsBefore.append($0) }
            let summaryAfter = try edited.readRows(of: try edited.sheet(named: sheet.name)) { rowsAfter.append($0) }
            #expect(rowsBefore == rowsAfter, "\(producer) \(sheet.name)")
            #expect(summaryBefore.mergedRanges == summaryAfter.mergedRanges)
        }
        var added: [Row] = []
        try edited.readRows(of: edited.sheets[0]) { added.append($0) }
        #expect(added.first?.cells.first?.value == .string("KẾT QUẢ"))
        let newSheet = try diff.edited.text(of: try #require(diff.addedParts().first { $0.hasPrefix("xl/worksheets/sheet") }))
        #expect(PackageDiff.unescape(newSheet).contains("location=\"'Bảng'!D6\""))
        #expect(try diff.edited.text(of: "xl/workbook.xml").contains("<sheet name=\"Kết quả\""))
    }

    @Test("each comment holds its whole message in a box sized to it; the unit's own comment is kept",
          arguments: AnnotateFixtures.producers)
    func commentsHoldTheWholeMessage(producer: String) throws {
        let scratch = try WriterScratchFolder()
        defer { scratch.remove() }
        let source = AnnotateFixtures.path(producer)
        let copy = scratch.file("copy.xlsx")
        try WorkbookEditor.apply(AnnotateFixtures.edit(), source: source, destination: copy)
        let diff = PackageDiff(original: source, edited: copy)
        let sheet = "xl/worksheets/sheet1.xml"
        let commentsPart = try #require(try diff.relatedPart(of: sheet, type: "comments", in: diff.edited))
        let vmlPart = try #require(try diff.relatedPart(of: sheet, type: "vmlDrawing", in: diff.edited))
        let comments = PackageDiff.comments(try diff.edited.text(of: commentsPart))
        #expect(comments["D6"] == AnnotateFixtures.long)
        #expect(comments["D7"] == "Cảnh báo: điểm 2,5 lớn hơn 1,5")
        #expect(comments["C2"] == "Lỗi: thiếu dòng")
        #expect(comments["F20"] == nil)
        let b5 = try #require(comments["B5"])
        #expect(b5.contains("Ghi chú của đơn vị: đã sửa tên tiêu chí"))
        #expect(b5.hasSuffix("Cảnh báo: tên tiêu chí đã bị sửa"))
        #expect(try diff.edited.text(of: commentsPart).contains("<author>Kiểm tra</author>"))
        let boxes = PackageDiff.boxes(try diff.edited.text(of: vmlPart))
        let longBox = try #require(boxes[[5, 3]])
        let shortBox = try #require(boxes[[6, 3]])
        #expect(longBox > shortBox * 2)
        #expect(boxes[[1, 2]] != nil)
        #expect(boxes.count == PackageDiff.boxes(try diff.original.text(of: vmlPart)).count + 3)
        // The unit's comment grew: its box is resized for the whole text (anchor when the
        // producer wrote one, and the style's size), and added boxes are well-formed XML.
        let vmlBefore = try diff.original.text(of: vmlPart), vmlAfter = try diff.edited.text(of: vmlPart)
        if let before = PackageDiff.anchors(vmlBefore)[[4, 1]] {
            let after = try #require(PackageDiff.anchors(vmlAfter)[[4, 1]])
            #expect(after != before && (after[6] - after[2]) * 20 + after[7] - after[3] >= 65, "\(before) → \(after)")
        }
        #expect(vmlAfter.contains("width:315pt;height:\(StylesPatch.number(Double(CommentParts.boxHeight(b5)) * 0.75))pt"))
        #expect(XMLWellFormed.check(vmlAfter), "\(producer): VML not well-formed")
        // The other sheet had no comments: new parts, a new relationship, a legacyDrawing.
        let other = "xl/worksheets/sheet2.xml"
        let otherComments = try #require(try diff.relatedPart(of: other, type: "comments", in: diff.edited))
        #expect(PackageDiff.comments(try diff.edited.text(of: otherComments)) == ["B2": "Lỗi: thiếu đơn vị"])
        #expect(try diff.edited.text(of: other).contains("<legacyDrawing "))
        #expect(try diff.edited.text(of: "[Content_Types].xml").contains("/\(otherComments)\""))
    }

    @Test("annotating the copy again changes no mark twice and keeps one added sheet",
          arguments: AnnotateFixtures.producers)
    func annotatingTwiceDoesNoDamage(producer: String) throws {
        let scratch = try WriterScratchFolder()
        defer { scratch.remove() }
        let once = scratch.file("once.xlsx")
        let twice = scratch.file("twice.xlsx")
        try WorkbookEditor.apply(AnnotateFixtures.edit(), source: AnnotateFixtures.path(producer), destination: once)
        try WorkbookEditor.apply(AnnotateFixtures.edit(), source: once, destination: twice)
        let first = try XLSXReader(path: once)
        let second = try XLSXReader(path: twice)
        #expect(second.sheets.map(\.name) == first.sheets.map(\.name))
        #expect(second.definedNames == first.definedNames)
        for sheet in first.sheets {
            var a: [Row] = [], b: [Row] = []
            try first.readRows(of: sheet) { a.append($0) }
            try second.readRows(of: try second.sheet(named: sheet.name)) { b.append($0) }
            #expect(a == b, "\(producer) \(sheet.name)")
        }
        let diff = PackageDiff(original: once, edited: twice)
        let part = try #require(try diff.relatedPart(of: "xl/worksheets/sheet1.xml", type: "comments", in: diff.edited))
        #expect(PackageDiff.comments(try diff.original.text(of: part)) == PackageDiff.comments(try diff.edited.text(of: part)))
        let vml = try #require(try diff.relatedPart(of: "xl/worksheets/sheet1.xml", type: "vmlDrawing", in: diff.edited))
        #expect(PackageDiff.boxes(try diff.original.text(of: vml)).count == PackageDiff.boxes(try diff.edited.text(of: vml)).count)
        #expect(PackageDiff.skeleton(try diff.original.text(of: "xl/worksheets/sheet1.xml"))
                == PackageDiff.skeleton(try diff.edited.text(of: "xl/worksheets/sheet1.xml")))
        // The marked cells keep the look of the first annotation (no new fill stacked).
        let styles = try diff.edited.text(of: "xl/styles.xml")
        let fills = PackageDiff.children(of: "fills", in: styles)
        let xfs = PackageDiff.children(of: "cellXfs", in: styles)
        let d6 = try #require(PackageDiff.cellTags(try diff.edited.text(of: "xl/worksheets/sheet1.xml"))["D6"])
        #expect(fills[try #require(PackageDiff.fillID(xfs[PackageDiff.style(d6)]))].contains("FFFFC7CE"))
        #expect(PackageDiff.children(of: "fills", in: try diff.original.text(of: "xl/styles.xml")).count == fills.count)
    }

    @Test("the source is never modified and a failed edit leaves no file behind")
    func sourceUntouchedAndAtomic() throws {
        let scratch = try WriterScratchFolder()
        defer { scratch.remove() }
        let source = scratch.file("source.xlsx")
        try FileManager.default.copyItem(atPath: AnnotateFixtures.path("openpyxl"), toPath: source)
        let before = try Data(contentsOf: URL(fileURLWithPath: source))
        try WorkbookEditor.apply(AnnotateFixtures.edit(), source: source, destination: scratch.file("copy.xlsx"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: source)) == before)
        // A sheet name Excel refuses: nothing is written, no temporary file is left.
        var bad = AnnotateFixtures.edit()
        bad.newSheet?.name = "Kết quả: [1]"
        #expect(throws: XLSXError.self) {
            try WorkbookEditor.apply(bad, source: source, destination: scratch.file("bad.xlsx"))
        }
        #expect(try scratch.contents() == ["copy.xlsx", "source.xlsx"])
    }

    @Test("bytes in memory (an upload) are edited like the file they came from")
    func bytesSourceMatchesPath() throws {
        let scratch = try WriterScratchFolder()
        defer { scratch.remove() }
        let path = AnnotateFixtures.path("xlsxwriter")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        try WorkbookEditor.apply(AnnotateFixtures.edit(), source: path, destination: scratch.file("a.xlsx"))
        try WorkbookEditor.apply(AnnotateFixtures.edit(), source: .bytes(bytes, name: "tai-len.xlsx"), destination: scratch.file("b.xlsx"))
        let a = ZipPartReader(path: scratch.file("a.xlsx")), b = ZipPartReader(path: scratch.file("b.xlsx"))
        #expect(try a.entryNames() == b.entryNames())
        for name in try a.entryNames() { #expect(try a.text(of: name) == b.text(of: name), "\(name)") }
    }

    @Test("prefixed elements, rows and cells without r, no stylesheet, another active sheet")
    func handmadePackage() throws {
        let scratch = try WriterScratchFolder()
        defer { scratch.remove() }
        let source = AnnotateFixtures.folder.appendingPathComponent("handmade.xlsx").path
        let copy = scratch.file("copy.xlsx")
        let marks = [
            CellMark(sheet: "Một", cell: CellReference(a1: "B2")!, fill: AnnotateFixtures.red, comment: "Lỗi: dòng trống"),
            CellMark(sheet: "Một", cell: CellReference(a1: "A3")!, fill: AnnotateFixtures.yellow, comment: nil),
            CellMark(sheet: "Một", cell: CellReference(a1: "C1")!, fill: AnnotateFixtures.red, comment: nil),
            CellMark(sheet: "Hai", cell: CellReference(a1: "B1")!, fill: AnnotateFixtures.red, comment: "Lỗi: thiếu"),
        ]
        var edit = AnnotateFixtures.edit()
        edit.marks = marks
        try WorkbookEditor.apply(edit, source: source, destination: copy)
        let original = try XLSXReader(path: source)
        let edited = try XLSXReader(path: copy)
        #expect(edited.sheets.map(\.name) == ["Kết quả", "Một", "Hai"])
        #expect(edited.definedNames["Hai!_xlnm.Print_Area"] == original.definedNames["Hai!_xlnm.Print_Area"])
        #expect(edited.definedNames["Tong"] == "Hai!$C$1")
        for sheet in original.sheets {
            var a: [Row] = [], b: [Row] = []
            try original.readRows(of: sheet) { a.append($0) }
            try edited.readRows(of: try edited.sheet(named: sheet.name)) { b.append($0) }
            // Values only: the original has no stylesheet, so no fonts to compare.
            #expect(a.map { $0.cells.map { [$0.reference.a1, $0.value.description] } }
                    == b.map { $0.cells.map { [$0.reference.a1, $0.value.description] } }, "\(sheet.name)")
        }
        let package = ZipPartReader(path: copy)
        let one = try package.text(of: "xl/worksheets/sheet1.xml")
        #expect(one.contains("<x:c r=\"C1\" s=\""))
        #expect(one.contains("<x:row><x:c r=\"B2\" s=\""))
        #expect(one.contains("<x:row><x:c s=\"2\"><x:v>3</x:v>"))
        #expect(one.contains("<x:legacyDrawing "))
        let two = try package.text(of: "xl/worksheets/sheet2.xml")
        #expect(two.contains("<x:c r=\"B1\" s=\"") && !two.contains("tabSelected"))
        let workbook = try package.text(of: "xl/workbook.xml")
        #expect(workbook.contains("activeTab=\"0\" firstSheet=\"0\"") && workbook.contains("<x:sheet name=\"Kết quả\" sheetId=\"8\""))
        let styles = try package.text(of: "xl/styles.xml")
        #expect(PackageDiff.children(of: "fills", in: styles).count >= 4)
        #expect(try package.text(of: "[Content_Types].xml").contains("/xl/styles.xml"))
        #expect(try package.text(of: "xl/_rels/workbook.xml.rels").contains("/styles\""))
    }

    @Test("limits apply while editing as while reading")
    func readLimitsApply() throws {
        let scratch = try WriterScratchFolder()
        defer { scratch.remove() }
        var limits = ReadLimits()
        limits.maxPartBytes = 1_000
        #expect(throws: XLSXError.self) {
            try WorkbookEditor.apply(AnnotateFixtures.edit(), source: AnnotateFixtures.path("libreoffice"),
                                     destination: scratch.file("copy.xlsx"), limits: limits)
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.file("copy.xlsx")))
    }
}
