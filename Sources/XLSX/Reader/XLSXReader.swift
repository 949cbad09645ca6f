/// A streaming reader for `.xlsx` workbooks, built on libzip and expat.
///
/// Opening reads the workbook, its relationships, shared strings and styles; sheets are
/// then streamed row by row with ``readRows(of:_:)``. Every hostile-input case (zip
/// bombs, DTDs, unsafe names, broken XML) ends in an ``XLSXError``, never a crash.
/// Not thread-safe: use one reader per thread.
public final class XLSXReader: SpreadsheetReader {
    /// The file's path as given, or an upload's display name.
    public let path: String
    public var displayName: String { path }
    public var format: SpreadsheetFormat { .xlsx }
    /// Sheets in workbook order with visible/hidden/veryHidden state.
    public let sheets: [SheetInfo]
    /// True when the workbook uses the Mac 1904 date system.
    public let uses1904DateSystem: Bool
    /// Defined names (name → formula text) from workbook.xml, e.g. print titles.
    /// Sheet-local names are keyed `Sheet!Name`.
    public let definedNames: [String: String]

    private let archive: ZipArchive
    private let limits: ReadLimits
    private let sharedStrings: [String]
    private let styles: CellStyles

    /// Opens the package, reads workbook.xml, rels, sharedStrings, styles. Throws XLSXError.
    public convenience init(path: String, limits: ReadLimits = .default) throws {
        try self.init(source: .file(path: path), limits: limits)
    }

    /// Opens a package from a file or from bytes in memory. Throws XLSXError.
    public convenience init(source: SpreadsheetSource, limits: ReadLimits = .default) throws {
        try self.init(archive: ZipArchive(source: source, limits: limits), limits: limits)
    }

    /// Reads an already opened package (the opener has looked at its entries).
    init(archive: ZipArchive, limits: ReadLimits) throws {
        self.path = archive.path
        self.limits = limits
        self.archive = archive

        // The workbook part: from the package's officeDocument relationship.
        let rootRels = try Relationships.read(for: "", in: archive)
        var workbookName = "xl/workbook.xml"
        if let rel = rootRels.first(where: { $0.isType("officeDocument") }), archive.contains(rel.partName) {
            workbookName = rel.partName
        }
        guard let workbookStream = try archive.open(workbookName) else { throw XLSXError.missingWorkbook }
        let workbook = try WorkbookPart.read(workbookStream, limits: limits)
        let rels = try Relationships.read(for: workbookName, in: archive)
        let folder = workbookName.split(separator: "/").dropLast().joined(separator: "/")
        func partName(type: String, fallback: String) -> String? {
            if let rel = rels.first(where: { $0.isType(type) }) { return rel.partName }
            let guess = folder.isEmpty ? fallback : "\(folder)/\(fallback)"
            return archive.contains(guess) ? guess : nil
        }

        var infos: [SheetInfo] = []
        for (index, entry) in workbook.sheets.enumerated() {
            let part = entry.relationshipID.flatMap { id in rels.first(where: { $0.id == id })?.partName }
                ?? "\(folder.isEmpty ? "" : folder + "/")worksheets/sheet\(index + 1).xml"
            infos.append(SheetInfo(name: entry.name, state: entry.state, index: index, partName: part))
        }
        sheets = infos
        uses1904DateSystem = workbook.date1904

        var names: [String: String] = [:]
        for item in workbook.definedNames where !item.name.isEmpty {
            if let local = item.localSheetIndex, local < infos.count {
                names["\(infos[local].name)!\(item.name)"] = item.formula
            } else {
                names[item.name] = item.formula
            }
        }
        definedNames = names

        if let name = partName(type: "sharedStrings", fallback: "sharedStrings.xml"),
           let stream = try archive.open(name) {
            sharedStrings = try SharedStrings.read(stream, limits: limits)
        } else {
            sharedStrings = []
        }
        if let name = partName(type: "styles", fallback: "styles.xml"), let stream = try archive.open(name) {
            styles = try Styles.read(stream, limits: limits)
        } else {
            styles = CellStyles()
        }
    }

    /// Streams the sheet row by row (only non-empty rows; cells sorted by column; row
    /// numbers true even if the file omits `r=` attributes), then returns the summary
    /// collected while streaming. Errors thrown by `body` stop reading and are rethrown.
    @discardableResult
    public func readRows(of sheet: SheetInfo, _ body: (Row) throws -> Void) throws -> SheetSummary {
        guard let stream = try archive.open(sheet.partName) else { throw XLSXError.missingPart(sheet.partName) }
        let streamer = SheetStreamer(part: sheet.partName, limits: limits, sharedStrings: sharedStrings,
                                     styles: styles, date1904: uses1904DateSystem)
        let parser = try XMLStreamParser(part: sheet.partName, handler: streamer)
        try parser.parse(stream) { try streamer.drain(body) }
        try streamer.drain(body)
        return SheetSummary(dimension: streamer.dimension, mergedRanges: streamer.mergedRanges,
                            rowCount: streamer.rowCount, cellCount: streamer.cellCount)
    }
}
