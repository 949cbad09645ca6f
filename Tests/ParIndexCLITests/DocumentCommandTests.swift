import Foundation
import Testing

/// `framework import` and `inspect` on Word documents, and the refusals of `.doc` and
/// encrypted `.docx`, as a clerk runs them.
struct DocumentCommandTests {
    static func fixture(_ name: String) -> String {
        CLI.root.appendingPathComponent("Tests/Fixtures/docx/\(name)").path
    }

    @Test func frameworkImportFromADocument() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("khcn.yaml").path
        let r = try CLI.run(["framework", "import", Self.fixture("003-so-khcn-dak-nong-2023.libreoffice.docx"), "-o", out])
        #expect(r.status == 0, Comment(rawValue: r.stderr))
        #expect(r.stdout.contains("24 tiêu chí, 2 đơn vị, từ bảng 2 của văn bản Word"))
        let yaml = try String(contentsOfFile: out, encoding: .utf8)
        #expect(yaml.contains("document: Kèm theo Kế hoạch số 45/KH-SKHCN ngày 20 tháng 3 năm 2023 của Sở Khoa học và Công nghệ tỉnh Đắk Nông"))
        #expect(yaml.contains("title: NHIỆM VỤ, GIẢI PHÁP CẢI THIỆN VÀ NÂNG CAO CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023"))
        #expect(r.stderr.contains("đã điền theo số, ngày của văn bản"))
    }

    @Test func inspectTableJSONOfADocument() throws {
        let r = try CLI.run(["inspect", "--table", "--json", Self.fixture("000-van-phong-ubnd-dak-nong-2020.python-docx.docx")])
        #expect(r.status == 0, Comment(rawValue: r.stderr))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["sheet"] as? String == "Bảng 3-7")
        let rows = try #require(json["rows"] as? [[String: Any]])
        #expect(rows.count == 24)
        #expect(rows.first?["code"] as? String == "A")
        #expect((rows.first { $0["code"] as? String == "1.1" })?["tasks"] as? String
                == "- Tham mưu UBND tỉnh ban hành các quy định TTHC đúng thẩm quyền.\n- Tham mưu UBND tỉnh xử lý và kiến nghị xử lý 100% vấn đề phát hiện qua rà soát TTHC.\n- Báo cáo kiểm soát TTHC đúng thời gian quy định")
    }

    @Test func inspectShowsTheTablesOfADocument() throws {
        let r = try CLI.run(["inspect", Self.fixture("004-khac-phuc-2023.python-docx.docx")])
        #expect(r.status == 0, Comment(rawValue: r.stderr))
        #expect(r.stdout.contains("Trang tính 2: \"Bảng 2-5\""))
        #expect(r.stdout.contains("\"Bảng 2-5\": đoạn văn phía trên bảng: dòng 1–3; bảng 2: dòng 4–9; bảng 3: dòng 10–17"))
    }

    @Test(arguments: [
        ("legacy.doc", "tệp Word định dạng cũ (.doc); đề nghị mở bằng Word và lưu lại dưới dạng .docx"),
        ("encrypted.docx", "tệp được đặt mật khẩu"),
    ])
    func refusedDocumentsGetOneLine(_ name: String, _ reason: String) throws {
        let path = Self.fixture(name)
        for arguments in [["inspect", "--table", path], ["framework", "import", path, "-o", "/tmp/parindex-never-written.yaml"]] {
            let r = try CLI.run(arguments)
            #expect(r.status == 2)
            #expect(r.stderr.hasPrefix("parindex: \(path): \(reason)"))
            if name == "legacy.doc" {
                #expect(r.stderr == "parindex: \(path): tệp Word định dạng cũ (.doc); đề nghị mở bằng Word và lưu lại dưới dạng .docx\n")
            }
            #expect(r.stderr.filter { $0 == "\n" }.count == 1)
            #expect(r.stdout.isEmpty)
        }
        #expect(!FileManager.default.fileExists(atPath: "/tmp/parindex-never-written.yaml"))
    }
}
