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

    /// Writes a string's bytes, with `\r` and `\n` shown as the two characters `\r` / `\n`.
    func writeOneLine(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for i in bytes.indices where bytes[i] == 0x0A || bytes[i] == 0x0D {
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                buffer.append(0x5C)
                buffer.append(bytes[i] == 0x0A ? UInt8(ascii: "n") : UInt8(ascii: "r"))
                start = i + 1
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Writes a string as a quoted JSON string (``JSONText/quote(_:)``), escaping in bulk.
    func writeJSONString(_ text: String) {
        JSONText.appendQuoted(text, to: &buffer)
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
