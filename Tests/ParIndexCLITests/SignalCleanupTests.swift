import Foundation
import Testing
import XLSX

/// Ctrl-C / SIGTERM during a long run: no half-written output, no stray `.tmp-` file.
@Suite("Interrupted runs leave no temporary files", .serialized)
struct SignalCleanupTests {
    static let framework = CLI.root.appendingPathComponent("Examples/frameworks/tu-danh-gia-huyen-2023.yaml").path

    /// A folder with `count` links to one example submission: slow enough to interrupt.
    static func bigInbox(in dir: URL, count: Int) throws -> URL {
        let inbox = dir.appendingPathComponent("bai-nop")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        let source = CLI.root.appendingPathComponent("Examples/submissions/Phong Noi vu - tu cham 2023.xlsx")
        let local = inbox.appendingPathComponent("mau.xlsx")
        try FileManager.default.copyItem(at: source, to: local)
        for i in 0..<count {
            try FileManager.default.linkItem(at: local, to: inbox.appendingPathComponent(String(format: "don-vi-%05d.xlsx", i)))
        }
        return inbox
    }

    static func temporaryFiles(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.contains(".tmp-") }
    }

    /// Starts consolidate and signals it: after `delay` seconds, or (`delay` nil) as soon
    /// as its temporary output file appears. Returns the outcome and whether a temporary
    /// file was seen before the signal.
    static func interruptedConsolidate(signal: Int32, output: URL, inbox: URL,
                                       delay: Double?) throws -> (BoundedCLI.Outcome, Bool) {
        nonisolated(unsafe) var sawTemporary = false
        // --no-cache: the inbox is one file linked many times, which the result cache would
        // answer after its first read, ending the run before the signal.
        let outcome = try BoundedCLI.run(["consolidate", "--no-cache", "--framework", framework, inbox.path, "-o", output.path],
                                         timeout: 180) { process in
            let folder = output.deletingLastPathComponent()
            let start = Date()
            while process.isRunning {
                if !temporaryFiles(in: folder).isEmpty { sawTemporary = true }
                if let delay, Date().timeIntervalSince(start) >= delay { break }
                if delay == nil, sawTemporary { break }
                usleep(500)
            }
            kill(process.processIdentifier, signal)
        }
        return (outcome, sawTemporary)
    }

    @Test func sigintWhileReadingLeavesNothing() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inbox = try Self.bigInbox(in: dir, count: 3000)   // still reading after 0.5 s on many cores
        let output = dir.appendingPathComponent("out/tong-hop.xlsx")
        try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)

        let (result, _) = try Self.interruptedConsolidate(signal: SIGINT, output: output, inbox: inbox, delay: 0.5)
        #expect(result.reason == .exit && result.status == 130,
                "ended with \(result.reason) \(result.status): \(result.stderr)")
        #expect(result.stderr.contains("đã dừng do Ctrl-C"), "\(result.stderr)")
        #expect(Self.temporaryFiles(in: output.deletingLastPathComponent()).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func sigintWhileWritingRemovesTheTemporaryFile() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Enough inputs for the Kiểm tra sheet to take a moment to assemble.
        let inbox = try Self.bigInbox(in: dir, count: 300)
        let output = dir.appendingPathComponent("out/tong-hop.xlsx")
        try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)

        let (result, sawTemporary) = try Self.interruptedConsolidate(signal: SIGINT, output: output, inbox: inbox, delay: nil)
        try #require(sawTemporary, "the temporary output never appeared: \(result.stdout) \(result.stderr)")
        #expect(result.reason == .exit && result.status == 130,
                "ended with \(result.reason) \(result.status): \(result.stderr)")
        #expect(result.stderr.contains("đã xóa 1 tệp tạm"), "\(result.stderr)")
        #expect(Self.temporaryFiles(in: output.deletingLastPathComponent()).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func sigtermKeepsAnExistingOutputUnchanged() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inbox = try Self.bigInbox(in: dir, count: 3000)   // still reading after 0.5 s on many cores
        let output = dir.appendingPathComponent("tong-hop.xlsx")
        let old = Data("bảng tổng hợp cũ".utf8)
        try old.write(to: output)

        let (result, _) = try Self.interruptedConsolidate(signal: SIGTERM, output: output, inbox: inbox, delay: 0.5)
        #expect(result.reason == .exit && result.status == 143,
                "ended with \(result.reason) \(result.status): \(result.stderr)")
        #expect(Self.temporaryFiles(in: dir).isEmpty)
        #expect(try Data(contentsOf: output) == old)
    }

    /// What the signal handler calls: the writer's temporary file is registered (and
    /// reserved on disk) from the start, and `removeAll` deletes it.
    @Test func writerRegistersItsTemporaryFile() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("a.xlsx").path

        // Not `TemporaryFiles.removeAll()` here: it would delete the temporary files of
        // writers other tests run at the same time in this process (the signal tests
        // above exercise it in a child process).
        var interrupted: XLSXWriter? = try XLSXWriter(path: path)
        _ = try interrupted!.addWorksheet(name: "S")
        let temporary = interrupted!.temporaryPath
        #expect(TemporaryFiles.current.contains(temporary))
        #expect(FileManager.default.fileExists(atPath: temporary))
        interrupted = nil
        #expect(!FileManager.default.fileExists(atPath: temporary))
        #expect(!TemporaryFiles.current.contains(temporary))

        let finished = try XLSXWriter(path: path)
        _ = try finished.addWorksheet(name: "S")
        try finished.close()
        #expect(!TemporaryFiles.current.contains(finished.temporaryPath))
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["a.xlsx"])
    }
}
