import Foundation
import Testing
import XLSX

/// The yearly cycle through the binary, on the shipped examples: consolidate → appraisal
/// sheet → (the council's filled copy, a committed fixture) → results → remediation →
/// next year's framework → its templates.
struct CycleCommandTests {
    static let framework = ValidateConsolidateCommandTests.framework
    static let filled = CLI.root.appendingPathComponent("Tests/Fixtures/cycle/tham-dinh-da-dien.xlsx").path

    @Test func wholeCycle() throws {
        let dir = try CLI.tempDir()
        func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
        let consolidated = path("tong-hop.xlsx")
        _ = try CLI.run(["consolidate", "--framework", Self.framework, ValidateConsolidateCommandTests.submissions,
                         "-o", consolidated])
        #expect(FileManager.default.fileExists(atPath: consolidated))

        let sheet = try CLI.run(["appraisal", "sheet", "--framework", Self.framework, consolidated, "-o", path("tham-dinh.xlsx")])
        #expect(sheet.status == 0, "\(sheet.stderr)")
        #expect(sheet.stdout.contains("67 tiêu chí để thẩm định"))

        let results = try CLI.run(["results", "--framework", Self.framework, consolidated, "--appraisal", Self.filled,
                                   "--rank", "8/8", "-o", path("ket-qua.xlsx"), "--json", path("ket-qua.json")])
        #expect(results.status == 0, "\(results.stderr)")
        #expect(results.stdout.contains("hạ điểm 4 tiêu chí, nâng điểm 1 tiêu chí"))
        let data = try Data(contentsOf: URL(fileURLWithPath: path("ket-qua.json")))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let total = try #require(object["total"] as? [String: Any])
        #expect(total["appraised"] as? Int == 67)
        let final = try #require(total["final"] as? [String: Any])
        #expect((final["index"] as? Double).map { $0 > 0 && $0 <= 100 } == true)
        #expect((final["band"] as? [String: Any])?["label"] is String)
        #expect((object["units"] as? [[String: Any]])?.count == 7)
        let reader = try XLSXReader(path: path("ket-qua.xlsx"))
        #expect(reader.sheets.map(\.name).contains("Biểu đồ"))

        let plan = try CLI.run(["remediation", "--framework", Self.framework, path("ket-qua.json"), "-o", path("khac-phuc-2024.xlsx")])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("xếp thứ 8/8"), "the rank comes from the results JSON")

        let next = try CLI.run(["framework", "next-year", Self.framework, "--results", path("ket-qua.json"), "-o", path("2024.yaml")])
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stdout.contains("năm 2024"))
        let yaml = try String(contentsOfFile: path("2024.yaml"), encoding: .utf8)
        #expect(yaml.contains("year: 2024") && yaml.contains("layout: plan"))

        let templates = try CLI.run(["template", "--framework", path("2024.yaml"), "--all", "--out-dir", path("mau-2024")])
        #expect(templates.status == 0, "\(templates.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: path("mau-2024")).count == 7)
    }

    /// Several files are peer units ranked together: each named after its unit, an
    /// unreadable one reported on its own line while the others are ranked; an appraisal
    /// cannot be applied to peers and is refused rather than ignored.
    @Test func peersAreRankedAndAnAppraisalIsRefusedForThem() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("hong.xlsx").path
        try Data("not a zip".utf8).write(to: URL(fileURLWithPath: bad))
        let a = CLI.root.appendingPathComponent("Examples/submissions/Phong Noi vu - tu cham 2023.xlsx").path
        let b = CLI.root.appendingPathComponent("Examples/submissions/Tu phap - bang tu cham diem 2023.xlsx").path
        let r = try CLI.run(["results", "--framework", Self.framework, a, bad, b, "--json", "-"])
        #expect(r.stderr == "parindex: \(bad): " + XLSXError.notAZip.message + "\n", "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let peers = try #require(object["peers"] as? [[String: Any]])
        #expect(peers.count == 2)
        #expect(Set(peers.compactMap { $0["name"] as? String }) == ["Phòng Nội vụ", "Phòng Tư pháp"], "\(peers)")
        let refused = try CLI.run(["results", "--framework", Self.framework, a, b, "--appraisal", Self.filled, "--json", "-"])
        #expect(refused.status == 64 && refused.stderr.contains("--appraisal"), "\(refused.stderr)")
    }

    @Test func unreadableInputsGetOneLine() throws {
        let dir = try CLI.tempDir()
        let bad = dir.appendingPathComponent("hong.xlsx").path
        try Data("not a zip".utf8).write(to: URL(fileURLWithPath: bad))
        let r = try CLI.run(["results", "--framework", Self.framework, bad, "--json", "-"])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("parindex: \(bad): ") && r.stderr.split(separator: "\n").count == 1)
        let a = try CLI.run(["remediation", "--framework", Self.framework, Self.filled, "--appraisal", bad,
                             "-o", dir.appendingPathComponent("k.xlsx").path])
        #expect(a.status == 2 && a.stderr.hasPrefix("parindex: \(bad): "))
        let rank = try CLI.run(["results", "--framework", Self.framework, Self.filled, "--rank", "9/8", "--json", "-"])
        #expect(rank.status != 0 && rank.stderr.contains("--rank"))
    }
}

/// The cycle on a campaign: the appraisal stored in the campaign store, then every cycle
/// command takes the campaign folder as its result (no --framework needed).
struct CycleCampaignTests {
    @Test func appraisalAddIntoACampaign() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let campaign = dir.appendingPathComponent("dot").path
        #expect(try CLI.run(["campaign", "new", campaign, "--framework", CycleCommandTests.framework]).status == 0)
        _ = try CLI.run(["campaign", "add", campaign, ValidateConsolidateCommandTests.submissions])

        let sheet = try CLI.run(["appraisal", "sheet", campaign, "-o", dir.appendingPathComponent("td.xlsx").path])
        #expect(sheet.status == 0, "\(sheet.stderr)")
        let add = try CLI.run(["appraisal", "add", campaign, CycleCommandTests.filled])
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout.contains("67 tiêu chí có điểm thẩm định"))

        let r = try CLI.run(["results", campaign, "--json", "-"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let total = try #require(object["total"] as? [String: Any])
        #expect(total["appraised"] as? Int == 67)
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.filter { $0["rule"] as? String == "appraisal.lowered" }.count == 4)

        let plan = try CLI.run(["remediation", campaign, "-o", dir.appendingPathComponent("kp.xlsx").path])
        #expect(plan.status == 0, "\(plan.stderr)")
        let next = try CLI.run(["framework", "next-year", CycleCommandTests.framework, "--results", campaign,
                                "-o", dir.appendingPathComponent("2024.yaml").path])
        #expect(next.status == 0 && next.stdout.contains("67 tiêu chí"), "\(next.stdout)\(next.stderr)")

        // A broken appraisal file is refused in one line and nothing is stored.
        let bad = dir.appendingPathComponent("hong.xlsx").path
        try Data("PK".utf8).write(to: URL(fileURLWithPath: bad))
        let refused = try CLI.run(["appraisal", "add", campaign, bad])
        #expect(refused.status == 2 && refused.stderr.hasPrefix("parindex: \(bad): "))
        // Without a campaign, --framework is required.
        let missing = try CLI.run(["results", CycleCommandTests.filled, "--json", "-"])
        #expect(missing.status != 0 && missing.stderr.contains("--framework"))
    }
}

/// `consolidate --appraisal FILE`: the appraised column in the PHỤ LỤC, final points in
/// `Tổng hợp điểm`, the appraisal's findings in `Kiểm tra`.
struct ConsolidateAppraisalTests {
    static func texts(_ path: String, sheet: String) throws -> [[Int: String]] {
        let reader = try XLSXReader(path: path)
        var out: [[Int: String]] = []
        _ = try reader.readRows(of: try reader.sheet(named: sheet)) { row in
            var cells: [Int: String] = [:]
            for cell in row.cells { cells[cell.reference.column] = cell.value.description }
            out.append(cells)
        }
        return out
    }

    @Test func appraisedColumnAndFindings() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("tong-hop.xlsx").path
        let r = try CLI.run(["consolidate", "--framework", CycleCommandTests.framework, ValidateConsolidateCommandTests.submissions,
                             "--appraisal", CycleCommandTests.filled, "-o", out])
        #expect(r.status == 1, "the examples hold one invalid return")
        let rows = try Self.texts(out, sheet: "Phụ lục")
        let header = try #require(rows.first { $0[1] == "STT" })
        #expect(header[4] == "Điểm tự đánh giá" && header[5] == "Điểm thẩm định")
        let r122 = try #require(rows.first { $0[1] == "1.2.2" })
        #expect(r122[4] == "0.5" && r122[5] == "0.25")
        let check = try Self.texts(out, sheet: "Kiểm tra").flatMap { $0.values }
        #expect(check.contains { $0.contains("điểm thẩm định 0,25 thấp hơn điểm tự đánh giá 0,5") })
        let broken = try CLI.run(["consolidate", "--framework", CycleCommandTests.framework, ValidateConsolidateCommandTests.submissions,
                                  "--appraisal", "/nonexistent/td.xlsx", "-o", out])
        #expect(broken.status == 2 && broken.stderr.hasPrefix("parindex: /nonexistent/td.xlsx: "))
    }
}
