import Foundation
import Testing
import XLSX

/// `parindex template`: one unit by code or name, every lead unit with `--all`, and the
/// one-line refusal of an unknown unit.
@Suite struct TemplateCommandTests {
    static func framework(_ name: String) -> String {
        CLI.root.appendingPathComponent("Examples/frameworks/\(name).yaml").path
    }

    /// The identity rows of a written template (`_parindex` sheet, columns A/B).
    static func identity(_ path: String) throws -> [String: String] {
        let reader = try XLSXReader(path: path)
        let sheet = try reader.sheet(named: "_parindex")
        var values: [String: String] = [:]
        try reader.readRows(of: sheet) { row in
            if row.cells.count >= 2 { values[row.cells[0].value.description] = row.cells[1].value.description }
        }
        return values
    }

    @Test func unitByCode() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("mau.xlsx").path
        let result = try CLI.run(["template", "--framework", Self.framework("000-van-phong-ubnd-dak-nong-2020"),
                                  "--unit", "NCKSTTHC", "-o", out])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Đã ghi \(out): NCKSTTHC"))
        #expect(try Self.identity(out)["unitCode"] == "NCKSTTHC")
        #expect(try Self.identity(out)["layout"] == "plan")
    }

    @Test func unitByNameWithAnAppendixWorkbookAndALayout() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("pnv.xlsx").path
        let result = try CLI.run(["template", "--framework", CLI.example("002-ubnd-ninh-son-766-2022"),
                                  "--unit", "phòng nội vụ", "--layout", "assignment", "-o", out,
                                  "--password", "bimat"])
        #expect(result.status == 0, "\(result.stderr)")
        let identity = try Self.identity(out)
        #expect(identity["unitCode"] == "PNV")
        #expect(identity["unitName"] == "Phòng Nội vụ")
        #expect(identity["layout"] == "assignment")
        #expect(identity["year"] == "2022")
    }

    @Test func allWritesOneSafeFilePerLeadUnit() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outDir = dir.appendingPathComponent("mau").path   // created by the command
        let result = try CLI.run(["template", "--framework", Self.framework("004-khac-phuc-2023"),
                                  "--all", "--out-dir", outDir])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: outDir).sorted()
        let expected = ["CNVPDKDD", "PNV", "PTCKH", "PTNMT", "PVHTT", "TCKH", "TP", "TTVHTTTT", "UBNDCXTT",
                        "VHTT", "VPHDNDUBND", "VPHDNDUBNDH"].map { "mau-\($0).xlsx" }
        #expect(files == expected)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == files.count)
        for file in files {
            #expect(file.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) })
            #expect(lines.contains { $0.contains(file) })
            let code = String(file.dropFirst(4).dropLast(5))
            #expect(try Self.identity("\(outDir)/\(file)")["unitCode"] == code)
        }
    }

    @Test func allSkipsUnitsThatLeadNothingAndFoldsAccents() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CLI.run(["template", "--framework", Self.framework("000-van-phong-ubnd-dak-nong-2020"),
                                  "--all", "--out-dir", dir.path])
        #expect(result.status == 0, "\(result.stderr)")
        // TTHCC only co-operates; CTTĐT's file name has no Đ.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
                == ["mau-CTTDT.xlsx", "mau-NCKSTTHC.xlsx"])
    }

    @Test func unknownUnitIsOneLineAndExitTwo() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("x.xlsx").path
        let result = try CLI.run(["template", "--framework", Self.framework("000-van-phong-ubnd-dak-nong-2020"),
                                  "--unit", "Phòng Ma", "-o", out])
        #expect(result.status == 2)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: true)
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("parindex: Phòng Ma: ") == true)
        #expect(result.stderr.contains("NCKSTTHC, CTTDT, TTHCC"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func unitThatLeadsNothingIsRefused() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("x.xlsx").path
        let result = try CLI.run(["template", "--framework", Self.framework("000-van-phong-ubnd-dak-nong-2020"),
                                  "--unit", "TTHCC", "-o", out])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("parindex: TTHCC: "))
        #expect(result.stderr.contains("không chủ trì"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func missingFrameworkIsUnreadableInput() throws {
        let result = try CLI.run(["template", "--framework", "/nonexistent/khung.yaml", "--unit", "X", "-o", "/tmp/x.xlsx"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("parindex: /nonexistent/khung.yaml: "))
    }

    /// A template that cannot be written names the output path (not the unit) in its one line.
    @Test func unwritableOutputNamesThePath() throws {
        let out = "/nonexistent-dir/mau.xlsx"
        let result = try CLI.run(["template", "--framework", Self.framework("000-van-phong-ubnd-dak-nong-2020"),
                                  "--unit", "NCKSTTHC", "-o", out])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("parindex: \(out): "), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stdout.isEmpty)
    }
}
