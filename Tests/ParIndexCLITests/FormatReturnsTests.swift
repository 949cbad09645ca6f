import Foundation
import Testing
import XLSX

/// Example returns saved as `.xls` and `.ods` (LibreOffice, see
/// scripts/fixtures/make_format_fixtures.py) go through `validate` and `consolidate` exactly
/// as their `.xlsx` originals: same findings at the same cells, same consolidated scores.
struct FormatReturnsTests {
    static let framework = CLI.root.appendingPathComponent("Examples/frameworks/tu-danh-gia-huyen-2023.yaml").path
    static let originals = CLI.root.appendingPathComponent("Examples/submissions").path
    static let converted = CLI.root.appendingPathComponent("Tests/Fixtures/formats/submissions").path
    static let stems = ["Phong Noi vu - tu cham 2023", "VP_HDND_UBND", "VHTT - tu danh gia 2023"]
    static let formats = ["xls", "ods"]

    /// (file name without extension → [rule@cell#code]) from `validate --json`.
    static func findings(_ files: [String]) throws -> (status: Int32, byStem: [String: [String]]) {
        let r = try CLI.run(["validate", "--framework", framework, "--json"] + files)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r.stderr)")
        var byStem: [String: [String]] = [:]
        for file in try #require(object["files"] as? [[String: Any]]) {
            let name = ((file["file"] as? String ?? "") as NSString).lastPathComponent
            let list = (file["findings"] as? [[String: Any]] ?? []).map {
                "\($0["rule"] as? String ?? "")@\($0["sheet"] as? String ?? "")!\($0["cell"] as? String ?? "")#\($0["code"] as? String ?? "")"
            }
            byStem[(name as NSString).deletingPathExtension] = list + ["status=\(file["status"] as? String ?? "")"]
        }
        return (r.status, byStem)
    }

    @Test(arguments: formats)
    func validateFindsTheSameAsForTheXLSX(format: String) throws {
        let original = try Self.findings(Self.stems.map { "\(Self.originals)/\($0).xlsx" })
        let converted = try Self.findings(Self.stems.map { "\(Self.converted)/\($0).\(format)" })
        #expect(original.status == 1 && converted.status == 1)
        #expect(converted.byStem == original.byStem)
        #expect(converted.byStem["VHTT - tu danh gia 2023"]?.count == 8, "7 seeded findings and the status")
    }

    /// The `Tổng hợp điểm` sheet of a consolidation, as text per cell.
    static func consolidatedScores(_ files: [String]) throws -> [String] {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("tong-hop.xlsx").path
        let r = try CLI.run(["consolidate", "--framework", framework, "-o", out] + files)
        #expect(r.status == 1, "the VHTT return is invalid: \(r.stderr)")
        let reader = try XLSXReader(path: out)
        var cells: [String] = []
        try reader.readRows(of: try reader.sheet(named: "Tổng hợp điểm")) { row in
            cells += row.cells.map { "\($0.reference.a1)=\($0.value)" }
        }
        return cells
    }

    @Test(arguments: formats)
    func consolidateGivesTheSameScores(format: String) throws {
        let original = try Self.consolidatedScores(Self.stems.map { "\(Self.originals)/\($0).xlsx" })
        let converted = try Self.consolidatedScores(Self.stems.map { "\(Self.converted)/\($0).\(format)" })
        #expect(!original.isEmpty)
        #expect(converted == original)
    }

    /// In a folder every spreadsheet is read or refused with its reason; only other files
    /// are skipped, each with its reason.
    @Test func noSpreadsheetInAFolderIsSkipped() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fm = FileManager.default
        for name in ["VP_HDND_UBND.xls", "Phong Noi vu - tu cham 2023.ods", "VHTT - tu danh gia 2023.ods"] {
            try fm.copyItem(atPath: "\(Self.converted)/\(name)", toPath: dir.appendingPathComponent(name).path)
        }
        try "STT,Tiêu chí,Điểm\n1.1,Ban hành kế hoạch,1\n".write(to: dir.appendingPathComponent("diem.csv"), atomically: true, encoding: .utf8)
        try "ghi chú".write(to: dir.appendingPathComponent("ghi-chu.txt"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["validate", "--framework", Self.framework, "--json", dir.path])
        #expect(r.status == 2, "the .csv is unreadable")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        var status: [String: String] = [:], reason: [String: String] = [:]
        for file in try #require(object["files"] as? [[String: Any]]) {
            let name = ((file["file"] as? String ?? "") as NSString).lastPathComponent
            status[name] = file["status"] as? String
            reason[name] = file["reason"] as? String
        }
        #expect(status == ["VP_HDND_UBND.xls": "valid", "Phong Noi vu - tu cham 2023.ods": "valid",
                           "VHTT - tu danh gia 2023.ods": "invalid", "diem.csv": "unreadable", "ghi-chu.txt": "skipped"])
        #expect(reason["diem.csv"]?.contains("CSV") == true)
        #expect(reason["ghi-chu.txt"]?.contains("bỏ qua") == true)
        #expect(!r.stdout.contains("xl/workbook.xml"))
    }
}
