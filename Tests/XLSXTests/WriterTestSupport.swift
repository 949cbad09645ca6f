import Foundation
@testable import XLSX

/// A fresh empty folder under the system temporary directory, removed by `remove()`.
struct WriterScratchFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "parindex-writer-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    /// Names in the folder, including hidden ones (temporary files start with a dot).
    func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Runs `body` and returns the ``XLSXError/writeFailed(_:)`` reason it threw, or nil.
func writeFailure(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch let XLSXError.writeFailed(reason) {
        return reason
    } catch {
        return "unexpected error: \(error)"
    }
}
