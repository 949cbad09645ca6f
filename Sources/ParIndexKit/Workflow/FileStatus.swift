/// How one input file fared. Raw values appear in JSON reports and in the campaign store.
public enum FileStatus: String, Codable, CaseIterable, Hashable, Sendable {
    /// Readable, no error-level finding.
    case valid
    /// Readable, with at least one error-level finding.
    case invalid
    /// Could not be read (corrupt, encrypted, legacy .xls, no table…).
    case unreadable
    /// Met in a folder and not a workbook (a note, Excel's `~$` lock file): reported, not read.
    case skipped

    /// Vietnamese label for reports.
    public var label: String {
        switch self {
        case .valid: "hợp lệ"
        case .invalid: "CÓ LỖI"
        case .unreadable: "không đọc được"
        case .skipped: "bỏ qua"
        }
    }
}
