import Crypto
import Foundation
import ParIndexKit

/// The content-hash cache of the stateless `validate` / `consolidate`: what reading and
/// checking a workbook gave, kept by the SHA-256 of its bytes with the framework's hash,
/// the read limits and this build, so `consolidate` after `validate` reads no workbook
/// again. One file per entry in a private folder (`0700`, entries `0600`), written
/// atomically; each entry ends with the SHA-256 of its content, so a damaged or truncated
/// entry reads as absent (the workbook is read again) and never changes a result.
/// ``prune()`` keeps the folder under ``maxBytes`` by deleting the oldest entries.
///
/// Entry: `PXK1`, the imposed layout's JSON (varint length, bytes), the
/// ``CheckedFileCodec`` blob, then 32 bytes of SHA-256 over everything before.
public final class ResultCache: CheckedFileCache {
    /// The folder holding the entries.
    public let directory: String
    /// Size the folder is pruned to stay under.
    public let maxBytes: Int
    /// This build's part of every key (a rebuilt tool never reads an older build's entries).
    public let build: String

    static let magic = Array("PXK1".utf8)
    static let suffix = ".pxk"

    /// The folder from the environment: `$PARINDEX_CACHE_DIR`, else
    /// `$XDG_CACHE_HOME/parindex`, else `~/.cache/parindex`; nil without any of them.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let dir = environment["PARINDEX_CACHE_DIR"], !dir.isEmpty { return dir }
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return (xdg as NSString).appendingPathComponent("parindex") }
        if let home = environment["HOME"], !home.isEmpty { return (home as NSString).appendingPathComponent(".cache/parindex") }
        return nil
    }

    /// Identifies the running executable (path, size, modification time) and the codec
    /// version: entries written by another build are never read.
    public static let currentBuild: String = {
        let path = Bundle.main.executablePath ?? CommandLine.arguments.first ?? "?"
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
        let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(path)|\(size)|\(modified)|codec \(CheckedFileCodec.version)"
    }()

    /// Opens (creating it, private to the user) the cache folder. `maxBytes` defaults to
    /// 256 MiB (about 12,000 returns).
    public init(directory: String, maxBytes: Int = 256 << 20, build: String = ResultCache.currentBuild) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        self.directory = directory
        self.maxBytes = maxBytes
        self.build = build
    }

    /// The entry's file name for these bytes in this context.
    func path(for bytes: Data, context: String) -> String {
        var hasher = SHA256()
        hasher.update(data: Data(SHA256.hash(data: bytes)))
        hasher.update(data: Data("\n\(context)\n\(build)".utf8))
        let name = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return (directory as NSString).appendingPathComponent(name + Self.suffix)
    }

    public func entry(for bytes: Data, context: String) -> CachedCheck? {
        guard let data = FileManager.default.contents(atPath: path(for: bytes, context: context)) else { return nil }
        return Self.decode(data)
    }

    public func store(_ entry: CachedCheck, for bytes: Data, context: String) {
        let target = path(for: bytes, context: context)
        let temporary = target + ".\(UUID().uuidString).tmp"
        // Written and renamed into place without fsync: an entry lost in a crash is only
        // a file read again, and a torn one fails its checksum (FileManager's atomic write
        // syncs every file: a third of the cost of filling the cache).
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { return }
        let bytes = Self.encode(entry)
        let written = bytes.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
        close(fd)
        if !written || rename(temporary, target) != 0 { unlink(temporary) }
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

    /// Deletes the oldest entries (and stray temporary files) while the folder is larger
    /// than ``maxBytes``, down to three quarters of it. Errors are ignored.
    public func prune() {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory) else { return }
        var entries: [(path: String, size: Int, modified: Date)] = []
        var total = 0
        for name in names where name.hasSuffix(Self.suffix) || name.hasSuffix(".tmp") {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let attributes = try? fm.attributesOfItem(atPath: path) else { continue }
            let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
            let modified = attributes[.modificationDate] as? Date ?? .distantPast
            if name.hasSuffix(".tmp"), modified < Date().addingTimeInterval(-3600) { try? fm.removeItem(atPath: path); continue }
            entries.append((path, size, modified))
            total += size
        }
        guard total > maxBytes else { return }
        for entry in entries.sorted(by: { $0.modified < $1.modified }) {
            try? fm.removeItem(atPath: entry.path)
            total -= entry.size
            if total <= maxBytes * 3 / 4 { break }
        }
    }
}
