import CDeflate
import CZip
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only zip package opened with libzip, with the file-type sniffing, entry-name
/// safety checks and byte limits the reader needs. Not thread-safe.
final class ZipArchive {
    let path: String
    let limits: ReadLimits
    private let handle: OpaquePointer
    /// Lower-cased entry name → libzip index (case-insensitive duplicates are refused).
    private let entries: [String: UInt64]
    /// Bytes counted toward ``ReadLimits/maxTotalBytes`` per part (re-reading a part does
    /// not count twice).
    private var countedBytes: [String: Int] = [:]
    private(set) var totalBytes = 0
    /// libdeflate's decompressor, made on first use (``inflateWhole(index:stat:part:)``).
    private var decompressor: OpaquePointer?

    /// Deflated parts whose declared size is at most this are inflated in one call by
    /// libdeflate (about twice zlib's speed; the output is held whole, so big sheets
    /// keep streaming through libzip and zlib with bounded memory).
    static let wholePartLimit = 8 << 20

    /// Opens a zip file from disk; anything that is not a zip is refused the way the
    /// `.xlsx` reader words it (OLE: encrypted or legacy `.xls`).
    convenience init(path: String, limits: ReadLimits) throws {
        try self.init(source: .file(path: path), limits: limits)
    }

    /// Opens a zip package from a file or from bytes in memory (libzip's buffer source:
    /// nothing is written to disk).
    init(source: SpreadsheetSource, limits: ReadLimits) throws {
        self.path = source.displayName
        self.limits = limits
        let kind: SniffedKind
        switch source {
        case .file(let path): kind = try FileSniffer.sniff(path: path)
        case .bytes(let bytes, _): kind = FileSniffer.sniff(bytes: bytes)
        }
        guard kind == .zip else { throw FileSniffer.xlsxRefusal(kind) }
        let za = try Self.openHandle(source, flags: ZIP_RDONLY | ZIP_CHECKCONS)
        do {
            entries = try Self.validatedEntries(za)
        } catch {
            zip_discard(za)
            throw error
        }
        handle = za
    }

    /// Opens libzip on a file or on a private copy of the bytes (libzip frees it).
    private static func openHandle(_ source: SpreadsheetSource, flags: Int32) throws -> OpaquePointer {
        switch rawOpen(source, flags: flags) {
        case .success(let za): return za
        case .failure(let failure): throw openError(code: failure.code, source: source)
        }
    }

    private struct OpenFailure: Error {
        let code: Int32
    }

    /// libzip's open, reporting its error code rather than throwing.
    private static func rawOpen(_ source: SpreadsheetSource, flags: Int32) -> Result<OpaquePointer, OpenFailure> {
        var code: Int32 = 0
        switch source {
        case .file(let path):
            guard let za = zip_open(path, flags, &code) else { return .failure(OpenFailure(code: code)) }
            return .success(za)
        case .bytes(let bytes, _):
            guard let copy = malloc(max(bytes.count, 1)) else { return .failure(OpenFailure(code: ZIP_ER_MEMORY)) }
            bytes.withUnsafeBytes { raw in
                if let base = raw.baseAddress { copy.copyMemory(from: base, byteCount: raw.count) }
            }
            var error = zip_error_t()
            zip_error_init(&error)
            defer { zip_error_fini(&error) }
            guard let src = zip_source_buffer_create(copy, UInt64(bytes.count), 1, &error) else {
                free(copy)
                return .failure(OpenFailure(code: ZIP_ER_MEMORY))
            }
            guard let za = zip_open_from_source(src, flags, &error) else {
                zip_source_free(src)
                return .failure(OpenFailure(code: zip_error_code_zip(&error)))
            }
            return .success(za)
        }
    }

    deinit {
        if let decompressor { libdeflate_free_decompressor(decompressor) }
        zip_discard(handle)
    }

    /// True when the package holds this entry (case-insensitive, as OPC part names are).
    func contains(_ name: String) -> Bool {
        entries[name.lowercased()] != nil
    }

    /// Opens an entry for streaming. Returns nil when the entry does not exist.
    func open(_ name: String) throws -> ZipEntryStream? {
        guard let index = entries[name.lowercased()] else { return nil }
        var st = zip_stat_t()
        zip_stat_init(&st)
        guard zip_stat_index(handle, index, 0, &st) == 0 else {
            throw XLSXError.corrupt("không đọc được thông tin phần \(name)")
        }
        let compressed = (st.valid & UInt64(ZIP_STAT_COMP_SIZE)) != 0 ? Int(clamping: st.comp_size) : 0
        if let whole = try inflateWhole(index: index, stat: st, part: name) {
            return ZipEntryStream(archive: self, bytes: whole, part: name)
        }
        guard let file = zip_fopen_index(handle, index, 0) else {
            throw Self.entryError(code: zip_error_code_zip(zip_get_error(handle)), part: name)
        }
        return ZipEntryStream(archive: self, file: file, part: name, compressedSize: compressed)
    }

    /// The text of a small entry (such as an ODF `mimetype`), at most `maxBytes` bytes
    /// read; nil when the entry is absent.
    func smallText(_ name: String, maxBytes: Int) throws -> String? {
        guard let stream = try open(name) else { return nil }
        var buffer = [UInt8](repeating: 0, count: maxBytes)
        var filled = 0
        while filled < maxBytes {
            let n = try buffer.withUnsafeMutableBytes { try stream.read(into: $0.baseAddress! + filled, capacity: maxBytes - filled) }
            if n == 0 { break }
            filled += n
        }
        return String(decoding: buffer[0..<filled], as: UTF8.self)
    }

    /// Inflates a small deflated entry in one call with libdeflate, from the raw bytes
    /// libzip hands over (`ZIP_FL_COMPRESSED`). The output buffer is the declared size,
    /// so a part that inflates to more is refused rather than grown (libzip itself does
    /// not enforce declared sizes); less is refused too, and the CRC-32 is checked as
    /// libzip would. Returns nil, leaving the entry to the streaming path and its limit
    /// checks, for stored or encrypted entries, big ones, or ones a limit would stop.
    private func inflateWhole(index: UInt64, stat st: zip_stat_t, part: String) throws -> [UInt8]? {
        let needed = UInt64(ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_CRC | ZIP_STAT_COMP_METHOD
                            | ZIP_STAT_ENCRYPTION_METHOD)
        guard st.valid & needed == needed, st.comp_method == Int32(ZIP_CM_DEFLATE),
              st.encryption_method == UInt16(ZIP_EM_NONE),
              st.size <= UInt64(Self.wholePartLimit), st.comp_size <= UInt64(Self.wholePartLimit) else { return nil }
        let declared = Int(st.size)
        let compressed = Int(st.comp_size)
        // The output can never exceed `declared`, so these are the streaming path's checks
        // applied in advance; a part that would fail one streams and fails it there.
        if declared > limits.maxPartBytes { return nil }
        if totalBytes - (countedBytes[part] ?? 0) + declared > limits.maxTotalBytes { return nil }
        if declared > limits.ratioAllowanceBytes {
            let (bound, overflow) = max(compressed, 1).multipliedReportingOverflow(by: max(limits.maxCompressionRatio, 1))
            if !overflow, declared > bound { return nil }
        }
        guard let file = zip_fopen_index(handle, index, zip_flags_t(ZIP_FL_COMPRESSED)) else {
            throw Self.entryError(code: zip_error_code_zip(zip_get_error(handle)), part: part)
        }
        defer { zip_fclose(file) }
        let input = try [UInt8](unsafeUninitializedCapacity: max(compressed, 1)) { buffer, count in
            while count < compressed {
                let n = zip_fread(file, buffer.baseAddress! + count, UInt64(compressed - count))
                if n < 0 { throw Self.entryError(code: zip_error_code_zip(zip_file_get_error(file)), part: part) }
                if n == 0 { throw XLSXError.truncated }
                count += Int(n)
            }
        }
        if decompressor == nil { decompressor = libdeflate_alloc_decompressor() }
        guard let decompressor else { throw XLSXError.corrupt("không đủ bộ nhớ để giải nén phần \(part)") }
        let sizeLie = XLSXError.corrupt("kích thước giải nén của phần \(part) khác kích thước khai báo trong tệp nén")
        let output = try [UInt8](unsafeUninitializedCapacity: max(declared, 1)) { buffer, count in
            var actual = 0
            let result = input.withUnsafeBytes { raw in
                libdeflate_deflate_decompress(decompressor, raw.baseAddress, compressed,
                                              buffer.baseAddress, declared, &actual)
            }
            switch result {
            case LIBDEFLATE_SUCCESS: count = actual
            case LIBDEFLATE_INSUFFICIENT_SPACE: throw sizeLie
            default: throw XLSXError.corrupt("dữ liệu nén của phần \(part) bị hỏng")
            }
        }
        guard output.count == declared else { throw sizeLie }
        let crc = output.withUnsafeBytes { libdeflate_crc32(0, $0.baseAddress, $0.count) }
        guard crc == st.crc else { throw XLSXError.corrupt("sai mã kiểm tra CRC ở phần \(part)") }
        try account(part: part, produced: declared)
        return output
    }

    /// Records `produced` bytes for a part and enforces the total limit.
    fileprivate func account(part: String, produced: Int) throws {
        let previous = countedBytes[part] ?? 0
        guard produced > previous else { return }
        totalBytes += produced - previous
        countedBytes[part] = produced
        if totalBytes > limits.maxTotalBytes {
            throw XLSXError.limitExceeded(
                part: part, limit: "tổng dung lượng giải nén quá \(LimitText.bytes(limits.maxTotalBytes))")
        }
    }

    // MARK: - Entry names

    private static func validatedEntries(_ za: OpaquePointer) throws -> [String: UInt64] {
        let count = zip_get_num_entries(za, 0)
        guard count >= 0 else { throw XLSXError.corrupt("không đọc được danh mục tệp nén") }
        var result: [String: UInt64] = [:]
        result.reserveCapacity(Int(min(count, 10_000)))
        for i in 0..<UInt64(count) {
            guard let cName = zip_get_name(za, i, zip_flags_t(ZIP_FL_ENC_GUESS)) else {
                throw XLSXError.corrupt("tên phần thứ \(i + 1) trong tệp nén không đọc được")
            }
            let name = String(cString: cName)
            guard isSafeEntryName(name) else { throw XLSXError.unsafeEntryName(name) }
            let key = name.lowercased()
            if result[key] != nil { throw XLSXError.unsafeEntryName(name) }
            result[key] = i
        }
        return result
    }

    /// Refuses empty names, absolute names, backslashes and `..` components.
    static func isSafeEntryName(_ name: String) -> Bool {
        if name.isEmpty || name.hasPrefix("/") || name.contains("\\") { return false }
        if name.utf8.contains(0) { return false }
        for component in name.split(separator: "/", omittingEmptySubsequences: false) where component == ".." {
            return false
        }
        // A drive letter such as `C:` is absolute on Windows.
        let bytes = Array(name.utf8.prefix(2))
        if bytes.count == 2, bytes[1] == UInt8(ascii: ":") { return false }
        return true
    }

    // MARK: - Errors

    private static func openError(code: Int32, source: SpreadsheetSource) -> XLSXError {
        switch code {
        case ZIP_ER_NOZIP, ZIP_ER_EOF, ZIP_ER_SEEK:
            // The file starts like a zip (sniffed) but has no readable central directory.
            return .truncated
        case ZIP_ER_INCONS, ZIP_ER_EXISTS:
            if let name = duplicateEntryName(source: source) { return .unsafeEntryName(name) }
            return .corrupt("cấu trúc tệp nén không nhất quán")
        case ZIP_ER_NOENT:
            return .cannotOpen("tệp không tồn tại")
        case ZIP_ER_OPEN, ZIP_ER_READ:
            return .cannotOpen("không đọc được tệp")
        case ZIP_ER_MULTIDISK:
            return .corrupt("tệp nén chia nhiều phần không được hỗ trợ")
        case ZIP_ER_MEMORY:
            return .corrupt("không đủ bộ nhớ để mở tệp nén")
        case ZIP_ER_ENCRNOTSUPP, ZIP_ER_NOPASSWD, ZIP_ER_WRONGPASSWD:
            return .encrypted
        default:
            return .corrupt("lỗi tệp nén số \(code)")
        }
    }

    /// With `ZIP_CHECKCONS` libzip reports exact duplicate names as an inconsistency;
    /// reopen without it to tell that case apart.
    private static func duplicateEntryName(source: SpreadsheetSource) -> String? {
        guard case .success(let za) = rawOpen(source, flags: ZIP_RDONLY) else { return nil }
        defer { zip_discard(za) }
        let count = zip_get_num_entries(za, 0)
        guard count > 0 else { return nil }
        var seen = Set<String>()
        for i in 0..<UInt64(count) {
            guard let cName = zip_get_name(za, i, zip_flags_t(ZIP_FL_ENC_GUESS)) else { continue }
            let name = String(cString: cName)
            if !seen.insert(name.lowercased()).inserted { return name }
        }
        return nil
    }

    fileprivate static func entryError(code: Int32, part: String) -> XLSXError {
        switch code {
        case ZIP_ER_CRC:
            return .corrupt("sai mã kiểm tra CRC ở phần \(part)")
        case ZIP_ER_ZLIB, ZIP_ER_COMPRESSED_DATA:
            return .corrupt("dữ liệu nén của phần \(part) bị hỏng")
        case ZIP_ER_COMPNOTSUPP:
            return .corrupt("phần \(part) dùng phương thức nén không được hỗ trợ")
        case ZIP_ER_ENCRNOTSUPP, ZIP_ER_NOPASSWD, ZIP_ER_WRONGPASSWD:
            return .encrypted
        case ZIP_ER_EOF, ZIP_ER_READ, ZIP_ER_SEEK:
            return .truncated
        case ZIP_ER_MEMORY:
            return .corrupt("không đủ bộ nhớ để giải nén phần \(part)")
        default:
            return .corrupt("không giải nén được phần \(part) (lỗi số \(code))")
        }
    }
}

/// One open zip entry. Counts the bytes actually produced (libzip 1.7.3 does not enforce
/// the declared size) and enforces the part, total and ratio limits.
final class ZipEntryStream {
    private let archive: ZipArchive
    /// The libzip stream, or nil when the whole part was inflated up front (``whole``).
    private let file: OpaquePointer?
    private let whole: [UInt8]
    let part: String
    private let compressedSize: Int
    private(set) var produced = 0
    private var finished = false
    /// Read position in ``whole``.
    private var offset = 0

    fileprivate init(archive: ZipArchive, file: OpaquePointer, part: String, compressedSize: Int) {
        self.archive = archive
        self.file = file
        self.whole = []
        self.part = part
        self.compressedSize = compressedSize
    }

    /// A part already inflated, checked and counted against the limits.
    fileprivate init(archive: ZipArchive, bytes: [UInt8], part: String) {
        self.archive = archive
        self.file = nil
        self.whole = bytes
        self.part = part
        self.compressedSize = 0
        self.produced = bytes.count
    }

    deinit {
        if let file { zip_fclose(file) }
    }

    /// Reads up to `capacity` bytes; returns 0 at the end of the entry.
    func read(into buffer: UnsafeMutableRawPointer, capacity: Int) throws -> Int {
        if finished { return 0 }
        guard let file else {
            let n = min(capacity, whole.count - offset)
            guard n > 0 else {
                finished = true
                return 0
            }
            whole.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
            offset += n
            return n
        }
        let n = zip_fread(file, buffer, UInt64(capacity))
        if n < 0 {
            throw ZipArchive.entryError(code: zip_error_code_zip(zip_file_get_error(file)), part: part)
        }
        if n == 0 {
            finished = true
            return 0
        }
        produced += Int(n)
        try checkLimits()
        return Int(n)
    }

    private func checkLimits() throws {
        let limits = archive.limits
        if produced > limits.maxPartBytes {
            throw XLSXError.limitExceeded(
                part: part, limit: "quá \(LimitText.bytes(limits.maxPartBytes)) khi giải nén")
        }
        if produced > limits.ratioAllowanceBytes {
            let (bound, overflow) = max(compressedSize, 1).multipliedReportingOverflow(by: max(limits.maxCompressionRatio, 1))
            if !overflow, produced > bound {
                throw XLSXError.limitExceeded(
                    part: part, limit: "tỉ lệ nén vượt \(LimitText.count(limits.maxCompressionRatio)):1")
            }
        }
        try archive.account(part: part, produced: produced)
    }
}

/// Vietnamese spellings of limits in error messages.
enum LimitText {
    /// `512 MiB`, `64 KiB` or `1.000 byte`.
    static func bytes(_ n: Int) -> String {
        if n >= 1 << 20, n % (1 << 20) == 0 { return "\(count(n >> 20)) MiB" }
        if n >= 1 << 10, n % (1 << 10) == 0 { return "\(count(n >> 10)) KiB" }
        return "\(count(n)) byte"
    }

    /// Groups thousands with dots, the Vietnamese way: `5.000.000`.
    static func count(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(".") }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }
}
