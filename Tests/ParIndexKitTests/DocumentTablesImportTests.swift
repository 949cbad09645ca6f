import Foundation
import PackageTestSupport
import Testing
@testable import ParIndexKit

/// Tables of a Word document beside the one imported are named in warnings, never
/// dropped unseen.
struct DocumentTablesImportTests {
    typealias Z = ZipPartWriter
    static let header = ["STT", "Lĩnh vực, tiêu chí", "Điểm chuẩn", "Đơn vị chủ trì"]
    static let appendix = Z.paragraph("PHỤ LỤC") + Z.paragraph("Nhiệm vụ năm 2023")
        + Z.table([header, ["1", "Công tác chỉ đạo", "2", "Văn phòng Sở"], ["1.1", "Tuyên truyền", "1", "Văn phòng Sở"]])

    private func importDocument(_ body: String) throws -> FrameworkImporter.Result {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("parindex-doc-\(UUID().uuidString).docx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Z.document(body: body, to: path)
        return try FrameworkImporter().importWorkbook(path: path)
    }

    @Test func aSecondAppendixIsNamedWithItsSheet() throws {
        let result = try importDocument(Self.appendix + Z.paragraph("PHỤ LỤC II")
            + Z.table([Self.header, ["1", "Khác", "1", "Phòng Nội vụ"]]))
        #expect(result.framework.flattened.map(\.criterion.id) == ["1", "1.1"])
        #expect(result.warnings.map(\.message).contains { $0.contains("--sheet \"Bảng 2\"") && $0.contains("(1 dòng dữ liệu)") })
    }

    @Test func aHeaderlessTableAfterTheAppendixIsReported() throws {
        let result = try importDocument(Self.appendix + Z.paragraph("(tiếp theo)")
            + Z.table([["1.2", "Kiểm tra", "1", "Văn phòng Sở"], ["1.3", "Sáng kiến", "2", "Văn phòng Sở"]]))
        #expect(result.framework.flattened.count == 2)
        #expect(result.warnings.map(\.message).contains { $0.hasPrefix("Bảng 2 của văn bản (2 dòng, không có dòng tiêu đề)") })
    }

    @Test func aSignatureBlockIsNotReported() throws {
        let result = try importDocument(Self.appendix + Z.paragraph("")
            + Z.table([["NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ"]]))
        #expect(result.warnings.isEmpty)
        #expect(result.format == .docx)
    }
}
