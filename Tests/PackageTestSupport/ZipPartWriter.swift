import CZip
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Test-only: writes a zip package from (name, text) parts with libzip, for tests that
/// build small documents (a `.docx` with a table) without fixtures.
public enum ZipPartWriter {
    public static func write(_ parts: [(name: String, text: String)], to path: String) throws {
        var code: Int32 = 0
        guard let archive = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &code) else {
            throw ZipPartReader.Failure(description: "zip_open failed (\(code)) for \(path)")
        }
        for part in parts {
            let bytes = Array(part.text.utf8)
            let copy = malloc(max(bytes.count, 1))!
            bytes.withUnsafeBytes { if let base = $0.baseAddress { memcpy(copy, base, bytes.count) } }
            guard let source = zip_source_buffer(archive, copy, UInt64(bytes.count), 1),
                  zip_file_add(archive, part.name, source, zip_flags_t(ZIP_FL_ENC_UTF_8)) >= 0 else {
                zip_discard(archive)
                throw ZipPartReader.Failure(description: "cannot add \(part.name)")
            }
        }
        guard zip_close(archive) == 0 else { throw ZipPartReader.Failure(description: "zip_close failed for \(path)") }
    }

    /// A minimal Word document whose body is `body` (WordprocessingML, `w:` prefix).
    public static func document(body: String, to path: String) throws {
        try write([
            ("[Content_Types].xml", #"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#),
            ("_rels/.rels", #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#),
            ("word/document.xml", #"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"# + body + "<w:sectPr/></w:body></w:document>"),
        ], to: path)
    }

    /// A Word table, one paragraph per cell.
    public static func table(_ rows: [[String]]) -> String {
        "<w:tbl><w:tblGrid>" + String(repeating: "<w:gridCol/>", count: rows.map(\.count).max() ?? 0) + "</w:tblGrid>"
            + rows.map { "<w:tr>" + $0.map { "<w:tc><w:p><w:r><w:t>\($0)</w:t></w:r></w:p></w:tc>" }.joined() + "</w:tr>" }.joined()
            + "</w:tbl>"
    }

    public static func paragraph(_ text: String) -> String { "<w:p><w:r><w:t>\(text)</w:t></w:r></w:p>" }
}
