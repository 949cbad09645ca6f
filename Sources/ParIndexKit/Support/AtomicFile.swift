import Foundation
import XLSX

/// Writes whole files atomically: a temporary file in the destination's folder, then a
/// rename, so readers never see a half-written file and a failure leaves the old one.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(UInt32.random(in: 0...UInt32.max))")
        TemporaryFiles.register(tmp.path) // removed by the CLI's signal handler on Ctrl-C
        defer { TemporaryFiles.unregister(tmp.path) }
        do {
            try data.write(to: tmp, options: [])
            if rename(tmp.path, url.path) != 0 {
                throw CocoaError(.fileWriteUnknown)
            }
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw FrameworkFileError(path: path, reason: "không ghi được tệp \(path)")
        }
    }
}
