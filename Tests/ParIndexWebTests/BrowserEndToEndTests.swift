import Foundation
import Testing

/// Runs `Tests/Browser/e2e.py`: Debian chromium driven by Python selenium against a real
/// `parindex serve` on a free loopback port. Skipped, with the reason, only where chromium,
/// chromedriver or selenium are missing (CI installs them: `.ci/run`).
enum BrowserTools {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    static let python = which("python3")

    static let missing: String? = {
        if which("chromium") == nil && which("chromium-browser") == nil { return "chromium" }
        if which("chromedriver") == nil { return "chromium-driver (chromedriver)" }
        guard let python else { return "python3" }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = ["-c", "import selenium, openpyxl"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return "python3" }
        p.waitUntilExit()
        return p.terminationStatus == 0 ? nil : "python selenium/openpyxl (pip install selenium openpyxl)"
    }()

    static var available: Bool { missing == nil }
    static var skipMessage: Comment { "Bỏ qua kiểm thử trên trình duyệt thật: thiếu \(missing ?? "")" }

    /// The `parindex` binary built beside the tests.
    static var binary: URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("parindex")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("parindex")
    }
}

@Suite("Browser end to end (chromium + selenium)", .serialized)
struct BrowserEndToEndTests {
    @Test("A clerk creates a campaign, uploads returns, a unit uploads by its link, the PHỤ LỤC downloads",
          .enabled(if: BrowserTools.available, BrowserTools.skipMessage), .timeLimit(.minutes(10)))
    func clerkJourney() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BrowserTools.python!)
        var arguments = [BrowserTools.root.appendingPathComponent("Tests/Browser/e2e.py").path,
                         "--binary", BrowserTools.binary.path, "--root", BrowserTools.root.path]
        // PARINDEX_SCREENSHOTS=docs refreshes the README's pictures.
        if let dir = ProcessInfo.processInfo.environment["PARINDEX_SCREENSHOTS"] { arguments += ["--screenshots", dir] }
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        print(text)
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("E2E PASSED"))
    }

    @Test("serve refuses a non-loopback address without a password (exit 2, one line)")
    func refusal() throws {
        let process = Process()
        process.executableURL = BrowserTools.binary
        process.arguments = ["serve", "--host", "0.0.0.0", "--port", "0",
                             "--data", FileManager.default.temporaryDirectory.appendingPathComponent("pi-\(UUID())").path]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 2)
        #expect(text.hasPrefix("parindex: serve: từ chối mở trên địa chỉ 0.0.0.0"))
        #expect(text.contains("--admin-password-file"))
    }
}
