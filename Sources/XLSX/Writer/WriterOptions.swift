/// How a workbook is written.
public struct WriterOptions: Hashable, Sendable {
    /// Stream rows to disk as they are written instead of keeping the sheets in memory
    /// (libxlsxwriter's `constant_memory`). Memory stays flat for any size, but:
    /// - rows must be written in ascending order: once a later row has been written, an
    ///   earlier one cannot be (the writer throws);
    /// - strings are written inline instead of as shared strings;
    /// - ranges can only be merged on the row being written;
    /// - tables are not available.
    /// Default off.
    public var constantMemory: Bool
    /// Use ZIP64 extensions, needed only for packages above 4 GB. Default off, because
    /// some readers reject ZIP64 packages.
    public var useZip64: Bool

    public init(constantMemory: Bool = false, useZip64: Bool = false) {
        self.constantMemory = constantMemory
        self.useZip64 = useZip64
    }
}
