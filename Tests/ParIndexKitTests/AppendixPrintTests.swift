import Foundation
import Testing
@testable import ParIndexKit

/// The demo's appendix printed through LibreOffice to PDF, read back with `pdftotext`:
/// the result's title and `Kèm theo` line, page numbers at the top from page 2 only, the
/// signature block, and working sheets numbered on their own.
struct AppendixPrintTests {
    static let pdftotext: String? = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    static let available = LibreOffice.soffice != nil && pdftotext != nil

    /// The text of one PDF page.
    static func page(_ pdf: String, _ n: Int) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: pdftotext!)
        process.arguments = ["-f", "\(n)", "-l", "\(n)", "-layout", pdf, "-"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : ""
    }

    /// pdftotext splits words where the font kerns (`huy ện`): compare without spaces.
    static func squash(_ s: String) -> String {
        TextNormalizer.nfc(s).unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }
            .map(String.init).joined()
    }

    static func firstLine(_ text: String) -> String {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty } ?? ""
    }

    @Test(.enabled(if: available, "LibreOffice hoặc pdftotext không có trên máy này: bỏ qua kiểm tra bản in"),
          .timeLimit(.minutes(5)))
    func printedAppendixSaysWhatItIsAndIsNumberedFromPageTwo() throws {
        typealias E = ExampleWorkflowTests
        let fw = try E.framework()
        let layout = try LayoutLibrary.load("self-assessment")
        let results = SubmissionBatch.process(SubmissionBatch.expand([E.submissions]), validator: Validator(framework: fw, layout: layout))
        let c = Consolidator(framework: fw, layout: layout).consolidate(results)
        let dir = try E.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("tong-hop.xlsx").path
        let report = ReportMetadata(
            attachedTo: "Kèm theo Báo cáo số 120/BC-UBND ngày 15 tháng 11 năm 2023 của UBND huyện Đắk Mil",
            issuer: "UBND huyện Đắk Mil",
            signature: SignatureBlock(place: "Đắk Mil", signers: [Signer(title: "NGƯỜI LẬP BIỂU"),
                                                                  Signer(title: "KT. CHỦ TỊCH", subtitle: "PHÓ CHỦ TỊCH")]))
        try AppendixWorkbook.write(c, to: path, report: report)
        try LibreOffice.convert([path], to: "pdf", outdir: dir)
        let pdf = dir.appendingPathComponent("tong-hop.pdf").path
        #expect(FileManager.default.fileExists(atPath: pdf))

        var pages: [String] = []
        while true {
            let text = try Self.page(pdf, pages.count + 1)
            if text.isEmpty || pages.count > 60 { break }
            pages.append(text)
        }
        // The appendix's pages come first, then the working sheets, each from page 1.
        let summaryStart = try #require(pages.firstIndex { Self.squash(Self.firstLine($0)) == Self.squash("Tổng hợp điểm — trang 1") })
        let checkStart = try #require(pages.firstIndex { Self.squash(Self.firstLine($0)) == Self.squash("Kiểm tra — trang 1") })
        #expect(summaryStart >= 2 && checkStart > summaryStart)
        let appendix = Array(pages[..<summaryStart])

        // Page 1: the result's title and Kèm theo line, no page number, not the framework's title.
        let first = Self.squash(appendix[0])
        #expect(Self.squash(Self.firstLine(appendix[0])) == "PHỤLỤC")
        #expect(first.contains(Self.squash("Kết quả tự đánh giá, chấm điểm Chỉ số CCHC năm 2023 của UBND huyện Đắk Mil")))
        #expect(first.contains(Self.squash("(Kèm theo Báo cáo số 120/BC-UBND ngày 15 tháng 11 năm 2023 của UBND huyện Đắk Mil)")))
        #expect(!first.contains(Self.squash(fw.metadata.title)))
        #expect(!first.contains(Self.squash("Kế hoạch số 45/KH-UBND")))
        // Pages 2…: the page number alone at the top.
        for (i, page) in appendix.enumerated().dropFirst() {
            #expect(Self.firstLine(page) == "\(i + 1)", "page \(i + 1) starts with \(Self.firstLine(page))")
        }
        // The signature block under the table, on the appendix's last page.
        let last = Self.squash(appendix[appendix.count - 1])
        for line in ["Đắk Mil, ngày … tháng … năm 2023", "NGƯỜI LẬP BIỂU", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"] {
            #expect(last.contains(Self.squash(line)), "\(line)")
        }
        #expect(last.contains(Self.squash("Tổng cộng")))
        // Working sheets restart their numbering.
        if checkStart + 1 < pages.count {
            #expect(Self.squash(Self.firstLine(pages[checkStart + 1])) == Self.squash("Kiểm tra — trang 2"))
        }
    }
}
