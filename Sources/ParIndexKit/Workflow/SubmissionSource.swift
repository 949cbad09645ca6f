import Foundation
import XLSX

/// Where a submission's bytes come from: a file the user named, or bytes received by a
/// front end (an HTTP upload) with the name to show for them. The display name of a
/// `.bytes` source never becomes a path: the bytes are read in memory.
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

    /// The source's bytes (reads the file for `.file`), refused with
    /// ``XLSXError/fileTooLarge(limit:)`` beyond ``ReadLimits/maxFileBytes`` before a byte
    /// of a larger file is read.
    public func data(limits: ReadLimits = .default) throws -> Data {
        switch self {
        case .file(let path, _): return try FileBytes.read(path: path, limits: limits)
        case .bytes(let data, _):
            try FileBytes.check(count: data.count, limits: limits)
            return data
        }
    }

    /// The reader's view of the source: a path, or the bytes in memory (never written to
    /// disk under any name).
    public var spreadsheetSource: SpreadsheetSource {
        switch self {
        case .file(let path, _): return .file(path: path)
        case .bytes(let data, let name): return .bytes([UInt8](data), name: name)
        }
    }

    /// Expands command-line paths: files as they are, folders recursively (sorted by path).
    /// Every file found is kept — non-`.xlsx` ones too, so they are reported, not ignored.
    public static func expand(_ paths: [String]) -> [SubmissionSource] {
        SubmissionBatch.expand(paths).map { .file(path: $0.path, fromFolder: $0.fromFolder) }
    }

    /// Why this source is not read as a submission (a note or Excel lock file met in a
    /// folder), or nil when it should be read. Named files and bytes are always read.
    public var skipReason: String? {
        guard case .file(let path, true) = self else { return nil }
        return SubmissionBatch.skipReason(path)
    }
}
