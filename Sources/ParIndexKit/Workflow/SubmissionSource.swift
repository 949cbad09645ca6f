import Foundation

/// Where a submission's bytes come from: a file the user named, or bytes received by a
/// front end (an HTTP upload) with the name to show for them. The display name of a
/// `.bytes` source never becomes a path: the bytes are read through a private temporary
/// file whose name the tool chooses.
public enum SubmissionSource: Sendable, Hashable {
    /// A file on disk. `fromFolder` is true when it was found inside a folder argument
    /// (non-workbook files met there are reported as skipped rather than read).
    case file(path: String, fromFolder: Bool = false)
    /// Bytes with the name to show in findings and reports (never used as a path).
    case bytes(Data, name: String)

    /// The name findings, reports and the store show for this source.
    public var displayName: String {
        switch self {
        case .file(let path, _): return path
        case .bytes(_, let name): return name
        }
    }

    /// The file name without folders (`bao-cao.xlsx`), as the store records it.
    public var originalName: String {
        (displayName as NSString).lastPathComponent
    }

    /// The source's bytes (reads the file for `.file`).
    public func data() throws -> Data {
        switch self {
        case .file(let path, _): return try Data(contentsOf: URL(fileURLWithPath: path))
        case .bytes(let data, _): return data
        }
    }

    /// Calls `body` with a path holding the source's bytes: the file itself, or a private
    /// temporary file (mode 0600, removed afterwards) for `.bytes`.
    public func withPath<T>(_ body: (String) throws -> T) throws -> T {
        switch self {
        case .file(let path, _):
            return try body(path)
        case .bytes(let data, _):
            let path = try PrivateTemporaryFile.write(data)
            defer { unlink(path) }
            return try body(path)
        }
    }

    /// Expands command-line paths: files as they are, folders recursively (sorted by path).
    /// Every file found is kept — non-`.xlsx` ones too, so they are reported, not ignored.
    public static func expand(_ paths: [String]) -> [SubmissionSource] {
        SubmissionBatch.expand(paths).map { .file(path: $0.path, fromFolder: $0.fromFolder) }
    }

    /// Why this source is not read as a submission (a note or Excel lock file met in a
    /// folder), or nil when it should be read. Named files and bytes are always read.
    var skipReason: String? {
        guard case .file(let path, true) = self else { return nil }
        return SubmissionBatch.skipReason(path)
    }
}

/// Temporary files with tool-chosen names in `$TMPDIR` (or `/tmp`).
enum PrivateTemporaryFile {
    /// Writes `data` to a new file `parindex-upload-XXXXXX` (mode 0600); returns its path.
    static func write(_ data: Data) throws -> String {
        let dir = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(dir)/parindex-upload-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
        defer { close(fd) }
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        let ok = data.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
        guard ok else { unlink(path); throw CocoaError(.fileWriteOutOfSpace) }
        return path
    }
}
