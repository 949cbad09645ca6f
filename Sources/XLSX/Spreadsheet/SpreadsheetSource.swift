/// Where a workbook comes from: a file on disk, or bytes already in memory (an HTTP
/// upload) with the name to show for them. Bytes are never written to a path the sender
/// chose.
public enum SpreadsheetSource: Sendable {
    /// A file path, as given by the user.
    case file(path: String)
    /// In-memory bytes and a display name used only in messages.
    case bytes([UInt8], name: String)

    /// The path, or the display name of in-memory bytes.
    public var displayName: String {
        switch self {
        case .file(let path): return path
        case .bytes(_, let name): return name
        }
    }
}
