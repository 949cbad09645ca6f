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

    init(path: String, limits: ReadLimits) throws {
        self.path = path
        self.limits = limits
        try FileSniffer.check(path: path)
        var code: Int32 = 0
        guard let za = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &code) else {
            throw Self.openError(code: code, path: path)
        }
        do {
            entries = try Self.validatedEntries(za)
        } catch {
            zip_discard(za)
            throw error
        }
        handle = za
    }

    deinit {
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
        guard let file = zip_fopen_index(handle, index, 0) else {
            throw Self.entryError(code: zip_error_code_zip(zip_get_error(handle)), part: name)
        }
        return ZipEntryStream(archive: self, file: file, part: name, compressedSize: compressed)
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

    private static func openError(code: Int32, path: String) -> XLSXError {
        switch code {
        case ZIP_ER_NOZIP, ZIP_ER_EOF, ZIP_ER_SEEK:
            // The file starts like a zip (sniffed) but has no readable central directory.
            return .truncated
        case ZIP_ER_INCONS, ZIP_ER_EXISTS:
            if let name = duplicateEntryName(path: path) { return .unsafeEntryName(name) }
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
    private static func duplicateEntryName(path: String) -> String? {
        var code: Int32 = 0
        guard let za = zip_open(path, ZIP_RDONLY, &code) else { return nil }
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
    private let file: OpaquePointer
    let part: String
    private let compressedSize: Int
    private(set) var produced = 0
    private var finished = false

    fileprivate init(archive: ZipArchive, file: OpaquePointer, part: String, compressedSize: Int) {
        self.archive = archive
        self.file = file
        self.part = part
        self.compressedSize = compressedSize
    }

    deinit {
        zip_fclose(file)
    }

    /// Reads up to `capacity` bytes; returns 0 at the end of the entry.
    func read(into buffer: UnsafeMutableRawPointer, capacity: Int) throws -> Int {
        if finished { return 0 }
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

/// Tells a zip apart from an OLE compound file (encrypted workbook or legacy `.xls`) and
/// from anything else, before libzip sees the file.
enum FileSniffer {
    static let oleMagic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
    static let zipMagic: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
    /// "EncryptedPackage" in UTF-16LE, as OLE directory entries spell stream names.
    static let encryptedPackageName: [UInt8] = Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })

    static func check(path: String) throws {
        var st = stat()
        guard stat(path, &st) == 0 else {
            throw XLSXError.cannotOpen(errno == ENOENT ? "tệp không tồn tại" : "không truy cập được tệp")
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw XLSXError.cannotOpen("không phải là tệp thông thường") }
        guard let fp = fopen(path, "rb") else {
            throw XLSXError.cannotOpen(errno == EACCES ? "không có quyền đọc tệp" : "không đọc được tệp")
        }
        defer { fclose(fp) }
        var head = [UInt8](repeating: 0, count: 8)
        let got = head.withUnsafeMutableBytes { fread($0.baseAddress, 1, 8, fp) }
        if got >= 4, Array(head[0..<4]) == zipMagic { return }
        if got == 8, head == oleMagic {
            throw containsEncryptedPackage(fp) ? XLSXError.encrypted : XLSXError.legacyXLS
        }
        throw XLSXError.notAZip
    }

    private static func contains(_ needle: [UInt8], in haystack: [UInt8], count: Int) -> Bool {
        guard count >= needle.count, let first = needle.first else { return false }
        var i = 0
        while i <= count - needle.count {
            if haystack[i] == first {
                var k = 1
                while k < needle.count, haystack[i + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    /// Scans the rest of the file for the UTF-16LE stream name, in chunks with overlap.
    private static func containsEncryptedPackage(_ fp: UnsafeMutablePointer<FILE>) -> Bool {
        let needle = encryptedPackageName
        let chunkSize = 1 << 20
        var buffer = [UInt8](repeating: 0, count: chunkSize + needle.count)
        var carry = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress! + carry, 1, chunkSize, fp) }
            if n == 0 { return false }
            let available = carry + n
            if contains(needle, in: buffer, count: available) { return true }
            let keep = min(needle.count - 1, available)
            for i in 0..<keep { buffer[i] = buffer[available - keep + i] }
            carry = keep
        }
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
