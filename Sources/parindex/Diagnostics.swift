import Foundation
import XLSX

/// Writes to standard error and standard output without Foundation's print buffering
/// surprises, and reports unreadable inputs in the one-line form the README documents.
enum Console {
    /// `parindex: <file>: <reason>` on stderr.
    static func reportUnreadable(_ file: String, _ error: any Error) {
        let reason = (error as? XLSXError)?.message ?? String(describing: error)
        writeError("parindex: \(file): \(reason)\n")
    }

    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// Buffered writer for standard output: large inspections print millions of cells.
final class OutputBuffer {
    private var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(1 << 16) }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(1, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { break }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}
