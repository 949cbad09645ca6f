import Foundation
import Testing
import XLSX

/// Runs `parindex` with a deadline: a hostile file must be refused quickly, never hang.
/// Also gives access to the running process (for the signal tests).
enum BoundedCLI {
    struct Outcome {
        let status: Int32
        let reason: Process.TerminationReason
        let stdout: String
        let stderr: String
        let seconds: Double
        let timedOut: Bool
    }

    /// Starts `parindex`; `whileRunning` gets the process once it runs (to signal it).
    static func run(_ arguments: [String], timeout: Double = 60,
                    whileRunning: ((Process) -> Void)? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.currentDirectoryURL = CLI.root
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let start = Date()
        try process.run()
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        whileRunning?(process)
        group.wait()
        process.waitUntilExit()
        watchdog.cancel()
        let seconds = Date().timeIntervalSince(start)
        return Outcome(status: process.terminationStatus, reason: process.terminationReason,
                       stdout: String(decoding: outData, as: UTF8.self),
                       stderr: String(decoding: errData, as: UTF8.self),
                       seconds: seconds, timedOut: seconds >= timeout)
    }
}

/// Every hostile or broken file is refused by the CLI with exit status 2, nothing on
/// stdout and exactly one line `parindex: <file>: <reason>` on stderr, in bounded time.
/// The fixtures come from `scripts/fixtures/make_hostile_fixtures.py`.
@Suite("Hostile files refused by the CLI")
struct HostileFileTests {
    /// (fixture under Tests/Fixtures, a fragment of the Vietnamese reason).
    static let cases: [(String, String)] = [
        ("hostile/not-a-zip.xlsx", "tệp văn bản CSV"),
        ("hostile/empty.xlsx", "không phải tệp Excel .xlsx"),
        ("hostile/truncated.xlsx", "tệp bị cắt cụt"),
        ("hostile/bad-crc.xlsx", "sai mã kiểm tra CRC ở phần xl/worksheets/sheet1.xml"),
        ("hostile/no-workbook.xlsx", "tệp thiếu phần xl/workbook.xml"),
        ("hostile/missing-sheet.xlsx", "tệp thiếu phần xl/worksheets/sheet1.xml"),
        ("hostile/malformed-xml.xlsx", "nội dung XML của phần xl/worksheets/sheet1.xml bị lỗi"),
        ("hostile/billion-laughs.xlsx", "phần xl/sharedStrings.xml chứa khai báo DTD"),
        ("hostile/external-entity.xlsx", "phần xl/worksheets/sheet1.xml chứa khai báo DTD"),
        ("hostile/shared-string-out-of-range.xlsx", "trỏ tới chuỗi dùng chung số 7 nhưng tệp chỉ có 2 chuỗi"),
        ("hostile/column-beyond-xfd.xlsx", "địa chỉ ô \"XFE1\""),
        ("hostile/row-beyond-limit.xlsx", "vượt quá giới hạn 1.048.576 dòng"),
        ("hostile/dotdot-entry.xlsx", "tên phần không an toàn hoặc trùng lặp: ../../evil.xml"),
        ("hostile/case-duplicate.xlsx", "tên phần không an toàn hoặc trùng lặp: XL/Workbook.xml"),
        ("hostile/zip-bomb.xlsx", "tỉ lệ nén vượt 200:1"),
        ("refusals/encrypted.xlsx", "tệp được đặt mật khẩu"),
        ("formats/encrypted.xls", "tệp được đặt mật khẩu"),
        ("formats/legacy.doc", "tệp Word định dạng cũ (.doc)"),
        ("legacy/freexl-dimension-stale.xls", "tệp Excel .xls bị hỏng (bản ghi DIMENSION của trang tính quá ngắn (0 byte))"),
        ("legacy/freexl-sst-skip.xls", "tệp Excel .xls bị hỏng (vị trí chuỗi trong bảng SST nằm ngoài bản ghi)"),
    ]

    static func path(_ fixture: String) -> String { "Tests/Fixtures/\(fixture)" }

    /// Exactly one stderr line naming the file, with the reason fragment.
    static func expectOneRefusalLine(_ stderr: String, file: String, fragment: String,
                                     sourceLocation: SourceLocation = #_sourceLocation) {
        let lines = stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 2 && lines[1].isEmpty, "not exactly one line: \(stderr)", sourceLocation: sourceLocation)
        #expect(lines[0].hasPrefix("parindex: \(file): "), "\(lines[0])", sourceLocation: sourceLocation)
        #expect(lines[0].contains(fragment), "\(lines[0]) lacks \(fragment)", sourceLocation: sourceLocation)
    }

    @Test("every fixture exists and is small", arguments: cases.map(\.0))
    func fixtureIsSmall(_ fixture: String) throws {
        let size = try FileManager.default.attributesOfItem(atPath: CLI.root.appendingPathComponent(Self.path(fixture)).path)[.size] as? Int
        #expect(try #require(size) < 100_000)
    }

    @Test("inspect --table refuses", arguments: cases)
    func inspectTable(_ fixture: String, _ fragment: String) throws {
        let file = Self.path(fixture)
        let result = try BoundedCLI.run(["inspect", "--table", file], timeout: 30)
        #expect(!result.timedOut)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty, "\(result.stdout)")
        Self.expectOneRefusalLine(result.stderr, file: file, fragment: fragment)
        #expect(result.seconds < 10, "took \(result.seconds) s")
    }

    @Test("framework import refuses and writes nothing", arguments: cases)
    func frameworkImport(_ fixture: String, _ fragment: String) throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = Self.path(fixture)
        let output = dir.appendingPathComponent("framework.yaml").path
        let result = try BoundedCLI.run(["framework", "import", file, "-o", output], timeout: 30)
        #expect(!result.timedOut)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty, "\(result.stdout)")
        Self.expectOneRefusalLine(result.stderr, file: file, fragment: fragment)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test("plain inspect ends with exit 2 and one refusal line")
    func plainInspect() throws {
        for (fixture, fragment) in Self.cases {
            let file = Self.path(fixture)
            let result = try BoundedCLI.run(["inspect", file], timeout: 30)
            #expect(result.status == 2, "\(fixture)")
            // Rows read before a late error may already be on stdout; stderr has one line.
            Self.expectOneRefusalLine(result.stderr, file: file, fragment: fragment)
        }
    }

    // MARK: - A folder mixing good submissions and hostile files

    static let good = ["Phong Noi vu - tu cham 2023.xlsx", "VP_HDND_UBND.xlsx", "mau-TCKH.xlsx"]
    static let bad = ["not-a-zip.xlsx", "truncated.xlsx", "billion-laughs.xlsx", "zip-bomb.xlsx", "case-duplicate.xlsx"]
    static let framework = CLI.root.appendingPathComponent("Examples/frameworks/tu-danh-gia-huyen-2023.yaml").path

    static func mixedFolder() throws -> URL {
        let dir = try CLI.tempDir()
        let inbox = dir.appendingPathComponent("bai-nop")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        for name in good {
            try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("Examples/submissions/\(name)"),
                                             to: inbox.appendingPathComponent(name))
        }
        for name in bad {
            try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("Tests/Fixtures/hostile/\(name)"),
                                             to: inbox.appendingPathComponent(name))
        }
        return dir
    }

    @Test func validateGoesPastUnreadableFiles() throws {
        let dir = try Self.mixedFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inbox = dir.appendingPathComponent("bai-nop").path
        let result = try BoundedCLI.run(["validate", "--framework", Self.framework, inbox], timeout: 60)
        #expect(result.status == 2, "\(result.stderr)")
        for name in Self.good {
            #expect(result.stdout.contains("\(inbox)/\(name): hợp lệ"), "\(name) not validated: \(result.stdout)")
        }
        let lines = result.stderr.split(separator: "\n").map(String.init)
        for name in Self.bad {
            #expect(lines.filter { $0.hasPrefix("parindex: \(inbox)/\(name): ") }.count == 1, "\(name) not listed once")
        }
        #expect(lines.count == Self.bad.count, "\(result.stderr)")
        #expect(result.stdout.contains("\(Self.good.count) hợp lệ"))
        #expect(result.stdout.contains("\(Self.bad.count) không đọc được"))
    }

    @Test func consolidateGoesPastUnreadableFilesAndStillWrites() throws {
        let dir = try Self.mixedFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inbox = dir.appendingPathComponent("bai-nop").path
        let output = dir.appendingPathComponent("out/tong-hop.xlsx").path
        let result = try BoundedCLI.run(["consolidate", "--framework", Self.framework, inbox, "-o", output], timeout: 60)
        #expect(result.status == 1, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        for name in Self.bad {
            #expect(lines.filter { $0.hasPrefix("parindex: \(inbox)/\(name): ") }.count == 1, "\(name) not listed once")
        }
        #expect(result.stdout.contains("Đã ghi \(output)"))
        // The workbook is complete and lists the unreadable files on its check sheet.
        let reader = try XLSXReader(path: output)
        var text = ""
        for sheet in reader.sheets {
            try reader.readRows(of: sheet) { row in for cell in row.cells { text += cell.value.description + "\n" } }
        }
        for name in Self.bad { #expect(text.contains(name), "\(name) missing from the workbook") }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out").path)
        #expect(leftovers == ["tong-hop.xlsx"])
    }
}
