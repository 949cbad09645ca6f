import Crypto
import Foundation

/// Received files kept by content hash under the data folder: the name is the SHA-256 of
/// the bytes and the extension comes from the sniffed content. No client-supplied name or
/// path ever reaches the file system.
public struct BlobStore: Sendable {
    public let directory: URL

    public init(directory: URL) throws {
        self.directory = directory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Hex SHA-256 of `bytes`.
    public static func hash(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// The path of a stored blob (`hash` is checked to be 64 hex digits).
    public func path(hash: String, kind: ContentKind) -> String? {
        guard hash.count == 64, hash.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) else { return nil }
        return directory.appendingPathComponent("\(hash).\(kind.storedExtension)").path
    }

    /// Stores `bytes` (once: identical content shares one file) and returns its hash. The
    /// write goes to a temporary file first and is renamed into place.
    @discardableResult
    public func put(_ bytes: [UInt8], kind: ContentKind) throws -> String {
        let hash = Self.hash(bytes)
        let target = path(hash: hash, kind: kind)!
        if FileManager.default.fileExists(atPath: target) { return hash }
        let temp = directory.appendingPathComponent(".tmp-\(UUID().uuidString)")
        try Data(bytes).write(to: temp)
        if rename(temp.path, target) != 0 {
            try? FileManager.default.removeItem(at: temp)
            throw ServeError("không ghi được tệp vào thư mục dữ liệu \(directory.path)")
        }
        return hash
    }
}
