import Foundation
import Testing
import PackageTestSupport
import ParIndexKit

struct InspectCommandTests {
    @Test func inspectsALibreOfficeWorkbookInVietnamese() throws {
        let r = try CLI.run(["inspect", CLI.example("003-so-khcn-dak-nong-2023")])
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty)
        #expect(r.stdout.contains("Trang tính 1: \"PL\" [hiển thị]"))
        #expect(r.stdout.contains("A1 = \"PHỤ LỤC\""))
        #expect(r.stdout.contains("E6 = \"Mục tiêu\\nnăm 2023\""))
        #expect(r.stdout.contains("C11 = 0.5"))
        #expect(r.stdout.contains("Ô gộp: "))
    }

    @Test func inspectJSONOfAnInlineStringWorkbook() throws {
        let r = try CLI.run(["inspect", CLI.example("004-khac-phuc-2023"), "--json"])
        #expect(r.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let sheets = try #require(object?["sheets"] as? [[String: Any]])
        #expect(sheets.count == 1)
        #expect(sheets[0]["name"] as? String == "Sheet1")
        let summary = try #require(sheets[0]["summary"] as? [String: Any])
        #expect(summary["mergedRanges"] as? [String] == ["A1:E1", "A2:E2", "A3:E3"])
        let rows = try #require(sheets[0]["rows"] as? [[String: Any]])
        let row6 = try #require(rows.first { $0["row"] as? Int == 6 })
        let cells = try #require(row6["cells"] as? [[String: Any]])
        #expect(cells.first?["value"] as? String == "1")
        #expect(cells.dropFirst().first?["value"] as? String == "Chất lượng báo cáo và thời gian báo cáo")
    }

    @Test func inspectTableJSONHasTheDocumentedShape() throws {
        let r = try CLI.run(["inspect", CLI.example("000-van-phong-ubnd-dak-nong-2020"), "--table", "--json"])
        #expect(r.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["headerRow"] as? Int == 5)
        let columns = try #require(object["columns"] as? [String: String])
        #expect(columns["code"] == "STT")
        #expect(columns["target"] == "Mục tiêu năm 2020")
        let rows = try #require(object["rows"] as? [[String: Any]])
        #expect(rows.count == 24)
        let r121 = try #require(rows.first { $0["code"] as? String == "1.2.1" })
        #expect(r121["max"] as? Double == 0.25)
        #expect(r121["prev"] as? Double == 0.25)
        #expect(r121["self"] is NSNull)
        #expect(r121["lead"] as? [String] == ["NCKSTTHC"])
        #expect(r121["coop"] as? [String] == ["Các phòng, đơn vị liên quan"])
        #expect(r121["sheet"] as? String == "Phụ lục")
        #expect(r121["row"] as? Int == 10)
        #expect(r121["deadline"] is NSNull)
        let section = try #require(rows.first { $0["code"] as? String == "A" })
        #expect(section["max"] is NSNull)
    }

    @Test func unreadableFilesGetOneLineAndStatusTwo() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = dir.appendingPathComponent("ghi-chu.xlsx")
        try "đây không phải bảng tính".write(to: text, atomically: true, encoding: .utf8)
        let cases: [(String, String)] = [
            (text.path, "không phải tệp Excel .xlsx"),
            (CLI.root.appendingPathComponent("Tests/Fixtures/refusals/encrypted.xlsx").path, "mật khẩu"),
            (CLI.root.appendingPathComponent("Tests/Fixtures/formats/encrypted.xls").path, "mật khẩu"),
            (CLI.root.appendingPathComponent("Tests/Fixtures/formats/legacy.doc").path, "(.doc)"),
            (dir.appendingPathComponent("khong-co.xlsx").path, "không mở được tệp"),
        ]
        for (file, reason) in cases {
            let r = try CLI.run(["inspect", file])
            #expect(r.status == 2, "\(file)")
            #expect(r.stdout.isEmpty, "\(file)")
            let lines = r.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(file): \(r.stderr)")
            #expect(r.stderr.hasPrefix("parindex: \(file): "), "\(file)")
            #expect(r.stderr.contains(reason), "\(file): \(r.stderr)")
        }
    }

    @Test func unknownSheetIsReported() throws {
        let r = try CLI.run(["inspect", CLI.example("000-van-phong-ubnd-dak-nong-2020"), "--sheet", "Không có"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("không có trang tính \"Không có\""))
    }
}

struct FrameworkImportCommandTests {
    @Test func importsAnAppendixToYAML() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("khung.yaml").path
        let r = try CLI.run(["framework", "import", CLI.example("004-khac-phuc-2023"), "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("21 tiêu chí"))
        #expect(r.stderr.contains("Cảnh báo: Dòng 18"))
        let yaml = try String(contentsOfFile: out, encoding: .utf8)
        #expect(yaml.contains("layout: remediation"))
        #expect(yaml.contains("title: Thực hiện việc xin lỗi bằng văn bản khi giải quyết thủ tục hành chính sai sót, trễ hạn"))
    }

    @Test func aWorkbookWithoutTableIsRefused() throws {
        let r = try CLI.run(["framework", "import", CLI.root.appendingPathComponent("Tests/Fixtures/formats/legacy.doc").path, "-o", "/tmp/x.yaml"])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("parindex: "))
    }

    /// `inspect --json` streams exactly the shared Codable style: the output, decoded as a
    /// ``WorkbookListing`` and encoded again by ``ReportJSON/compactEncoder()``, gives the
    /// same bytes once the line breaks between rows are taken out (strings escape theirs).
    /// Workbooks from LibreOffice, openpyxl, xlsxwriter (1904 dates, inline strings) and
    /// our own writer, with formulas, dates, booleans, errors and control characters.
    @Test(arguments: ["Tests/Fixtures/reader/libreoffice.xlsx", "Tests/Fixtures/reader/openpyxl_basic.xlsx",
                      "Tests/Fixtures/reader/xlsxwriter_1904.xlsx", "Tests/Fixtures/reader/xlsxwriter_constant_memory.xlsx",
                      "Examples/appendices/004-khac-phuc-2023.xlsx", "Examples/appendices/000-van-phong-ubnd-dak-nong-2020.xlsx"])
    func inspectJSONIsTheCodableEncodingOfAWorkbookListing(_ file: String) throws {
        let path = CLI.root.appendingPathComponent(file).path
        let r = try CLI.run(["inspect", path, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let bytes = Data(r.stdout.utf8)
        let listing = try JSONDecoder().decode(WorkbookListing.self, from: bytes)
        #expect(!listing.sheets.isEmpty && listing.sheets.contains { !$0.rows.isEmpty })
        let again = try ReportJSON.compactEncoder().encode(listing)
        #expect(again == Data(bytes.filter { $0 != 0x0A }), "\(file): streamed JSON differs from the Codable encoding")
    }

    static let hasXlsxwriter = PythonModule.isAvailable("xlsxwriter")

    /// `inspect --table --json` is likewise exactly the Codable encoding of a
    /// ``TableListing``: on the four example appendices (LibreOffice, Excel, inline
    /// strings), a Word appendix and a table with repeated headers and joined rows.
    @Test(arguments: ["Examples/appendices/000-van-phong-ubnd-dak-nong-2020.xlsx", "Examples/appendices/002-ubnd-ninh-son-766-2022.xlsx",
                      "Examples/appendices/003-so-khcn-dak-nong-2023.xlsx", "Examples/appendices/004-khac-phuc-2023.xlsx",
                      "Examples/appendices/000-van-phong-ubnd-dak-nong-2020.docx"])
    func inspectTableJSONIsTheCodableEncodingOfATableListing(_ file: String) throws {
        let r = try CLI.run(["inspect", CLI.root.appendingPathComponent(file).path, "--table", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let bytes = Data(r.stdout.utf8)
        let listing = try JSONDecoder().decode(TableListing.self, from: bytes)
        #expect(listing.rows.count > 5 && listing.columns["code"] != nil)
        #expect(try ReportJSON.compactEncoder().encode(listing) == Data(bytes.filter { $0 != 0x0A }),
                "\(file): streamed JSON differs from the Codable encoding")
    }

    /// Control characters are escaped the way JSONEncoder escapes them (`\b`, `\f`, `\u001f`).
    @Test(.enabled(if: Self.hasXlsxwriter, "Python xlsxwriter is not installed: this fixture cannot be made"))
    func controlCharactersAreEscapedAsJSONEncoderDoes() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("ky-tu.xlsx").path
        let script = """
        import sys, xlsxwriter
        wb = xlsxwriter.Workbook(sys.argv[1]); ws = wb.add_worksheet("Tờ 1")
        ws.write_string(0, 0, "a\\x08b\\x0cc\\x1fd\\"e\\\\f/g\\nh\\ti")
        ws.write_formula(0, 1, "=1+1", None, 2); ws.write_boolean(0, 2, True); ws.write_number(0, 3, 0.1)
        wb.close()
        """
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", script, path]
        try python.run(); python.waitUntilExit()
        try #require(python.terminationStatus == 0, "xlsxwriter is needed to make this fixture")
        let r = try CLI.run(["inspect", path, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let bytes = Data(r.stdout.utf8)
        let listing = try JSONDecoder().decode(WorkbookListing.self, from: bytes)
        #expect(try ReportJSON.compactEncoder().encode(listing) == Data(bytes.filter { $0 != 0x0A }))
        #expect(r.stdout.contains(#""value":"a\bb\fc\u001fd\"e\\f/g\nh\ti""#), "\(r.stdout)")
        #expect(listing.sheets[0].name == "Tờ 1")
    }
}
