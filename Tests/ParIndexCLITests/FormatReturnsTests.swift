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
    static let formats = ["xls"]

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
}
