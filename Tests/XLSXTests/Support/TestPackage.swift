import CZip
import Foundation
import Testing
import XLSX

/// Builds small zip packages with libzip's write API, so tests can craft both ordinary
/// and hostile workbooks without Python or fixtures.
enum TestZip {
    /// Writes `entries` (in order) to `path`. `store` disables compression.
    static func write(_ entries: [(name: String, data: [UInt8])], to path: String, store: Bool = false) throws {
        var code: Int32 = 0
        guard let za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &code) else {
            throw TestFailure("zip_open failed \(code)")
        }
        for entry in entries {
            let copy = malloc(max(entry.data.count, 1))!
            entry.data.withUnsafeBytes { raw in
                if let base = raw.baseAddress { memcpy(copy, base, entry.data.count) }
            }
            guard let source = zip_source_buffer(za, copy, UInt64(entry.data.count), 1) else {
                free(copy)
                throw TestFailure("zip_source_buffer failed")
            }
            let index = zip_file_add(za, entry.name, source, zip_flags_t(ZIP_FL_ENC_UTF_8))
            guard index >= 0 else {
                zip_source_free(source)
                throw TestFailure("zip_file_add failed for \(entry.name): \(String(cString: zip_strerror(za)))")
            }
            if store { zip_set_file_compression(za, UInt64(index), ZIP_CM_STORE, 0) }
        }
        guard zip_close(za) == 0 else { throw TestFailure("zip_close failed: \(String(cString: zip_strerror(za)))") }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A temporary directory removed at deinit.
final class TempDir {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "xlsx-reader-tests-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }
}

/// A minimal workbook package: parts are given as XML text; the boilerplate parts
/// (content types, relationships, workbook) are generated unless overridden.
struct TestWorkbook {
    static let mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// (name, state attribute or nil, sheet XML).
    var sheets: [(name: String, state: String?, xml: String)] = []
    var sharedStrings: String?
    var styles: String?
    var workbookPr = ""
    var definedNames = ""
    /// Replaces generated parts or adds extra ones, by entry name.
    var overrides: [String: String] = [:]
    /// Entries left out of the package.
    var omit: Set<String> = []

    /// A worksheet document around `<sheetData>` content.
    static func sheet(_ rows: String, extra: String = "", before: String = "") -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="\(mainNS)" xmlns:r="\(relNS)">\(before)<sheetData>\(rows)</sheetData>\(extra)</worksheet>
        """
    }

    /// A shared-strings part from plain texts.
    static func sst(_ items: [String]) -> String {
        let body = items.map { "<si><t xml:space=\"preserve\">\($0)</t></si>" }.joined()
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"\(mainNS)\" count=\"\(items.count)\" uniqueCount=\"\(items.count)\">\(body)</sst>"
    }

    func entries() -> [(name: String, data: [UInt8])] {
        var parts: [(String, String)] = []
        parts.append(("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/></Types>
            """))
        parts.append(("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="\(Self.relNS)/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """))
        var sheetEntries = ""
        var rels = ""
        for (i, sheet) in sheets.enumerated() {
            let state = sheet.state.map { " state=\"\($0)\"" } ?? ""
            sheetEntries += "<sheet name=\"\(sheet.name)\" sheetId=\"\(i + 1)\"\(state) r:id=\"rId\(i + 1)\"/>"
            rels += "<Relationship Id=\"rId\(i + 1)\" Type=\"\(Self.relNS)/worksheet\" Target=\"worksheets/sheet\(i + 1).xml\"/>"
            parts.append(("xl/worksheets/sheet\(i + 1).xml", sheet.xml))
        }
        if let sharedStrings {
            rels += "<Relationship Id=\"rIdS\" Type=\"\(Self.relNS)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
            parts.append(("xl/sharedStrings.xml", sharedStrings))
        }
        if let styles {
            rels += "<Relationship Id=\"rIdY\" Type=\"\(Self.relNS)/styles\" Target=\"/xl/styles.xml\"/>"
            parts.append(("xl/styles.xml", styles))
        }
        let names = definedNames.isEmpty ? "" : "<definedNames>\(definedNames)</definedNames>"
        parts.append(("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="\(Self.mainNS)" xmlns:r="\(Self.relNS)">\
            \(workbookPr)<sheets>\(sheetEntries)</sheets>\(names)</workbook>
            """))
        parts.append(("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(rels)</Relationships>
            """))
        var result: [(name: String, data: [UInt8])] = []
        for (name, text) in parts where !omit.contains(name) {
            result.append((name, Array((overrides[name] ?? text).utf8)))
        }
        for (name, text) in overrides.sorted(by: { $0.key < $1.key }) where !parts.contains(where: { $0.0 == name }) {
            result.append((name, Array(text.utf8)))
        }
        return result
    }

    /// Writes the package into `dir` and returns its path.
    func write(in dir: TempDir, name: String = "book.xlsx") throws -> String {
        let path = dir.file(name)
        try TestZip.write(entries(), to: path)
        return path
    }
}

/// All rows of a sheet, by position.
func readAllRows(_ reader: XLSXReader, sheet: Int = 0) throws -> [Row] {
    var rows: [Row] = []
    try reader.readRows(of: reader.sheets[sheet]) { rows.append($0) }
    return rows
}

/// Opens a reader and expects it to throw exactly `expected`.
func expectOpenError(_ path: String, limits: ReadLimits = .default, _ expected: XLSXError,
                     sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(throws: expected, sourceLocation: sourceLocation) { _ = try XLSXReader(path: path, limits: limits) }
}

/// Expects reading the first sheet to throw exactly `expected`.
func expectReadError(_ path: String, limits: ReadLimits = .default, _ expected: XLSXError,
                     sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(throws: expected, sourceLocation: sourceLocation) {
        let reader = try XLSXReader(path: path, limits: limits)
        _ = try readAllRows(reader)
    }
}
