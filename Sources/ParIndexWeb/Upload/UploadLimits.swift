import XLSX

/// Bounds on what one request may send. Files over `maxFileBytes` are drained and refused
/// with a reason (not kept in memory); a request over `maxRequestBytes` or with more than
/// `maxFiles` files is refused as a whole. Workbooks are then read with the same
/// ``ReadLimits`` as the command line.
public struct UploadLimits: Sendable {
    /// Largest accepted file (20 MiB by default).
    public var maxFileBytes: Int
    /// Most files in one request (20 by default).
    public var maxFiles: Int
    /// Limits applied when reading each workbook (zip bombs, cells, strings…).
    public var readLimits: ReadLimits

    public init(maxFileBytes: Int = 20 << 20, maxFiles: Int = 20, readLimits: ReadLimits = .default) {
        self.maxFileBytes = maxFileBytes; self.maxFiles = maxFiles; self.readLimits = readLimits
    }

    /// Most bytes read from one request body: room for every file at its limit plus a few
    /// oversized ones drained to say they are too large.
    public var maxRequestBytes: Int { maxFileBytes * (maxFiles + 3) + (1 << 20) }

    /// Largest text field (CSRF token, dates, small forms).
    static let maxFieldBytes = 64 << 10
}
