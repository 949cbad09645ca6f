#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the first bytes (and, for OLE compound files, the directory) say a file is.
enum SniffedKind: Equatable {
    /// A zip package: xlsx, ods, docx… (the entries tell which).
    case zip
    /// An OLE compound file (legacy Office or an encrypted OOXML package) and the stream
    /// names found in its directory.
    case ole(OLEStreams)
    /// Text that looks like delimited values (a `.csv` saved by Excel or typed by hand).
    case delimitedText
    /// Anything else.
    case unknown
}

/// Stream names of an OLE compound file that decide how it is read or refused.
struct OLEStreams: OptionSet, Hashable {
    let rawValue: Int
    /// `EncryptedPackage` or `EncryptionInfo`: a password-protected OOXML package.
    static let encryptedPackage = OLEStreams(rawValue: 1)
    /// `Workbook` (BIFF8) or `Book` (BIFF5): a legacy Excel workbook.
    static let workbook = OLEStreams(rawValue: 2)
    /// `WordDocument`: a legacy Word `.doc`.
    static let wordDocument = OLEStreams(rawValue: 4)
}

/// Tells a zip apart from an OLE compound file and from anything else, before any library
/// sees the file. OLE stream names are found by walking the file's 128-byte-aligned
/// blocks for directory entries (UTF-16LE name, its length, type "stream"); the name
/// `EncryptedPackage` anywhere in UTF-16LE also counts, as before.
enum FileSniffer {
    static let oleMagic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
    static let zipMagic: [UInt8] = [0x50, 0x4B, 0x03, 0x04]

    static func utf16(_ text: String) -> [UInt8] {
        Array(text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
    }

    /// "EncryptedPackage" in UTF-16LE, as OLE directory entries spell stream names.
    static let encryptedPackageName = utf16("EncryptedPackage")
    static let directoryNames: [([UInt8], OLEStreams)] = [
        (utf16("EncryptedPackage"), .encryptedPackage), (utf16("EncryptionInfo"), .encryptedPackage),
        (utf16("Workbook"), .workbook), (utf16("Book"), .workbook), (utf16("WordDocument"), .wordDocument),
    ]

    /// Sniffs a file. Throws ``XLSXError/cannotOpen(_:)`` when it cannot be read.
    static func sniff(path: String) throws -> SniffedKind {
        var st = stat()
        guard stat(path, &st) == 0 else {
            throw XLSXError.cannotOpen(errno == ENOENT ? "tệp không tồn tại" : "không truy cập được tệp")
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw XLSXError.cannotOpen("không phải là tệp thông thường") }
        guard let fp = fopen(path, "rb") else {
            throw XLSXError.cannotOpen(errno == EACCES ? "không có quyền đọc tệp" : "không đọc được tệp")
        }
        defer { fclose(fp) }
        var head = [UInt8](repeating: 0, count: 4096)
        let got = head.withUnsafeMutableBytes { fread($0.baseAddress, 1, 4096, fp) }
        if got >= 4, isZip(head) { return .zip }
        guard got >= 8, Array(head[0..<8]) == oleMagic else {
            return looksDelimited(head[0..<got]) ? .delimitedText : .unknown
        }
        rewind(fp)
        var scanner = OLEScanner()
        let chunkSize = 1 << 20 // a multiple of 128: blocks stay aligned
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress!, 1, chunkSize, fp) }
            if n == 0 { break }
            buffer.withUnsafeBytes { scanner.feed(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        }
        return .ole(scanner.found)
    }

    /// Sniffs bytes in memory.
    static func sniff(bytes: [UInt8]) -> SniffedKind {
        if bytes.count >= 4, isZip(bytes) { return .zip }
        guard bytes.count >= 8, Array(bytes[0..<8]) == oleMagic else {
            return looksDelimited(bytes.prefix(4096)) ? .delimitedText : .unknown
        }
        var scanner = OLEScanner()
        bytes.withUnsafeBytes { scanner.feed($0) }
        return .ole(scanner.found)
    }

    /// Text (UTF-8, or UTF-16 with a byte-order mark) whose first line holds a comma,
    /// semicolon or tab and which has a line break: what Excel writes as `.csv`.
    static func looksDelimited(_ head: ArraySlice<UInt8>) -> Bool {
        var bytes = Array(head)
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let little = bytes[0] == 0xFF
            var units: [UInt16] = []
            var i = 2
            while i + 1 < bytes.count {
                units.append(little ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]))
                i += 2
            }
            bytes = Array(String(decoding: units, as: UTF16.self).utf8)
        } else if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes.removeFirst(3)
        }
        guard !bytes.isEmpty, !bytes.contains(0) else { return false }
        guard let newline = bytes.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else { return false }
        let firstLine = bytes[..<newline]
        let controls = bytes.filter { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }.count
        return controls == 0 && firstLine.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ";") || $0 == 0x09 }
    }

    private static func isZip(_ head: [UInt8]) -> Bool {
        Array(head[0..<4]) == zipMagic
    }

    /// The refusal for a file that is not a zip package, as the `.xlsx` reader words it.
    static func xlsxRefusal(_ kind: SniffedKind) -> XLSXError {
        switch kind {
        case .zip: return .notAZip
        case .ole(let streams): return streams.contains(.encryptedPackage) ? .encrypted : .legacyXLS
        case .delimitedText, .unknown: return .notAZip
        }
    }
}

/// Finds OLE directory entries (and any UTF-16LE `EncryptedPackage`) in a file fed in
/// chunks whose sizes are multiples of 128 bytes, except the last.
struct OLEScanner {
    private(set) var found: OLEStreams = []
    private var carry: [UInt8] = []

    mutating func feed(_ chunk: UnsafeRawBufferPointer) {
        let bytes = chunk.bindMemory(to: UInt8.self)
        // Directory entries: 128-byte blocks, name (UTF-16LE, NUL-terminated) at 0,
        // its byte length with the terminator at 64, object type at 66 (2 = stream).
        var block = 0
        while block + 128 <= bytes.count {
            let length = Int(bytes[block + 64]) | Int(bytes[block + 65]) << 8
            if bytes[block + 66] == 2, length >= 4, length <= 64, length % 2 == 0 {
                let nameLength = length - 2
                for (name, kind) in FileSniffer.directoryNames where name.count == nameLength {
                    var equal = true
                    for i in 0..<nameLength where bytes[block + i] != name[i] {
                        equal = false
                        break
                    }
                    if equal { found.insert(kind) }
                }
            }
            block += 128
        }
        // The legacy rule: the encrypted-package name anywhere, across chunk boundaries.
        let needle = FileSniffer.encryptedPackageName
        let window = carry + Array(bytes)
        if contains(needle, in: window) { found.insert(.encryptedPackage) }
        carry = Array(window.suffix(needle.count - 1))
    }

    private func contains(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        guard haystack.count >= needle.count, let first = needle.first else { return false }
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var k = 1
                while k < needle.count, haystack[i + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}
