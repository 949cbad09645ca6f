/// Opens any supported workbook — from a path or from bytes in memory — by looking at its
/// bytes, never at its name: a zip is told apart by its entries (`xl/workbook.xml` →
/// `.xlsx`, `mimetype` + `content.xml` → `.ods`, `word/document.xml` → `.docx`), an OLE
/// compound file by its directory (`EncryptedPackage`/`EncryptionInfo` → password
/// refusal, `Workbook`/`Book` → `.xls`, `WordDocument` → legacy `.doc` refusal).
///
/// Each format has one entry point (`openXLSX`, `openODS`, `openDOCX`, `openXLS`); a new
/// format adds a case to ``SpreadsheetFormat``, a line in ``zipFormat(of:)`` or the OLE
/// switch, and its own `open…` function in its own file.
public enum SpreadsheetOpener {
    /// Opens the file at `path`. Throws ``XLSXError``.
    public static func open(path: String, limits: ReadLimits = .default) throws -> any SpreadsheetReader {
        try open(.file(path: path), limits: limits)
    }

    /// Opens bytes already in memory; `name` is only shown in messages. Throws ``XLSXError``.
    public static func open(bytes: [UInt8], name: String, limits: ReadLimits = .default) throws -> any SpreadsheetReader {
        try open(.bytes(bytes, name: name), limits: limits)
    }

    /// Opens a source of either kind. Throws ``XLSXError``.
    public static func open(_ source: SpreadsheetSource, limits: ReadLimits = .default) throws -> any SpreadsheetReader {
        switch try sniff(source) {
        case .zip:
            let archive = try ZipArchive(source: source, limits: limits)
            switch try zipFormat(of: archive) {
            case .xlsx: return try XLSXReader(archive: archive, limits: limits)
            case .ods: return try openODS(archive, limits: limits)
            case .docx: return try openDOCX(archive, limits: limits)
            case .xls: throw XLSXError.missingWorkbook // not a zip format
            }
        case .ole(let streams):
            if streams.contains(.encryptedPackage) { throw XLSXError.encrypted }
            if streams.contains(.workbook) { return try openXLS(source, limits: limits) }
            if streams.contains(.wordDocument) { throw XLSXError.legacyDOC }
            return try openXLS(source, limits: limits)
        case .delimitedText:
            throw XLSXError.delimitedText
        case .unknown:
            throw XLSXError.notAZip
        }
    }

    /// The format of a file, from its bytes, without reading its contents (nil when it
    /// is not a spreadsheet this opener knows). Throws only when the file cannot be read.
    public static func format(of source: SpreadsheetSource, limits: ReadLimits = .default) throws -> SpreadsheetFormat? {
        switch try sniff(source) {
        case .zip:
            guard let archive = try? ZipArchive(source: source, limits: limits) else { return nil }
            return try? zipFormat(of: archive)
        case .ole(let streams):
            if streams.contains(.workbook), !streams.contains(.encryptedPackage) { return .xls }
            return nil
        case .delimitedText, .unknown:
            return nil
        }
    }

    static func sniff(_ source: SpreadsheetSource) throws -> SniffedKind {
        switch source {
        case .file(let path): return try FileSniffer.sniff(path: path)
        case .bytes(let bytes, _): return FileSniffer.sniff(bytes: bytes)
        }
    }

    /// Which package a zip is, from its entries. OOXML wins over the others when a file
    /// (oddly) holds several; a zip that is none of them is read as `.xlsx`, whose reader
    /// refuses it for its missing workbook part.
    static func zipFormat(of archive: ZipArchive) throws -> SpreadsheetFormat {
        if archive.contains("xl/workbook.xml") { return .xlsx }
        if archive.contains("word/document.xml") { return .docx }
        if archive.contains("content.xml") {
            let mimetype = try archive.smallText("mimetype", maxBytes: 256) ?? ""
            if mimetype.isEmpty || mimetype.hasPrefix("application/vnd.oasis.opendocument.spreadsheet") { return .ods }
            throw XLSXError.unsupportedFormat("OpenDocument (\(mimetype))")
        }
        return .xlsx
    }
}
