/// Reads an OpenDocument spreadsheet (`.ods`): `content.xml` streamed through expat from
/// the zip, with the same limits, DTD refusal and zip-bomb checks as `.xlsx`.
///
/// Opening makes one pass over `content.xml` for the sheets, their visibility, the cell
/// styles' fonts and the date system; ``readRows(of:_:)`` streams one table per pass.
/// Formula text is kept in OpenFormula syntax (`SUM([.C8:.C13])`) with its cached value.
/// Not thread-safe: use one reader per thread.
public final class ODSReader: SpreadsheetReader {
    public let displayName: String
    public var format: SpreadsheetFormat { .ods }
    public let sheets: [SheetInfo]
    public let uses1904DateSystem: Bool

    static let contentPart = "content.xml"
    private let archive: ZipArchive
    private let limits: ReadLimits
    private let fonts: [String: String]

    /// Opens a `.ods` file or in-memory bytes. Throws ``XLSXError``.
    public convenience init(source: SpreadsheetSource, limits: ReadLimits = .default) throws {
        try self.init(archive: ZipArchive(source: source, limits: limits), limits: limits)
    }

    init(archive: ZipArchive, limits: ReadLimits) throws {
        self.archive = archive
        self.limits = limits
        displayName = archive.path
        guard let stream = try archive.open(Self.contentPart) else { throw XLSXError.missingPart(Self.contentPart) }
        let outline = ODSOutline()
        try XMLStreamParser(part: Self.contentPart, handler: outline).parse(stream)
        sheets = outline.sheets.enumerated().map { i, sheet in
            let hidden = sheet.styleName.map { outline.hiddenTableStyles.contains($0) } ?? false
            return SheetInfo(name: sheet.name, state: hidden ? .hidden : .visible, index: i, partName: Self.contentPart)
        }
        uses1904DateSystem = outline.date1904
        fonts = outline.fontOfCellStyle
    }

    @discardableResult
    public func readRows(of sheet: SheetInfo, _ body: (Row) throws -> Void) throws -> SheetSummary {
        guard sheet.index >= 0, sheet.index < sheets.count else { throw XLSXError.sheetNotFound(sheet.name) }
        guard let stream = try archive.open(Self.contentPart) else { throw XLSXError.missingPart(Self.contentPart) }
        let streamer = ODSSheetStreamer(part: Self.contentPart, limits: limits, table: sheet.index,
                                        date1904: uses1904DateSystem, fonts: fonts)
        let parser = try XMLStreamParser(part: Self.contentPart, handler: streamer)
        try parser.parse(stream) { try streamer.drain(body) }
        try streamer.drain(body)
        return SheetSummary(dimension: nil, mergedRanges: streamer.mergedRanges,
                            rowCount: streamer.rowCount, cellCount: streamer.cellCount)
    }
}
