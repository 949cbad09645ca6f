import Foundation

/// Runs the built `parindex` binary (it sits beside the test bundle) and captures its output.
struct CLIResult {
    let status: Int32
    let stdout: String
    let stderr: String
}

enum CLI {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static var binary: URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // The test runner may live inside an .xctest bundle: walk up to the products folder.
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("parindex")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("parindex")
    }

    /// The result cache folder the commands run by these tests use.
    static let cacheDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("parindex-cli-cache-\(UUID().uuidString)")

    static func run(_ arguments: [String], cwd: URL? = nil, environment extra: [String: String] = [:]) throws -> CLIResult {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = cwd ?? root
        // The result cache of validate/consolidate goes to a folder of this test process.
        var environment = ProcessInfo.processInfo.environment
        environment["PARINDEX_CACHE_DIR"] = cacheDirectory.path
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting so a large output cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        errData = err.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return CLIResult(status: process.terminationStatus,
                         stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
    }

    static func example(_ name: String) -> String {
        root.appendingPathComponent("Examples/appendices/\(name).xlsx").path
    }

    static func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parindex-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}
