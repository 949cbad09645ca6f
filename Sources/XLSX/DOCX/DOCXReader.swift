/// Reads the tables of a Word `.docx` document as sheets, built on libzip and expat with
/// the same limits and refusals as ``XLSXReader``.
///
/// Opening parses `word/document.xml` once (with `numbering.xml` and `styles.xml` for
/// list labels). Every top-level table becomes rows of cells on its grid: `w:gridSpan`
/// cells start at their first grid column, a vertical merge (`w:vMerge`) gives its text
/// to every row it covers, several paragraphs of a cell are joined with line breaks
/// (list items keep their `- ` or `1. ` label), runs are joined, `w:tab` is a tab,
/// `w:br` a line break, text is NFC; a table nested in a cell becomes lines of that cell.
/// A sheet is one table, or a table and those continuing it on the next pages (see
/// ``WordSheet/group(_:)``), with the paragraphs just above it as its first rows.
/// Not thread-safe: use one reader per thread.
public final class DOCXReader: SpreadsheetReader {
    /// The file's path, as given (or an upload's display name).
    public let displayName: String
    /// One sheet per table or run of continuing tables, named `Bảng 2` or `Bảng 2-4`
    /// after their positions among the document's tables.
    public let sheets: [SheetInfo]
    public var format: SpreadsheetFormat { .docx }
    /// Word documents have no date system of their own.
    public let uses1904DateSystem = false
    /// The document's text lines in reading order — paragraphs, and the lines of table
    /// cells row by row — at most ``maxBodyLines``: where a caller finds the letter's own
    /// number and date (`Số: 642/VPUBND-HCQT`, `Đắk Nông, ngày 28 tháng 7 năm 2020`).
    public let bodyLines: [String]
    /// The main document part, e.g. `word/document.xml`.
    public let partName: String

    public static let maxBodyLines = 1_000

    private let groups: [WordSheet]

    /// Opens a `.docx` file (or bytes in memory). Throws ``XLSXError``: a legacy `.doc`,
    /// an encrypted document, a workbook or anything else are refused with their reason.
    public convenience init(_ source: SpreadsheetSource, limits: ReadLimits = .default) throws {
        switch try SpreadsheetOpener.sniff(source) {
        case .zip:
            let archive = try ZipArchive(source: source, limits: limits)
            guard !archive.contains("xl/workbook.xml") else { throw XLSXError.missingPart("word/document.xml") }
            try self.init(archive: archive, limits: limits)
        case .ole(let streams):
            throw streams.contains(.encryptedPackage) ? XLSXError.encrypted
                : streams.contains(.wordDocument) ? XLSXError.legacyDOC : XLSXError.legacyXLS
        case .delimitedText, .unknown:
            throw XLSXError.notAZip
        }
    }

    /// Opens a `.docx` file. Throws ``XLSXError``.
    public convenience init(path: String, limits: ReadLimits = .default) throws {
        try self.init(.file(path: path), limits: limits)
    }

    /// Reads an already opened package.
    init(archive: ZipArchive, limits: ReadLimits) throws {
        displayName = archive.path
        let rootRels = try Relationships.read(for: "", in: archive)
        var main = "word/document.xml"
        if let rel = rootRels.first(where: { $0.isType("officeDocument") }), archive.contains(rel.partName) {
            main = rel.partName
        }
        guard let stream = try archive.open(main) else { throw XLSXError.missingPart("word/document.xml") }
        partName = main
        let rels = try Relationships.read(for: main, in: archive)
        let folder = main.split(separator: "/").dropLast().joined(separator: "/")
        func part(type: String, fallback: String) throws -> ZipEntryStream? {
            if let rel = rels.first(where: { $0.isType(type) }), let s = try archive.open(rel.partName) { return s }
            return try archive.open(folder.isEmpty ? fallback : "\(folder)/\(fallback)")
        }
        let numbering = try WordNumbering.read(numbering: try part(type: "numbering", fallback: "numbering.xml"),
                                               styles: try part(type: "styles", fallback: "styles.xml"))
        let handler = WordBodyHandler(part: main, limits: limits, numbering: numbering)
        try XMLStreamParser(part: main, handler: handler).parse(stream)

        groups = WordSheet.group(handler.blocks)
        sheets = groups.enumerated().map { i, group in
            SheetInfo(name: group.name, state: .visible, index: i, partName: main)
        }
        bodyLines = Self.lines(of: handler.blocks)
    }

    /// Streams a sheet's rows: its title lines in column A, then its tables' rows on their
    /// grid (only non-empty rows; empty rows keep their number). Merged ranges in the
    /// summary are the cells' `w:gridSpan` and `w:vMerge` spans.
    @discardableResult
    public func readRows(of sheet: SheetInfo, _ body: (Row) throws -> Void) throws -> SheetSummary {
        try group(of: sheet).rows(body).summary
    }

    /// Which document tables a sheet's rows come from, and their rows in the sheet.
    public func origins(of sheet: SheetInfo) throws -> [WordTableOrigin] {
        try group(of: sheet).rows { _ in }.origins
    }

    /// The paragraphs above the sheet's first table taken as its first rows.
    public func titleLines(of sheet: SheetInfo) throws -> [String] {
        try group(of: sheet).titleLines
    }

    private func group(of sheet: SheetInfo) throws -> WordSheet {
        guard sheet.index < groups.count, groups[sheet.index].name == sheet.name else {
            throw XLSXError.sheetNotFound(sheet.name)
        }
        return groups[sheet.index]
    }

    private static func lines(of blocks: [WordBlock]) -> [String] {
        var lines: [String] = []
        func add(_ text: String) {
            for line in text.split(separator: "\n") where lines.count < maxBodyLines && !WordText.isBlank(String(line)) {
                lines.append(String(line.prefix(2_000)))
            }
        }
        for block in blocks {
            if lines.count >= maxBodyLines { break }
            switch block {
            case .paragraph(let text): add(text)
            case .pageBreak: break
            case .table(let table):
                for row in table.rows {
                    for cell in row.cells where !cell.continuesMerge { add(cell.text) }
                }
            }
        }
        return lines
    }
}
