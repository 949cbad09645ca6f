import Foundation
import Testing
import XLSX

struct ValidateConsolidateCommandTests {
    static let framework = CLI.root.appendingPathComponent("Examples/frameworks/tu-danh-gia-huyen-2023.yaml").path
    static let submissions = CLI.root.appendingPathComponent("Examples/submissions").path

    @Test func validateJSONReportHasTheDocumentedShape() throws {
        let r = try CLI.run(["validate", "--framework", Self.framework, Self.submissions, "--json"])
        #expect(r.status == 1, "one invalid file")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let framework = try #require(object["framework"] as? [String: Any])
        #expect((framework["hash"] as? String)?.count == 16)
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary == ["files": 8, "valid": 5, "invalid": 1, "unreadable": 0, "skipped": 2, "errors": 6, "warnings": 3])
        let files = try #require(object["files"] as? [[String: Any]])
        let vhtt = try #require(files.first { ($0["file"] as? String)?.hasSuffix("VHTT - tu danh gia 2023.xlsx") == true })
        #expect(vhtt["status"] as? String == "invalid")
        #expect(vhtt["unit"] as? String == "VHTT")
        let findings = try #require(vhtt["findings"] as? [[String: Any]])
        let over = try #require(findings.first { $0["rule"] as? String == "score.exceeds-max" })
        #expect(over["severity"] as? String == "error")
        #expect(over["sheet"] as? String == "Biểu mẫu")
        #expect(over["cell"] as? String == "D20")
        #expect(over["code"] as? String == "7.1.5")
        #expect(over["found"] as? String == "1,5")
        #expect((over["message"] as? String)?.contains("vượt điểm chuẩn") == true)
        #expect(Set(over.keys) == ["severity", "rule", "file", "sheet", "cell", "code", "message", "found", "expected"])
        #expect(vhtt["reason"] is NSNull)
        let skipped = files.filter { $0["status"] as? String == "skipped" }.compactMap { $0["file"] as? String }
        #expect(skipped.map { ($0 as NSString).lastPathComponent }.sorted() == ["README.md", "ghi-chu.txt"])
    }

    @Test func validateExitStatus() throws {
        let clean = CLI.root.appendingPathComponent("Examples/submissions/VP_HDND_UBND.xlsx").path
        #expect(try CLI.run(["validate", "--framework", Self.framework, clean]).status == 0)
        let encrypted = CLI.root.appendingPathComponent("Tests/Fixtures/formats/encrypted.xls").path
        let r = try CLI.run(["validate", "--framework", Self.framework, clean, encrypted])
        #expect(r.status == 2, "an unreadable input")
        #expect(r.stdout.contains("VP_HDND_UBND.xlsx: hợp lệ"), "the others are still validated")
        #expect(r.stderr == "parindex: \(encrypted): tệp được đặt mật khẩu; đề nghị gỡ mật khẩu rồi gửi lại\n")
    }

    @Test func validateAnnotatesInvalidFilesOnly() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["validate", "--framework", Self.framework, Self.submissions, "--annotate", dir.path])
        #expect(r.status == 1)
        let written = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(written == ["VHTT - tu danh gia 2023 - kiem tra.xlsx"])
    }

    @Test func consolidateWritesTheWorkbookEvenWithAnInvalidFile() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("ket-qua/tong-hop.xlsx").path
        let r = try CLI.run(["consolidate", "--framework", Self.framework, Self.submissions, "-o", out,
                             "--attached-to", "(Kèm theo Báo cáo số 120/BC-UBND ngày 15 tháng 11 năm 2023 của UBND huyện)",
                             "--issuer", "UBND huyện Đắk Mil", "--signer", "NGƯỜI LẬP BIỂU",
                             "--signer", "KT. CHỦ TỊCH|PHÓ CHỦ TỊCH|Võ Quốc Tuấn", "--sign-place", "Đắk Mil"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stdout.contains("Đã ghi \(out)"))
        #expect(r.stdout.contains("Đơn vị có tệp lỗi, chưa tổng hợp: Phòng Văn hóa và Thông tin."))
        #expect(r.stdout.contains("Đơn vị chưa nộp: Chi nhánh Văn phòng đăng ký đất đai."))
        let reader = try XLSXReader(path: out)
        #expect(reader.sheets.map(\.name) == ["Phụ lục", "Tổng hợp điểm", "Kiểm tra"])
        var texts: [String] = []
        try reader.readRows(of: reader.sheets[0]) { row in
            for cell in row.cells { if case .string(let t) = cell.value { texts.append(t) } }
        }
        #expect(texts[1] == "Kết quả tự đánh giá, chấm điểm Chỉ số CCHC năm 2023 của UBND huyện Đắk Mil")
        #expect(texts[2] == "(Kèm theo Báo cáo số 120/BC-UBND ngày 15 tháng 11 năm 2023 của UBND huyện)")
        for line in ["Đắk Mil, ngày … tháng … năm 2023", "NGƯỜI LẬP BIỂU", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Võ Quốc Tuấn"] {
            #expect(texts.contains(line), "\(line)")
        }
        // No temporary file is left beside the output.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("ket-qua").path) == ["tong-hop.xlsx"])
    }

    @Test func consolidateWithNothingReadableExitsTwo() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let encrypted = CLI.root.appendingPathComponent("Tests/Fixtures/formats/encrypted.xls").path
        let out = dir.appendingPathComponent("x.xlsx").path
        let r = try CLI.run(["consolidate", "--framework", Self.framework, encrypted, "-o", out])
        #expect(r.status == 2)
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
