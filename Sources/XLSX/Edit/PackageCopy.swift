import CZip
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A copy of a zip package being edited with libzip, in memory: entries not replaced are
/// copied as they are, compressed bytes included (libzip does not recompress them); the
/// result is written to the destination atomically (temporary file, then rename).
final class PackageCopy {
    private let source: OpaquePointer          // zip_source_t, kept past zip_close
    private var archive: OpaquePointer?        // zip_t

    /// Loads the package (already checked by ``ZipArchive``) into memory.
    init(source: SpreadsheetSource) throws {
        let size: Int
        let buffer: UnsafeMutableRawPointer
        switch source {
        case .file(let path):
            guard let fp = fopen(path, "rb") else { throw XLSXError.cannotOpen("không đọc được tệp") }
            defer { fclose(fp) }
            fseeko(fp, 0, SEEK_END)
            size = Int(ftello(fp))
            fseeko(fp, 0, SEEK_SET)
            guard size > 0, let memory = malloc(size) else { throw XLSXError.cannotOpen("không đọc được tệp") }
            guard fread(memory, 1, size, fp) == size else {
                free(memory)
                throw XLSXError.cannotOpen("không đọc được tệp")
            }
            buffer = memory
        case .bytes(let bytes, _):
            size = bytes.count
            guard size > 0, let memory = malloc(size) else { throw XLSXError.notAZip }
            bytes.withUnsafeBytes { _ = memcpy(memory, $0.baseAddress!, size) }
            buffer = memory
        }
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        guard let source = zip_source_buffer_create(buffer, zip_uint64_t(size), 1, &error) else {
            free(buffer)
            throw XLSXError.corrupt("không đủ bộ nhớ để sao chép tệp")
        }
        self.source = source
        guard let archive = zip_open_from_source(source, ZIP_CHECKCONS, &error) else {
            zip_source_free(source)
            throw XLSXError.corrupt("không mở được tệp nén để sao chép (lỗi số \(zip_error_code_zip(&error)))")
        }
        zip_source_keep(source)
        self.archive = archive
    }

    deinit {
        if let archive { zip_discard(archive) }
        zip_source_free(source)
    }

    /// Replaces (or adds) an entry with bytes in memory.
    func put(_ name: String, _ bytes: [UInt8]) throws {
        let archive = try open()
        guard let copy = malloc(max(bytes.count, 1)) else { throw XLSXError.writeFailed("hết bộ nhớ") }
        bytes.withUnsafeBytes { if let base = $0.baseAddress { memcpy(copy, base, bytes.count) } }
        guard let data = zip_source_buffer(archive, copy, zip_uint64_t(bytes.count), 1) else {
            free(copy)
            throw XLSXError.writeFailed("không thêm được phần \(name)")
        }
        try put(name, data, archive)
    }

    /// Replaces (or adds) an entry with the content of an anonymous temporary file, which
    /// libzip closes after writing.
    func put(_ name: String, file: UnsafeMutablePointer<FILE>) throws {
        let archive = try open()
        rewind(file)
        guard let data = zip_source_filep(archive, file, 0, -1) else {
            fclose(file)
            throw XLSXError.writeFailed("không thêm được phần \(name)")
        }
        try put(name, data, archive)
    }

    private func put(_ name: String, _ data: OpaquePointer, _ archive: OpaquePointer) throws {
        let index = zip_name_locate(archive, name, zip_flags_t(ZIP_FL_NOCASE))
        let result: Int64
        if index >= 0 {
            result = zip_file_replace(archive, zip_uint64_t(index), data, zip_flags_t(ZIP_FL_ENC_UTF_8)) == 0 ? index : -1
        } else {
            result = zip_file_add(archive, name, data, zip_flags_t(ZIP_FL_ENC_UTF_8))
        }
        guard result >= 0 else {
            zip_source_free(data)
            throw XLSXError.writeFailed("không thêm được phần \(name)")
        }
        zip_set_file_compression(archive, zip_uint64_t(result), ZIP_CM_DEFLATE, 6)
    }

    /// Finishes the package and moves it over `destination` in one step.
    func write(to destination: String) throws {
        let archive = try open()
        self.archive = nil
        guard zip_close(archive) == 0 else {
            let reason = String(cString: zip_strerror(archive))
            zip_discard(archive)
            throw XLSXError.writeFailed("không đóng gói được tệp: \(reason)")
        }
        guard zip_source_open(source) == 0 else { throw XLSXError.writeFailed("không đọc lại được tệp vừa đóng gói") }
        defer { zip_source_close(source) }
        try AtomicWrite.write(to: destination) { fd in
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = buffer.withUnsafeMutableBytes { zip_source_read(source, $0.baseAddress, zip_uint64_t($0.count)) }
                guard n >= 0 else { throw XLSXError.writeFailed("không đọc lại được tệp vừa đóng gói") }
                if n == 0 { return }
                try buffer.withUnsafeBytes { try AtomicWrite.writeAll(fd, $0.baseAddress!, Int(n)) }
            }
        }
    }

    private func open() throws -> OpaquePointer {
        guard let archive else { throw XLSXError.writeFailed("tệp đã đóng gói xong, không sửa thêm được") }
        return archive
    }
}

/// Writes a file through a registered temporary file in the destination's folder, renamed
/// into place at the end; on failure the destination is untouched and the temporary removed.
enum AtomicWrite {
    static func write(to path: String, _ body: (Int32) throws -> Void) throws {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let fileName = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let temporary = "\(folder).\(fileName).tmp-\(String(UInt64.random(in: 0...UInt64.max), radix: 36))"
        TemporaryFiles.register(temporary)
        defer { TemporaryFiles.unregister(temporary) }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o666)
        guard fd >= 0 else {
            throw XLSXError.writeFailed("không tạo được tệp tạm \"\(temporary)\": \(String(cString: strerror(errno)))")
        }
        do {
            try body(fd)
            guard fsync(fd) == 0 else { throw XLSXError.writeFailed("không ghi được tệp \"\(path)\": \(String(cString: strerror(errno)))") }
        } catch {
            _ = close(fd)
            unlink(temporary)
            throw error
        }
        _ = close(fd)
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw XLSXError.writeFailed("không thay được tệp \"\(path)\": \(reason)")
        }
    }

    static func writeAll(_ fd: Int32, _ base: UnsafeRawPointer, _ count: Int) throws {
        var done = 0
        while done < count {
            let n = posixWrite(fd, base + done, count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw XLSXError.writeFailed("không ghi được tệp: \(String(cString: strerror(errno)))")
            }
            done += n
        }
    }
}

/// `write(2)`, out of reach of ``AtomicWrite/write(to:_:)`` inside the enum.
private func posixWrite(_ fd: Int32, _ base: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, base, count)
}
