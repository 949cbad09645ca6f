import CZip
import Foundation

/// Small in-place edits of a package just written (a temporary file not yet renamed into
/// place), for the few things libxlsxwriter cannot write. Each edited part is read whole:
/// use it for small parts only.
enum PackagePatch {
    /// Parts larger than this are not patched (they are written by our own writer, so a
    /// patched part is a sheet's few hundred rows at most).
    static let maxPartBytes = 64 << 20

    /// Rewrites each part named with `transform` (parts missing are left alone; a part
    /// for which `transform` returns nil is left as it is).
    static func edit(parts names: [String], package path: String, _ transform: (String, String) -> String?) throws {
        var code: Int32 = 0
        guard let archive = zip_open(path, 0, &code) else {
            throw WriterChecks.fail("không mở lại được tệp tạm \"\(path)\" để hoàn thiện (mã libzip \(code))")
        }
        var changed = false
        for name in names {
            let index = zip_name_locate(archive, name, 0)
            guard index >= 0, let data = try read(archive, UInt64(index), name: name, path: path),
                  let edited = transform(name, String(decoding: data, as: UTF8.self)) else { continue }
            let bytes = Array(edited.utf8)
            // libzip keeps the buffer until zip_close and frees it then.
            let buffer = malloc(max(1, bytes.count))!
            bytes.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
            guard let source = zip_source_buffer(archive, buffer, zip_uint64_t(bytes.count), 1) else {
                free(buffer)
                zip_discard(archive)
                throw WriterChecks.fail("không sửa được phần \(name) của \"\(path)\"")
            }
            guard zip_file_replace(archive, UInt64(index), source, ZIP_FL_ENC_UTF_8) == 0 else {
                zip_source_free(source)
                zip_discard(archive)
                throw WriterChecks.fail("không sửa được phần \(name) của \"\(path)\"")
            }
            changed = true
        }
        if !changed { zip_discard(archive); return }
        guard zip_close(archive) == 0 else {
            let reason = String(cString: zip_strerror(archive))
            zip_discard(archive)
            throw WriterChecks.fail("không ghi lại được \"\(path)\": \(reason)")
        }
    }

    /// A sheet part with ` customHeight="1"` removed from the `<row>` tags of `rows`: their
    /// height stays as written but Excel fits it again when their text changes.
    static func autoFit(rows: Set<Int>, in xml: String) -> String {
        var out = ""
        out.reserveCapacity(xml.utf8.count)
        var rest = Substring(xml)
        while let start = rest.range(of: "<row r=\"") {
            out += rest[..<start.upperBound]
            rest = rest[start.upperBound...]
            guard let quote = rest.firstIndex(of: "\""), let end = rest.firstIndex(of: ">") else { break }
            let number = Int(rest[..<quote]) ?? 0
            var tag = String(rest[..<end])
            if rows.contains(number) { tag = tag.replacingOccurrences(of: " customHeight=\"1\"", with: "") }
            out += tag
            rest = rest[end...]
        }
        out += rest
        return out
    }

    private static func read(_ archive: OpaquePointer, _ index: UInt64, name: String, path: String) throws -> Data? {
        var st = zip_stat_t()
        zip_stat_init(&st)
        guard zip_stat_index(archive, index, 0, &st) == 0, (st.valid & UInt64(ZIP_STAT_SIZE)) != 0 else { return nil }
        guard st.size <= UInt64(maxPartBytes) else { return nil }
        guard let file = zip_fopen_index(archive, index, 0) else {
            throw WriterChecks.fail("không đọc lại được phần \(name) của \"\(path)\"")
        }
        defer { zip_fclose(file) }
        var data = Data(count: Int(st.size))
        let count = Int(st.size)
        let read = data.withUnsafeMutableBytes { zip_fread(file, $0.baseAddress, zip_uint64_t(count)) }
        guard read == count else { throw WriterChecks.fail("không đọc lại được phần \(name) của \"\(path)\"") }
        return data
    }
}
