import CZip
import Foundation

/// Writes a plain zip of existing files with libzip (the templates of every unit).
enum ZipBundle {
    /// Zips `entries` (name in the archive → file on disk) into `path`, atomically.
    static func write(_ entries: [(name: String, path: String)], to path: String) throws {
        let temp = path + ".tmp-\(UUID().uuidString)"
        var error: Int32 = 0
        guard let archive = zip_open(temp, ZIP_CREATE | ZIP_TRUNCATE, &error) else {
            throw ServeError("không tạo được tệp nén (\(error))")
        }
        for entry in entries {
            guard let source = zip_source_file(archive, entry.path, 0, -1) else {
                zip_discard(archive)
                throw ServeError("không đọc được \(entry.name) để nén")
            }
            if zip_file_add(archive, entry.name, source, zip_flags_t(ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE)) < 0 {
                zip_source_free(source)
                zip_discard(archive)
                throw ServeError("không thêm được \(entry.name) vào tệp nén")
            }
        }
        guard zip_close(archive) == 0 else {
            zip_discard(archive)
            throw ServeError("không ghi được tệp nén")
        }
        guard rename(temp, path) == 0 else { throw ServeError("không ghi được tệp nén") }
    }
}
