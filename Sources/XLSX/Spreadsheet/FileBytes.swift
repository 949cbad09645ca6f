import Foundation

/// Reads a whole file into memory within ``ReadLimits/maxFileBytes``: the size is checked
/// before a byte is read, and the read stops one byte past the limit should the file grow
/// meanwhile. Used where a file must be held whole (hashing for the store or the result
/// cache, a legacy `.xls`); workbooks opened by path are otherwise read part by part.
public enum FileBytes {
    /// The file's bytes. Throws ``XLSXError/cannotOpen(_:)`` or ``XLSXError/fileTooLarge(limit:)``.
    public static func read(path: String, limits: ReadLimits) throws -> Data {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw XLSXError.cannotOpen(FileManager.default.fileExists(atPath: path) ? "không có quyền đọc" : "không tìm thấy tệp")
        }
        defer { try? handle.close() }
        let limit = max(0, limits.maxFileBytes)
        do {
            let size = try handle.seekToEnd()
            guard size <= UInt64(limit) else { throw XLSXError.fileTooLarge(limit: LimitText.bytes(limit)) }
            try handle.seek(toOffset: 0)
            let data = try handle.read(upToCount: limit + 1) ?? Data()
            guard data.count <= limit else { throw XLSXError.fileTooLarge(limit: LimitText.bytes(limit)) }
            return data
        } catch let error as XLSXError {
            throw error
        } catch {
            throw XLSXError.cannotOpen("lỗi đọc tệp: \(error.localizedDescription)")
        }
    }

    /// Throws ``XLSXError/fileTooLarge(limit:)`` when `count` bytes pass the limit (for bytes
    /// already received, such as an upload).
    public static func check(count: Int, limits: ReadLimits) throws {
        guard count <= limits.maxFileBytes else { throw XLSXError.fileTooLarge(limit: LimitText.bytes(limits.maxFileBytes)) }
    }
}
