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
        // On UTF-8 bytes: `Substring.range(of:)` bridged the rest of the part to NSString on
        // every row (quadratic in the part's size; 40 % of writing a template).
        let src = Array(xml.utf8)
        let open = Array("<row r=\"".utf8), attribute = Array(" customHeight=\"1\"".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(src.count)
        func find(_ needle: [UInt8], in bytes: ArraySlice<UInt8>) -> Int? {
            guard bytes.count >= needle.count else { return nil }
            var i = bytes.startIndex
            while i <= bytes.endIndex - needle.count {
                if bytes[i] == needle[0], bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
                i += 1
            }
            return nil
        }
        var rest = 0
        while let start = find(open, in: src[rest...]) {
            let body = start + open.count
            out.append(contentsOf: src[rest..<body])
            rest = body
            guard let quote = src[body...].firstIndex(of: UInt8(ascii: "\"")),
                  let end = src[body...].firstIndex(of: UInt8(ascii: ">")) else { break }
            var tag = src[body..<end]
            if rows.contains(Int(String(decoding: src[body..<quote], as: UTF8.self)) ?? 0) {
                var kept: [UInt8] = []
                while let at = find(attribute, in: tag) {
                    kept.append(contentsOf: tag[..<at])
                    tag = tag[(at + attribute.count)...]
                }
                kept.append(contentsOf: tag)
                out.append(contentsOf: kept)
            } else {
                out.append(contentsOf: tag)
            }
            rest = end
        }
        out.append(contentsOf: src[rest...])
        return String(decoding: out, as: UTF8.self)
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
