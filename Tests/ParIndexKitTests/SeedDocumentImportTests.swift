import Foundation
import Testing
import XLSX
@testable import ParIndexKit

/// The four seed appendices typed into Word letters (`scripts/fixtures/make_docx_fixtures.py`:
/// one table per page or a header repeated by Word, cells merged across and down, a row
/// split over a page break, multi-paragraph and bulleted task cells, NFD text), written by
/// python-docx and re-saved by LibreOffice, give the same framework as the seed's workbook
/// in `Examples/appendices/`, criterion by criterion.
struct SeedDocumentImportTests {
    static let root = SeedWorkbookImportTests.root

    static func document(_ name: String, _ producer: String) -> String {
        root.appendingPathComponent("Tests/Fixtures/docx/\(name).\(producer).docx").path
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let producer: String
        var testDescription: String { "\(name) (\(producer))" }
    }

    static let names = ["000-van-phong-ubnd-dak-nong-2020", "002-ubnd-ninh-son-766-2022",
                        "003-so-khcn-dak-nong-2023", "004-khac-phuc-2023"]
    static let cases = names.flatMap { name in ["python-docx", "libreoffice"].map { Case(name: name, producer: $0) } }

    @Test(arguments: cases)
    func sameFrameworkAsTheWorkbook(_ c: Case) throws {
        let fromWorkbook = try FrameworkImporter().importWorkbook(path: SeedWorkbookImportTests.workbook(c.name))
        let fromDocument = try FrameworkImporter().importWorkbook(path: Self.document(c.name, c.producer))
        let want = fromWorkbook.framework.flattened
        let got = fromDocument.framework.flattened
        #expect(got.count == want.count)
        for (g, w) in zip(got, want) {
            let context = Comment(rawValue: "\(c.testDescription) criterion \(w.criterion.id)")
            var gotNode = g.criterion, wantNode = w.criterion
            gotNode.children = []
            wantNode.children = []
            #expect(gotNode == wantNode, context)
            #expect(g.parentID == w.parentID, context)
            #expect(g.depth == w.depth, context)
        }
        #expect(fromDocument.framework.units == fromWorkbook.framework.units)
        #expect(fromDocument.framework.metadata.title == fromWorkbook.framework.metadata.title)
        #expect(fromDocument.framework.metadata.year == fromWorkbook.framework.metadata.year)
        #expect(fromDocument.framework.metadata.layout == fromWorkbook.framework.metadata.layout)
        #expect(fromDocument.framework.metadata.source == "\(c.name).\(c.producer).docx")
        // The (Kèm theo …) line: as typed, except 003's, whose blank number and day the
        // letter's heading fills (`Số: 45/KH-SKHCN`, `Đắk Nông, ngày 20 tháng 3 năm 2023`).
        if c.name.hasPrefix("003") {
            #expect(fromDocument.framework.metadata.document
                    == "Kèm theo Kế hoạch số 45/KH-SKHCN ngày 20 tháng 3 năm 2023 của Sở Khoa học và Công nghệ tỉnh Đắk Nông")
            #expect(fromDocument.warnings.contains { $0.message.contains("đã điền theo số, ngày của văn bản") })
        } else {
            #expect(fromDocument.framework.metadata.document == fromWorkbook.framework.metadata.document)
        }
        // The letter's own paragraphs never reach the table.
        for row in fromDocument.table.rows {
            #expect(row.title?.hasPrefix("Kính gửi") != true && row.title?.hasPrefix("Nơi nhận") != true)
        }
    }

    @Test(arguments: ["python-docx", "libreoffice"])
    func tablesPerPageAreJoinedWithTheirHeadersNoted(_ producer: String) throws {
        let plan = try TableRecognizer().recognize(SpreadsheetOpener.open(path: Self.document(Self.names[0], producer)))
        #expect(plan.titleLines.first == "PHỤ LỤC")
        // Five tables, one per page: the four repeated headers (one with "Mức tiêu") noted.
        #expect(plan.notes.filter { $0.kind == .repeatedHeader }.count == 4)
        #expect(plan.rows.count == 24)

        let remediation = try TableRecognizer().recognize(SpreadsheetOpener.open(path: Self.document(Self.names[3], producer)))
        let ten = try #require(remediation.rows.first { $0.code == "10" })
        #expect(ten.title == "Thực hiện việc xin lỗi bằng văn bản khi giải quyết thủ tục hành chính sai sót, trễ hạn")
        #expect(ten.joinedRows.count == 1)
        #expect(remediation.notes.filter { $0.kind == .repeatedHeader }.count == 3)
        #expect(remediation.notes.contains { $0.kind == .total })
    }

    @Test func legacyDocIsRefusedWithItsReason() throws {
        let path = Self.root.appendingPathComponent("Tests/Fixtures/docx/legacy.doc").path
        #expect(throws: XLSXError.legacyDOC) { _ = try SpreadsheetOpener.open(path: path) }
        #expect(throws: XLSXError.legacyDOC) { _ = try FrameworkImporter().importWorkbook(path: path) }
        #expect(XLSXError.legacyDOC.message == "tệp Word định dạng cũ (.doc); đề nghị mở bằng Word và lưu lại dưới dạng .docx")
    }

    @Test func encryptedDocumentIsRefused() throws {
        let path = Self.root.appendingPathComponent("Tests/Fixtures/docx/encrypted.docx").path
        #expect(throws: XLSXError.encrypted) { _ = try SpreadsheetOpener.open(path: path) }
    }
}
