import Crypto
import Foundation

/// Frameworks already parsed, kept as compact JSON in the user's cache folder and keyed by
/// the SHA-256 of the file's bytes, so a command does not parse the same YAML file (or
/// import the same appendix workbook) on every run. An entry also holds the framework's
/// ``FrameworkStore/versionHash(_:)``, which is otherwise recomputed by encoding it.
///
/// A changed file has another hash, so its old entry is simply not found. A cache that
/// cannot be read or written (missing folder, corrupt or foreign entry) never fails a
/// command: the file is parsed as without a cache.
public struct FrameworkCache: Sendable {
    /// The folder holding the entries (`…/frameworks`).
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// The user's cache: `$PARINDEX_CACHE_DIR/frameworks`, else
    /// `$XDG_CACHE_HOME/parindex/frameworks`, else `~/.cache/parindex/frameworks`; nil when
    /// none can be named (no home folder).
    public static func user(environment: [String: String] = ProcessInfo.processInfo.environment) -> FrameworkCache? {
        let base: URL
        if let dir = environment["PARINDEX_CACHE_DIR"], !dir.isEmpty {
            base = URL(fileURLWithPath: dir, isDirectory: true)
        } else if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            base = URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("parindex", isDirectory: true)
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            base = URL(fileURLWithPath: home, isDirectory: true)
                .appendingPathComponent(".cache/parindex", isDirectory: true)
        } else {
            return nil
        }
        return FrameworkCache(directory: base.appendingPathComponent("frameworks", isDirectory: true))
    }

    /// Bumped whenever ``Framework`` or the way a file is read changes meaning.
    static let format = 1

    /// One cached framework. `key` repeats the file name so an entry copied or renamed
    /// by hand is not taken for another file's.
    struct Entry: Codable {
        var format: Int
        var key: String
        var versionHash: String
        var framework: Framework
    }

    /// The key of a file's content read as `kind` (`yaml`, `json`, `xlsx:<file name>`…).
    static func key(for data: Data, kind: String) -> String {
        var hasher = SHA256()
        hasher.update(data: Data("parindex-framework-\(format)\u{0}\(kind)\u{0}".utf8))
        hasher.update(data: data)
        return hasher.finalize().map { byte in
            let hex = Array("0123456789abcdef".utf8)
            return String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]], as: UTF8.self)
        }.joined()
    }

    func url(for key: String) -> URL {
        directory.appendingPathComponent("\(key).json")
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
              let entry = try? JSONDecoder().decode(Entry.self, from: data),
              entry.format == Self.format, entry.key == key else { return nil }
        FrameworkStore.rememberVersionHash(entry.versionHash, of: entry.framework)
        return entry.framework
    }

    /// Writes the entry atomically; any failure is ignored (the cache is an optimisation).
    func store(_ framework: Framework, key: String) {
        let entry = Entry(format: Self.format, key: key, versionHash: FrameworkStore.versionHash(framework),
                          framework: framework)
        guard let data = try? JSONEncoder().encode(entry) else { return }
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
