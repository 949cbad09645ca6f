import CXlsxWriter

/// A ``CellStyle`` registered with one workbook (``XLSXWriter/format(_:)``): cells written
/// with it skip the per-cell style lookup, for sheets of many thousands of rows. Valid only
/// for the writer that made it, until that writer is closed.
public struct CellFormat {
    /// The style it stands for.
    public let style: CellStyle
    let handle: UnsafeMutablePointer<lxw_format>
    let writer: ObjectIdentifier
}
