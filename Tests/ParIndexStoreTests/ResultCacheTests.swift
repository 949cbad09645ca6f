import Foundation
import Synchronization
import Testing
import XLSX
import ParIndexKit
@testable import ParIndexStore

/// The content-hash cache of validate/consolidate: results identical with and without it,
/// a second run reads no workbook, damaged entries are ignored, entries private, pruning.
struct ResultCacheTests {
    /// Counts what the wrapped cache answered.
    final class Counting: CheckedFileCache {
        let inner: ResultCache
        let hits = Atomic<Int>(0)
        init(_ inner: ResultCache) { self.inner = inner }
        func entry(for bytes: Data, context: String) -> CachedCheck? {
            let found = inner.entry(for: bytes, context: context)
            if found != nil { hits.add(1, ordering: .relaxed) }
            return found
        }
        func store(_ entry: CachedCheck, for bytes: Data, context: String) { inner.store(entry, for: bytes, context: context) }
    }

    static func sources() -> [SubmissionSource] {
        let returns = StoreTestSupport.root.appendingPathComponent("Tests/Fixtures/returns").path
        return SubmissionSource.expand([StoreTestSupport.submissions, returns])
    }

    static func validate(_ sources: [SubmissionSource], cache: (any CheckedFileCache)?) async throws -> String {
        let run = ValidationRun(framework: try StoreTestSupport.framework(), options: RunOptions(cache: cache))
        return try await run.run(sources).report.json()
    }

    /// Every cell of every sheet of a workbook, as text.
    static func cells(_ path: String) throws -> [String] {
        let reader = try XLSXReader(path: path)
        var out: [String] = []
        for sheet in reader.sheets {
            _ = try reader.readRows(of: sheet) { row in
                for cell in row.cells { out.append("\(sheet.name)!\(cell.reference.a1)=\(cell.value)") }
            }
        }
        return out
    }

    static func consolidate(_ sources: [SubmissionSource], cache: (any CheckedFileCache)?, to path: String) async throws {
        let fw = try StoreTestSupport.framework()
        let run = ConsolidationRun(framework: fw, layout: try LayoutLibrary.load(LayoutLibrary.defaultName(for: fw)),
                                   options: RunOptions(cache: cache))
        try await run.run(sources).write(to: path)
    }

    @Test func resultsAreIdenticalWithAndWithoutTheCacheAndTheSecondRunReadsNothing() async throws {
        let dir = try StoreTestSupport.scratch()
        let cache = Counting(try ResultCache(directory: dir + "/cache"))
        let sources = Self.sources()
        let plain = try await Self.validate(sources, cache: nil)
        let cold = try await Self.validate(sources, cache: cache)
        #expect(cache.hits.load(ordering: .relaxed) == 0)
        let warm = try await Self.validate(sources, cache: cache)
        #expect(plain == cold && cold == warm)
        let readable = try await ValidationRun(framework: try StoreTestSupport.framework()).run(sources).report.files
            .filter { $0.status == .valid || $0.status == .invalid }.count
        #expect(readable > 20 && cache.hits.load(ordering: .relaxed) == readable, "every readable file came from the cache")

        // consolidate after validate: the same appendix as without the cache.
        try await Self.consolidate(sources, cache: nil, to: dir + "/plain.xlsx")
        try await Self.consolidate(sources, cache: cache, to: dir + "/cached.xlsx")
        try await Self.consolidate(sources, cache: cache, to: dir + "/warm.xlsx")
        let expected = try Self.cells(dir + "/plain.xlsx")
        #expect(try Self.cells(dir + "/cached.xlsx") == expected)
        #expect(try Self.cells(dir + "/warm.xlsx") == expected)
    }

    @Test func aRenamedOrMovedFileGetsItsOwnNameInEveryFinding() async throws {
        let dir = try StoreTestSupport.scratch()
        let cache = try ResultCache(directory: dir + "/cache")
        let original = StoreTestSupport.example("VHTT - tu danh gia 2023.xlsx")
        let renamed = dir + "/VHTT lan 2.xlsx"
        try FileManager.default.copyItem(atPath: original, toPath: renamed)
        _ = try await Self.validate([.file(path: original)], cache: cache)
        let fromCache = try await Self.validate([.file(path: renamed)], cache: cache)
        #expect(fromCache == (try await Self.validate([.file(path: renamed)], cache: nil)))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: original))
        let upload = try await Self.validate([.bytes(bytes, name: "tai-len.xlsx")], cache: cache)
        #expect(upload == (try await Self.validate([.bytes(bytes, name: "tai-len.xlsx")], cache: nil)))
    }

    @Test func damagedOrTruncatedEntriesAreIgnoredAndResultsUnchanged() async throws {
        let dir = try StoreTestSupport.scratch()
        let folder = dir + "/cache"
        let cache = Counting(try ResultCache(directory: folder))
        let sources = Self.sources()
        let plain = try await Self.validate(sources, cache: nil)
        _ = try await Self.validate(sources, cache: cache)
        let entries = try FileManager.default.contentsOfDirectory(atPath: folder).map { folder + "/" + $0 }
        #expect(entries.count > 20)
        for (i, path) in entries.enumerated() {
            var data = try Data(contentsOf: URL(fileURLWithPath: path))
            switch i % 4 {
            case 0: data = data.prefix(data.count / 2)                    // truncated
            case 1: data[data.count / 2] ^= 0x55                           // one byte changed
            case 2: data = Data()                                          // empty
            default: data = Data("{\"file\": \"khong phai\"}".utf8)         // something else
            }
            try data.write(to: URL(fileURLWithPath: path))
        }
        let before = cache.hits.load(ordering: .relaxed)
        #expect(try await Self.validate(sources, cache: cache) == plain)
        #expect(cache.hits.load(ordering: .relaxed) == before, "no damaged entry was used")
        // The damaged entries were replaced: the next run is served from the cache again.
        #expect(try await Self.validate(sources, cache: cache) == plain)
        #expect(cache.hits.load(ordering: .relaxed) > before)
        // A valid entry's checksum covers every byte: a change in the codec part is caught too.
        let one = ResultCache.encode(CachedCheck(file: CheckedFile(file: "", status: .valid), imposedLayout: ""))
        for i in 0..<one.count {
            var damaged = one
            damaged[i] ^= 0x01
            #expect(ResultCache.decode(damaged) == nil)
        }
        #expect(ResultCache.decode(one) != nil)
    }

    @Test func entriesArePrivateAndTheFolderIsPrunedOldestFirst() async throws {
        let dir = try StoreTestSupport.scratch()
        let folder = dir + "/cache"
        let cache = try ResultCache(directory: folder, maxBytes: 60_000)
        _ = try await Self.validate(Self.sources(), cache: cache)
        let fm = FileManager.default
        #expect((try fm.attributesOfItem(atPath: folder)[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        var names = try fm.contentsOfDirectory(atPath: folder)
        for name in names {
            #expect((try fm.attributesOfItem(atPath: folder + "/" + name)[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        }
        // Age the entries: the first half older than the rest.
        names.sort()
        for (i, name) in names.enumerated() {
            try fm.setAttributes([.modificationDate: Date(timeIntervalSinceNow: Double(i - names.count) * 60)],
                                 ofItemAtPath: folder + "/" + name)
        }
        cache.prune()
        let kept = try fm.contentsOfDirectory(atPath: folder)
        let size = try kept.reduce(0) { $0 + ((try fm.attributesOfItem(atPath: folder + "/" + $1)[.size] as? NSNumber)?.intValue ?? 0) }
        #expect(size <= 45_000 && !kept.isEmpty)
        #expect(kept.contains(names.last!) && !kept.contains(names.first!), "the oldest go first")
    }

    @Test func cacheFolderFromTheEnvironment() {
        #expect(ResultCache.defaultDirectory(environment: ["PARINDEX_CACHE_DIR": "/x", "HOME": "/h"]) == "/x")
        #expect(ResultCache.defaultDirectory(environment: ["XDG_CACHE_HOME": "/c", "HOME": "/h"]) == "/c/parindex")
        #expect(ResultCache.defaultDirectory(environment: ["HOME": "/h"]) == "/h/.cache/parindex")
        #expect(ResultCache.defaultDirectory(environment: [:]) == nil)
    }
}
