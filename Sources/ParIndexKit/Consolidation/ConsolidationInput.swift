/// One input file of a consolidation, after reading and validation.
public enum ConsolidationInput: Sendable {
    /// A readable submission and its validation findings.
    case submission(Submission, findings: [Finding])
    /// A file that could not be read (corrupt, encrypted, legacy .xls, no table…).
    case unreadable(file: String, reason: String)
    /// A file met in a folder that is not a workbook (a note, Excel's `~$` lock file):
    /// reported, not read, and not an error.
    case skipped(file: String, reason: String)

    public var file: String {
        switch self {
        case .submission(let s, _): return s.file
        case .unreadable(let file, _), .skipped(let file, _): return file
        }
    }

    /// Readable, with no error-level finding.
    public var isValid: Bool {
        if case .submission(_, let findings) = self { return !findings.contains { $0.severity == .error } }
        return false
    }
}

/// Where a value came from: a file, a sheet, a row.
public struct SourceRef: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var sheet: String
    public var row: Int

    public var description: String { "\(file) — \(sheet), dòng \(row)" }
}
