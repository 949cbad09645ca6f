import Crypto
import Foundation
import ParIndexKit
import Synchronization

/// The content-hash cache of the stateless `validate` / `consolidate`: what reading and
/// checking a workbook gave, kept by the SHA-256 of its bytes with the framework's hash,
/// the read limits and this build, so `consolidate` after `validate` reads no workbook
/// again. A private folder (`0700`, files `0600`); each entry ends with the SHA-256 of its
/// content, so a damaged or truncated entry reads as absent (the workbook is read again)
/// and never changes a result. ``prune()`` keeps the folder under ``maxBytes`` by deleting
/// the oldest segments.
///
/// Segments: each cache opened (one run) appends the entries it stores to one segment file,
/// `<time>-<random>.pxs`, chosen on its first entry — not one file per entry: creating
/// 1,000 files cost `validate` more system time than writing them (ext4 searches past
/// recently deleted inodes on every create). A run appends to the newest segment under
/// 4 MiB that no other run holds (`flock`), so short runs share files, else makes one. A segment is `PXS1`, then records: the
/// 32-byte key, the entry's length (4 bytes, little-endian), the entry. Lookups use an
/// index of every segment's records (keys and places, read once, on the first lookup);
/// a later record of a key wins, an unreadable one falls back to the earlier ones.
///
/// Entry: `PXK1`, the imposed layout's JSON (varint length, bytes), the
/// ``CheckedFileCodec`` blob, then 32 bytes of SHA-256 over everything before.
public final class ResultCache: CheckedFileCache {
    /// The folder holding the segments.
    public let directory: String
    /// Size the folder is pruned to stay under.
    public let maxBytes: Int
    /// This build's part of every key (a rebuilt tool never reads an older build's entries).
    public let build: String

    static let magic = Array("PXK1".utf8)
    static let segmentMagic = Array("PXS1".utf8)
    static let suffix = ".pxs"
    /// Per-entry files of earlier builds: never read, pruned like segments.
    static let oldSuffix = ".pxk"
    /// No entry is larger (a length beyond it is a damaged record).
    static let maxEntryBytes = 1 << 28

    /// The user's cache folder (``CacheFolder``); nil when none can be named.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        CacheFolder.path(environment: environment)
    }

    /// Identifies the running executable (path, size, modification time) and the codec
    /// version: entries written by another build are never read.
    public static let currentBuild: String = {
        // The executable as the kernel names it, and its `stat` (`Bundle` and
        // `FileManager.attributesOfItem` cost half a millisecond of every run's start).
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let path = length > 0 ? String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            : (Bundle.main.executablePath ?? CommandLine.arguments.first ?? "?")
        var info = stat()
        let found = stat(path, &info) == 0
        let size = found ? Int(info.st_size) : 0
        let modified = found ? Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1_000_000_000 : 0
        return "\(path)|\(size)|\(modified)|codec \(CheckedFileCodec.version)"
    }()

    /// Where a record's entry lies.
    struct Location: Sendable {
        var segment: String
        var offset: Int
        var length: Int
    }

    private struct State {
        /// Key → its records, oldest first; nil until the first lookup reads the segments.
        var index: [Data: [Location]]?
        /// The segment this cache appends to (path, descriptor holding its lock), once chosen.
        var segment: (path: String, fd: Int32)?
    }

    private let state = Mutex(State())

    /// Opens (creating it, private to the user) the cache folder. `maxBytes` defaults to
    /// 256 MiB (about 12,000 returns).
    public init(directory: String, maxBytes: Int = 256 << 20, build: String = ResultCache.currentBuild) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        self.directory = directory
        self.maxBytes = maxBytes
        self.build = build
    }

    deinit {
        state.withLock { state in
            if let segment = state.segment { close(segment.fd) }
        }
    }

    /// The key of these bytes in this context.
    func key(for bytes: Data, context: String) -> Data {
        var hasher = SHA256()
        hasher.update(data: Data(SHA256.hash(data: bytes)))
        hasher.update(data: Data("\n\(context)\n\(build)".utf8))
        return Data(hasher.finalize())
    }

    public func entry(for bytes: Data, context: String) -> CachedCheck? {
        let key = key(for: bytes, context: context)
        let locations = state.withLock { state -> [Location] in
            if state.index == nil { state.index = Self.readIndex(directory) }
            return state.index?[key] ?? []
        }
        for location in locations.reversed() {
            if let data = read(location), let entry = Self.decode(data) { return entry }
        }
        return nil
    }

    public func store(_ entry: CachedCheck, for bytes: Data, context: String) {
        let key = key(for: bytes, context: context)
        let encoded = Self.encode(entry)
        guard encoded.count <= Self.maxEntryBytes else { return }
        var record = [UInt8](key)
        var length = UInt32(encoded.count).littleEndian
        withUnsafeBytes(of: &length) { record.append(contentsOf: $0) }
        record.append(contentsOf: encoded)
        // Appended without fsync: an entry lost in a crash is only a file read again, and
        // a torn one fails its checksum.
        state.withLock { state in
            guard let segment = openSegment(&state) else { return }
            let offset = Int(lseek(segment.fd, 0, SEEK_END))
            guard offset >= Self.segmentMagic.count, Self.writeAll(segment.fd, record) else { return }
            let location = Location(segment: segment.path, offset: offset + 36, length: encoded.count)
            state.index?[key, default: []].append(location)
        }
    }

    /// The segment this cache appends to, chosen on its first entry: the newest small
    /// segment that no other cache is appending to and that ends with a whole record (so
    /// that many short runs share a few files), else a new one. Either is held with an
    /// exclusive `flock` until the cache is released. Nil when none can be opened.
    private func openSegment(_ state: inout State) -> (path: String, fd: Int32)? {
        if let segment = state.segment { return segment }
        if let reused = reusableSegment() {
            state.segment = reused
            return reused
        }
        let stamp = String(UInt64(Date().timeIntervalSince1970 * 1_000_000), radix: 16)
        let name = String(repeating: "0", count: max(0, 14 - stamp.count)) + stamp + "-"
            + String(UInt64.random(in: 0...UInt64.max), radix: 16) + Self.suffix
        let path = (directory as NSString).appendingPathComponent(name)
        let fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0, Self.writeAll(fd, Self.segmentMagic) else { close(fd); unlink(path); return nil }
        state.segment = (path, fd)
        return (path, fd)
    }

    /// A segment is shared by later runs while it is smaller than this.
    static let reusableBytes = 4 << 20

    /// The newest of the last few segments that is small, not locked by another cache, and
    /// whole (its records end at its end: a torn record would swallow what follows it).
    private func reusableSegment() -> (path: String, fd: Int32)? {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(Self.suffix) }
        for name in names.sorted(by: >).prefix(4) {
            let path = (directory as NSString).appendingPathComponent(name)
            let fd = open(path, O_RDWR | O_APPEND | O_CLOEXEC)
            guard fd >= 0 else { continue }
            var info = stat()
            if flock(fd, LOCK_EX | LOCK_NB) == 0, fstat(fd, &info) == 0, Int(info.st_size) < Self.reusableBytes,
               Self.wholeLength(ofSegment: path) == Int(info.st_size) {
                return (path, fd)
            }
            close(fd)
        }
        return nil
    }

    /// Where a segment's last whole record ends (its magic's end when it has none); nil when
    /// it is not a segment.
    static func wholeLength(ofSegment path: String) -> Int? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        var magic = [UInt8](repeating: 0, count: segmentMagic.count)
        let read = pread(fd, &magic, magic.count, 0)
        close(fd)
        guard read == magic.count, magic == segmentMagic else { return nil }
        return records(inSegment: path).last.map { $0.location.offset + $0.location.length } ?? segmentMagic.count
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
    }

    /// The bytes of a record's entry; nil when they cannot all be read.
    private func read(_ location: Location) -> Data? {
        // Opened for each read (a cache may index thousands of segments: descriptors kept
        // open could run out).
        let fd = open(location.segment, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var data = Data(count: location.length)
        let complete = data.withUnsafeMutableBytes { raw -> Bool in
            var done = 0
            while done < raw.count {
                let n = pread(fd, raw.baseAddress! + done, raw.count - done, off_t(location.offset + done))
                if n <= 0 { return false }
                done += n
            }
            return true
        }
        return complete ? data : nil
    }

    /// Every record of every segment in `directory`, by key (segments in name order: the
    /// order they were made in).
    static func readIndex(_ directory: String) -> [Data: [Location]] {
        var index: [Data: [Location]] = [:]
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(suffix) }
        for name in names.sorted() {
            let path = (directory as NSString).appendingPathComponent(name)
            for (key, location) in records(inSegment: path) { index[key, default: []].append(location) }
        }
        return index
    }

    /// The records of one segment, in order: each key with where its entry lies. Stops at
    /// the first record that does not fit in the file (being written, or damaged).
    static func records(inSegment path: String) -> [(key: Data, location: Location)] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return [] }
        let size = Int(info.st_size)
        var magic = [UInt8](repeating: 0, count: segmentMagic.count)
        guard pread(fd, &magic, magic.count, 0) == magic.count, magic == segmentMagic else { return [] }
        var out: [(Data, Location)] = []
        var offset = segmentMagic.count
        var header = [UInt8](repeating: 0, count: 36)
        while offset + 36 <= size {
            guard pread(fd, &header, 36, off_t(offset)) == 36 else { break }
            let length = Int(header[32]) | Int(header[33]) << 8 | Int(header[34]) << 16 | Int(header[35]) << 24
            guard length <= maxEntryBytes, offset + 36 + length <= size else { break }
            out.append((Data(header[..<32]), Location(segment: path, offset: offset + 36, length: length)))
            offset += 36 + length
        }
        return out
    }

    /// An entry's bytes.
    static func encode(_ entry: CachedCheck) -> Data {
        var out = magic
        var length = UInt64(entry.imposedLayout.utf8.count)
        while length >= 0x80 { out.append(UInt8(truncatingIfNeeded: length) | 0x80); length >>= 7 }
        out.append(UInt8(length))
        out.append(contentsOf: entry.imposedLayout.utf8)
        out.append(contentsOf: CheckedFileCodec.encode(entry.file))
        out.append(contentsOf: SHA256.hash(data: out))
        return Data(out)
    }

    /// The entry in `data`; nil when damaged, truncated or not an entry.
    static func decode(_ data: Data) -> CachedCheck? {
        let bytes = [UInt8](data)
        guard bytes.count > magic.count + 1 + 32, Array(bytes[..<magic.count]) == magic else { return nil }
        let body = bytes[..<(bytes.count - 32)]
        guard Array(SHA256.hash(data: body)) == Array(bytes[(bytes.count - 32)...]) else { return nil }
        var at = magic.count, length = 0, shift = 0
        while true {
            guard at < body.count, shift < 63 else { return nil }
            let byte = body[at]
            at += 1
            length |= Int(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        guard length <= body.count - at else { return nil }
        let layout = String(decoding: body[at..<(at + length)], as: UTF8.self)
        guard let file = try? CheckedFileCodec.decode(Array(body[(at + length)...])) else { return nil }
        return CachedCheck(file: file, imposedLayout: layout)
    }

    /// Deletes the oldest segments (and entry files of earlier builds, stray temporary
    /// files) while the folder is larger than ``maxBytes``, down to three quarters of it;
    /// this cache's own segment is kept. Errors are ignored.
    public func prune() {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory) else { return }
        let own = state.withLock { $0.segment?.path }
        var entries: [(path: String, size: Int, modified: Date)] = []
        var total = 0
        for name in names where name.hasSuffix(Self.suffix) || name.hasSuffix(Self.oldSuffix) || name.hasSuffix(".tmp") {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let attributes = try? fm.attributesOfItem(atPath: path) else { continue }
            let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
            let modified = attributes[.modificationDate] as? Date ?? .distantPast
            if name.hasSuffix(".tmp"), modified < Date().addingTimeInterval(-3600) { try? fm.removeItem(atPath: path); continue }
            total += size
            if path != own { entries.append((path, size, modified)) }
        }
        guard total > maxBytes else { return }
        for entry in entries.sorted(by: { ($0.modified, $0.path) < ($1.modified, $1.path) }) {
            try? fm.removeItem(atPath: entry.path)
            total -= entry.size
            if total <= maxBytes * 3 / 4 { break }
        }
    }
}
