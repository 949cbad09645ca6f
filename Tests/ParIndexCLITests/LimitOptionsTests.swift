import Foundation
import Testing
import XLSX

/// The per-file read limits as flags (`--max-cells`, `--max-part-mib`…): a file over a
/// limit is refused with its reason, the others go on.
@Suite("Read limits as flags")
struct LimitOptionsTests {
    static let framework = CLI.root.appendingPathComponent("Examples/frameworks/tu-danh-gia-huyen-2023.yaml").path
    /// Largest sheet: 42 cells.
    static let small = "Examples/submissions/Bao cao tu cham diem CCHC 2023 (1).xlsx"
    /// Largest sheet: 159 cells.
    static let big = "Examples/submissions/Phong Noi vu - tu cham 2023.xlsx"

    @Test func smallMaxCellsRefusesTheBigFileOnly() throws {
        let result = try CLI.run(["validate", "--framework", Self.framework, "--max-cells", "100", Self.small, Self.big])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr == "parindex: \(Self.big): phần xl/worksheets/sheet1.xml vượt giới hạn cho phép "
            + "(quá 100 ô trong một trang tính); có thể là tệp nén độc hại (zip bomb)\n"
            || result.stderr.hasPrefix("parindex: \(Self.big): ") && result.stderr.contains("quá 100 ô trong một trang tính"),
            "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stdout.contains("\(Self.small): hợp lệ"), "\(result.stdout)")
        #expect(result.stdout.contains("1 hợp lệ") && result.stdout.contains("1 không đọc được"), "\(result.stdout)")
    }

    @Test func withoutTheFlagBothFilesPass() throws {
        let result = try CLI.run(["validate", "--framework", Self.framework, Self.small, Self.big])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.contains("2 hợp lệ"))
    }

    @Test func consolidateHonoursTheLimitAndWritesTheRest() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = dir.appendingPathComponent("tong-hop.xlsx").path
        let result = try CLI.run(["consolidate", "--framework", Self.framework, "--max-cells", "100",
                                  Self.small, Self.big, "-o", output])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("parindex: \(Self.big): ") && result.stderr.contains("quá 100 ô"), "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: output))
    }

    @Test func maxPartMiBReachesInspect() throws {
        // The zip bomb is then stopped by the part size (1 MiB) before the ratio check.
        let bomb = "Tests/Fixtures/hostile/zip-bomb.xlsx"
        let result = try CLI.run(["inspect", "--table", "--max-part-mib", "1", bomb])
        #expect(result.status == 2)
        #expect(result.stderr.contains("quá 1 MiB khi giải nén"), "\(result.stderr)")
    }

    @Test func maxCellsReachesFrameworkImport() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = dir.appendingPathComponent("f.yaml").path
        let result = try CLI.run(["framework", "import", CLI.example("002-ubnd-ninh-son-766-2022"),
                                  "--max-cells", "10", "-o", output])
        #expect(result.status == 2)
        #expect(result.stderr.contains("quá 10 ô trong một trang tính"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func maxStringKiBAndSharedStrings() throws {
        // 003 has a sharedStrings part with more than 10 strings.
        let strings = try CLI.run(["inspect", "--table", "--max-shared-strings", "10", CLI.example("003-so-khcn-dak-nong-2023")])
        #expect(strings.status == 2)
        #expect(strings.stderr.contains("quá 10 chuỗi dùng chung"), "\(strings.stderr)")
        let normal = try CLI.run(["inspect", "--table", "--max-string-kib", "64", CLI.example("003-so-khcn-dak-nong-2023")])
        #expect(normal.status == 0, "\(normal.stderr)")
    }

    @Test(arguments: ["validate", "consolidate", "inspect"])
    func helpDocumentsTheDefaultsInVietnamese(_ command: String) throws {
        let full = try CLI.run([command, "--help"]).stdout
        // The option group, with the help's line wrapping undone.
        let section = try #require(full.range(of: "GIỚI HẠN KHI ĐỌC TỆP:").map { String(full[$0.upperBound...]) })
        let help = String(section[..<(section.range(of: "OPTIONS:")?.lowerBound ?? section.endIndex)])
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for flag in ["--max-part-mib", "--max-total-mib", "--max-ratio", "--max-cells", "--max-shared-strings", "--max-string-kib"] {
            #expect(help.contains(flag), "\(command) --help lacks \(flag)")
        }
        for text in ["mặc định 512", "mặc định 1024", "mặc định 200", "mặc định 50.000.000", "mặc định 5.000.000"] {
            #expect(help.contains(text), "\(command) --help lacks \(text)")
        }
        #expect(!help.contains("(default:"), "English default shown")
    }

    @Test func nonPositiveLimitIsAUsageError() throws {
        let result = try CLI.run(["inspect", "--max-cells", "0", Self.small])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--max-cells phải là số nguyên dương"), "\(result.stderr)")
    }

    /// `--max-file-mib` bounds the bytes a campaign reads whole to hash and store: a larger
    /// file is refused by its size (before it is read) with the reason on its own line, the
    /// others are stored.
    @Test func maxFileMiBRefusesALargerFileInCampaignAdd() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let campaign = dir.appendingPathComponent("c.parindex").path
        #expect(try CLI.run(["campaign", "new", campaign, "--framework", Self.framework]).status == 0)
        // A workbook padded past 1 MiB with an unread zip entry is still a valid return.
        let padded = dir.appendingPathComponent("lon.xlsx")
        try FileManager.default.copyItem(atPath: CLI.root.appendingPathComponent(Self.small).path, toPath: padded.path)
        let pad = dir.appendingPathComponent("pad.bin")
        try Data((0..<(1_200_000)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }).write(to: pad)
        let zip = Process()
        zip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        zip.arguments = ["python3", "-c", "import sys,zipfile; zipfile.ZipFile(sys.argv[1],'a',zipfile.ZIP_STORED).write(sys.argv[2],'customXml/pad.bin')", padded.path, pad.path]
        try zip.run(); zip.waitUntilExit()
        #expect(zip.terminationStatus == 0)
        #expect(try FileManager.default.attributesOfItem(atPath: padded.path)[.size] as! Int > 1 << 20)

        let limited = try CLI.run(["campaign", "add", campaign, "--max-file-mib", "1", padded.path,
                                   CLI.root.appendingPathComponent(Self.big).path])
        #expect(limited.status == 2, "\(limited.stdout)\(limited.stderr)")
        #expect(limited.stderr.contains("\(padded.path): tệp lớn quá giới hạn cho phép (1 MiB)"), "\(limited.stderr)")
        // Without the flag the same file is read and stored.
        let unlimited = try CLI.run(["campaign", "add", campaign, padded.path])
        #expect(unlimited.stderr.isEmpty, "\(unlimited.stderr)")
        #expect(unlimited.status != 2)
    }

    /// `--no-cache` neither reads nor writes anything in the cache folder (results or the
    /// parsed framework); without it both are kept there.
    @Test func noCacheLeavesTheCacheFolderUntouched() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = dir.appendingPathComponent("cache")
        let env = ["PARINDEX_CACHE_DIR": cache.path]
        let off = try CLI.run(["validate", "--no-cache", "--framework", Self.framework, Self.small], environment: env)
        #expect(off.status == 0, "\(off.stderr)")
        let left = FileManager.default.enumerator(atPath: cache.path)?.allObjects ?? []
        #expect(left.isEmpty, "\(left)")
        let on = try CLI.run(["validate", "--framework", Self.framework, Self.small], environment: env)
        #expect(on.status == 0 && on.stdout == off.stdout)
        let kept = (FileManager.default.enumerator(atPath: cache.path)?.allObjects as? [String]) ?? []
        #expect(kept.contains { $0.hasPrefix("frameworks/") } && kept.contains { $0.hasSuffix(".pxs") }, "\(kept)")
    }
}
