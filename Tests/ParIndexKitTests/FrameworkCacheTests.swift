import Foundation
import Testing
@testable import ParIndexKit

/// The framework cache: the same file's framework comes back from the cache, a changed file
/// is parsed again, a corrupt or foreign entry is ignored, and an unusable folder never
/// fails a load.
@Suite struct FrameworkCacheTests {
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("parindex-fwcache-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static let yamlSource = SeedWorkbookImportTests.root
        .appendingPathComponent("Examples/frameworks/003-so-khcn-dak-nong-2023.yaml").path

    static func entries(_ cache: FrameworkCache) -> [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: cache.directory, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "pxf" }
    }

    @Test func aCachedFrameworkEqualsTheParsedOne() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("framework.yaml").path
        try FileManager.default.copyItem(atPath: Self.yamlSource, toPath: path)
        let cache = FrameworkCache(directory: folder.appendingPathComponent("cache/frameworks"))
        let parsed = try FrameworkStore.load(path: path)
        let first = try FrameworkStore.load(path: path, cache: cache)
        #expect(first == parsed)
        #expect(Self.entries(cache).count == 1)
        // Private: the folders it made 0700, the entry 0600.
        func mode(_ url: URL) throws -> Int { try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as! Int }
        #expect(try mode(cache.directory) == 0o700 && mode(cache.directory.deletingLastPathComponent()) == 0o700)
        #expect(try mode(Self.entries(cache)[0]) == 0o600)
        let second = try FrameworkStore.load(path: path, cache: cache)
        #expect(second == parsed)
        #expect(FrameworkStore.versionHash(second) == FrameworkStore.computeVersionHash(parsed))
        #expect(Self.entries(cache).count == 1)
    }

    @Test func aChangedFileIsParsedAgain() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("framework.yaml").path
        let cache = FrameworkCache(directory: folder.appendingPathComponent("frameworks"))
        let original = try String(contentsOfFile: Self.yamlSource, encoding: .utf8)
        try original.write(toFile: path, atomically: true, encoding: .utf8)
        let before = try FrameworkStore.load(path: path, cache: cache)
        // Same path, new content: another title.
        let edited = original.replacingOccurrences(of: before.metadata.title, with: "Bộ tiêu chí đã sửa")
        #expect(edited != original)
        try edited.write(toFile: path, atomically: true, encoding: .utf8)
        let after = try FrameworkStore.load(path: path, cache: cache)
        #expect(after.metadata.title == "Bộ tiêu chí đã sửa")
        #expect(after == (try FrameworkStore.load(path: path)))
        #expect(Self.entries(cache).count == 2)
    }

    @Test func aCorruptForeignOrOlderEntryIsIgnoredAndReplaced() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("framework.yaml").path
        try FileManager.default.copyItem(atPath: Self.yamlSource, toPath: path)
        let cache = FrameworkCache(directory: folder.appendingPathComponent("frameworks"))
        let parsed = try FrameworkStore.load(path: path)
        _ = try FrameworkStore.load(path: path, cache: cache)
        let entry = try #require(Self.entries(cache).first)
        let key = entry.deletingPathExtension().lastPathComponent
        let good = try Data(contentsOf: entry)
        #expect(cache.lookup(key) == parsed)
        var damaged = good; damaged[damaged.count / 2] ^= 0x20
        var older = [UInt8](good); older[3] = 0
        for bad in [Data("{\"format\":1,\"key\":".utf8), Data(), Data([0xFF, 0x00, 0x7B]), good.dropLast(), damaged,
                    // An entry of an older version (checksum right): not read.
                    Data(FrameworkCodec.sealed(Array(older.dropLast(32)))),
                    // A valid entry of another key (copied by hand): not taken.
                    Data(FrameworkCodec.encode(parsed, key: String(repeating: "0", count: 64),
                                               versionHash: FrameworkStore.versionHash(parsed)))] {
            try bad.write(to: entry)
            #expect(cache.lookup(key) == nil)
            #expect(try FrameworkStore.load(path: path, cache: cache) == parsed)
            // The entry was written again, whole: it is read back as this file's.
            #expect(cache.lookup(key) == parsed)
            #expect(try Data(contentsOf: entry) == good)
        }
        // The JSON entry of format 1 left by an older build is not read (another name).
        let folderOld = folder.appendingPathComponent("old/frameworks")
        try FileManager.default.createDirectory(at: folderOld, withIntermediateDirectories: true)
        let oldCache = FrameworkCache(directory: folderOld)
        let oldKey = FrameworkCache.key(for: try Data(contentsOf: URL(fileURLWithPath: path)), kind: "yaml")
        try Data("{\"format\":1}".utf8).write(to: folderOld.appendingPathComponent("\(oldKey).json"))
        #expect(oldCache.lookup(oldKey) == nil)
        #expect(try FrameworkStore.load(path: path, cache: oldCache) == parsed)
        #expect(Self.entries(oldCache).count == 1)
    }

    @Test func anUnusableCacheFolderDoesNotFailTheLoad() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let blocker = folder.appendingPathComponent("file")
        try Data("x".utf8).write(to: blocker)
        // The cache folder would be under a plain file: it cannot be created.
        let cache = FrameworkCache(directory: blocker.appendingPathComponent("frameworks"))
        #expect(try FrameworkStore.load(path: Self.yamlSource, cache: cache) == (try FrameworkStore.load(path: Self.yamlSource)))
    }

    @Test func anImportedWorkbookIsCachedUnderItsNameAndContent() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = FrameworkCache(directory: folder.appendingPathComponent("frameworks"))
        let workbook = SeedWorkbookImportTests.workbook("003-so-khcn-dak-nong-2023")
        let renamed = folder.appendingPathComponent("phu-luc.xlsx").path
        try FileManager.default.copyItem(atPath: workbook, toPath: renamed)
        let a = try FrameworkStore.loadAny(path: workbook, cache: cache)
        #expect(a == (try FrameworkStore.loadAny(path: workbook)))
        #expect(try FrameworkStore.loadAny(path: workbook, cache: cache) == a)
        // Same bytes, another name: the source recorded differs, so another entry.
        let b = try FrameworkStore.loadAny(path: renamed, cache: cache)
        #expect(b.metadata.source == "phu-luc.xlsx")
        #expect(Self.entries(cache).count == 2)
    }

    @Test func userFolderFollowsTheEnvironment() {
        #expect(FrameworkCache.user(environment: ["PARINDEX_CACHE_DIR": "/tmp/c", "HOME": "/home/u"])?.directory.path
            == "/tmp/c/frameworks")
        #expect(FrameworkCache.user(environment: ["XDG_CACHE_HOME": "/var/xdg", "HOME": "/home/u"])?.directory.path
            == "/var/xdg/parindex/frameworks")
        #expect(FrameworkCache.user(environment: ["HOME": "/home/u"])?.directory.path == "/home/u/.cache/parindex/frameworks")
        #expect(FrameworkCache.user(environment: [:]) == nil)
    }
}
