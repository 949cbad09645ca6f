import Crypto
import Foundation

/// Frameworks already parsed, kept in the user's cache folder in a compact binary form
/// (``FrameworkCodec``) and keyed by the SHA-256 of the file's bytes, so a command does
/// not parse the same YAML file (or import the same appendix workbook) on every run. An
/// entry also holds the framework's ``FrameworkStore/versionHash(_:)``, which is otherwise
/// recomputed by encoding it.
///
/// A changed file has another hash, so its old entry is simply not found. A cache that
/// cannot be read or written (missing folder, corrupt, foreign or older entry) never fails
/// a command: the file is parsed as without a cache, and the entry written again.
public struct FrameworkCache: Sendable {
    /// The folder holding the entries (`…/frameworks`).
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// The `frameworks` folder of the user's cache (``CacheFolder``); nil when none can be
    /// named (no home folder).
    public static func user(environment: [String: String] = ProcessInfo.processInfo.environment) -> FrameworkCache? {
        guard let base = CacheFolder.path(environment: environment) else { return nil }
        return FrameworkCache(directory: URL(fileURLWithPath: base, isDirectory: true)
            .appendingPathComponent("frameworks", isDirectory: true))
    }

    /// Bumped whenever ``Framework`` or the way a file is read changes meaning (2: entries
    /// in ``FrameworkCodec``'s binary form, `.pxf`; the JSON entries of 1 are ignored).
    static let format = 2

    /// The key of a file's content read as `kind` (`yaml`, `json`, `xlsx:<file name>`…).
    static func key(for data: Data, kind: String) -> String {
        var hasher = SHA256()
        hasher.update(data: Data("parindex-framework-\(format)\u{0}\(kind)\u{0}".utf8))
        hasher.update(data: data)
        return hex(hasher.finalize())
    }

    /// Lower-case hexadecimal digits of `bytes`.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes { out.append(digits[Int(byte >> 4)]); out.append(digits[Int(byte & 0xF)]) }
        return String(decoding: out, as: UTF8.self)
    }

    func url(for key: String) -> URL {
        directory.appendingPathComponent("\(key).pxf")
    }

    /// The framework cached for `data` read as `kind`, else `parse()`'s, stored for next time.
    /// Errors of `parse` are thrown as they are (nothing is cached for them).
    public func framework(for data: Data, kind: String, parse: () throws -> Framework) throws -> Framework {
        let key = Self.key(for: data, kind: kind)
        if let cached = lookup(key) { return cached }
        let framework = try parse()
        store(framework, key: key)
        return framework
    }

    /// The entry for `key`, when present, readable and really that key's.
    func lookup(_ key: String) -> Framework? {
        guard let data = FileManager.default.contents(atPath: url(for: key).path),
              let entry = try? FrameworkCodec.decode(data), entry.key == key else { return nil }
        FrameworkStore.rememberVersionHash(entry.versionHash, of: entry.framework)
        return entry.framework
    }

    /// Writes the entry atomically; any failure is ignored (the cache is an optimisation).
    func store(_ framework: Framework, key: String) {
        let data = Data(FrameworkCodec.encode(framework, key: key, versionHash: FrameworkStore.versionHash(framework)))
        do {
            // Private like the result cache: the folder 0700 (and the cache folder above it
            // when this makes it), the entry 0600.
            let parent = directory.deletingLastPathComponent()
            if !FileManager.default.fileExists(atPath: parent.path) {
                try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            }
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            let path = url(for: key).path
            try AtomicFile.write(data, to: path)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        } catch {
            // An unwritable cache folder only costs the next run a parse.
        }
    }
}
