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

    /// The segment files of a cache folder.
    static func segments(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".pxs") }.sorted().map { folder + "/" + $0 }
    }

    @Test func damagedOrTruncatedEntriesAreIgnoredAndResultsUnchanged() async throws {
        let dir = try StoreTestSupport.scratch()
        let folder = dir + "/cache"
        let sources = Self.sources()
        let plain = try await Self.validate(sources, cache: nil)
        _ = try await Self.validate(sources, cache: try ResultCache(directory: folder))
        // One run, one segment holding every entry.
        let segment = try #require(try Self.segments(folder).first)
        #expect(try Self.segments(folder).count == 1)
        let records = ResultCache.records(inSegment: segment)
        #expect(records.count > 20)
        var data = try Data(contentsOf: URL(fileURLWithPath: segment))
        for (i, record) in records.enumerated() {
            let at = record.location.offset, length = record.location.length
            switch i % 4 {
            case 0: data[at + length / 2] ^= 0x55                                       // one byte changed
            case 1: data.replaceSubrange(at..<(at + length), with: Data(count: length)) // zeroed
            case 2: data[at - 36] ^= 0x01                                               // another key
            default: data[at] = UInt8(ascii: "{")                                       // not an entry
            }
        }
        try data.write(to: URL(fileURLWithPath: segment))
        let damaged = Counting(try ResultCache(directory: folder))
        #expect(try await Self.validate(sources, cache: damaged) == plain)
        #expect(damaged.hits.load(ordering: .relaxed) == 0, "no damaged entry was used")
        // The damaged entries were replaced (appended to the same segment, whole and small):
        // the next run is served from the cache again, and so is the same cache.
        #expect(try Self.segments(folder).count == 1)
        #expect(ResultCache.records(inSegment: segment).count == 2 * records.count)
        let next = Counting(try ResultCache(directory: folder))
        #expect(try await Self.validate(sources, cache: next) == plain)
        #expect(next.hits.load(ordering: .relaxed) == records.count)
        #expect(try await Self.validate(sources, cache: damaged) == plain)
        #expect(damaged.hits.load(ordering: .relaxed) == records.count)
        #expect(ResultCache.records(inSegment: segment).count == 2 * records.count, "nothing more to store")

        // A segment cut anywhere: the records before the cut are read, the rest are not, and
        // the next entries go to a new segment (appended after a torn record, they would be
        // read as part of it).
        let fresh = dir + "/cut"
        let writer = try ResultCache(directory: fresh)
        _ = try await Self.validate(sources, cache: writer)
        let cutSegment = try #require(try Self.segments(fresh).first)
        let all = ResultCache.records(inSegment: cutSegment)
        let kept = all.count / 2
        let cut = all[kept].location.offset + 10
        let whole = try Data(contentsOf: URL(fileURLWithPath: cutSegment))
        try whole.prefix(cut).write(to: URL(fileURLWithPath: cutSegment))
        #expect(ResultCache.records(inSegment: cutSegment).count == kept)
        let afterCut = Counting(try ResultCache(directory: fresh))
        #expect(try await Self.validate(sources, cache: afterCut) == plain)
        #expect(afterCut.hits.load(ordering: .relaxed) == kept)
        #expect(try Self.segments(fresh).count == 2 && ResultCache.records(inSegment: cutSegment).count == kept)
        // Not a segment at all: ignored.
        try Data("PXS0 khong phai".utf8).write(to: URL(fileURLWithPath: fresh + "/0-0.pxs"))
        #expect(ResultCache.records(inSegment: fresh + "/0-0.pxs").isEmpty)
        let again = Counting(try ResultCache(directory: fresh))
        #expect(try await Self.validate(sources, cache: again) == plain)
        #expect(again.hits.load(ordering: .relaxed) == all.count)

        // A valid entry's checksum covers every byte: a change in the codec part is caught too.
        let one = ResultCache.encode(CachedCheck(file: CheckedFile(file: "", status: .valid), imposedLayout: ""))
        for i in 0..<one.count {
            var damaged = one
            damaged[i] ^= 0x01
            #expect(ResultCache.decode(damaged) == nil)
        }
        for length in 0..<one.count { #expect(ResultCache.decode(one.prefix(length)) == nil) }
        #expect(ResultCache.decode(one) != nil)
    }

    /// Runs one after the other share a segment; runs at the same time each have their own.
    @Test func shortRunsShareASegmentAndConcurrentOnesDoNot() async throws {
        let dir = try StoreTestSupport.scratch()
        let folder = dir + "/cache"
        let sources = Self.sources()
        for source in sources.prefix(8) { _ = try await Self.validate([source], cache: try ResultCache(directory: folder)) }
        let shared = try #require(try Self.segments(folder).first)
        #expect(try Self.segments(folder).count == 1)
        let stored = ResultCache.records(inSegment: shared).count
        #expect(stored >= 4)
        // Two caches alive at once, each storing (other builds: nothing to find).
        let vhtt = SubmissionSource.file(path: StoreTestSupport.example("VHTT - tu danh gia 2023.xlsx"))
        let held = try ResultCache(directory: folder, build: "held")
        _ = try await Self.validate([vhtt], cache: held)
        let other = try ResultCache(directory: folder, build: "other")
        _ = try await Self.validate([vhtt], cache: other)
        #expect(try Self.segments(folder).count == 2, "a segment held by a live cache is not shared")
        #expect(ResultCache.records(inSegment: shared).count == stored + 1)
        // Everything stored is found by a new cache.
        let reader = Counting(try ResultCache(directory: folder))
        _ = try await Self.validate(Array(sources.prefix(8)), cache: reader)
        #expect(reader.hits.load(ordering: .relaxed) == stored)
        let again = Counting(try ResultCache(directory: folder, build: "other"))
        _ = try await Self.validate([vhtt], cache: again)
        #expect(again.hits.load(ordering: .relaxed) == 1)
        _ = (held, other)
    }

    @Test func segmentsArePrivateAndTheFolderIsPrunedOldestFirst() async throws {
        let dir = try StoreTestSupport.scratch()
        let folder = dir + "/cache"
        // One segment per file: caches alive at the same time (each holds its segment), as
        // runs at the same time would leave; and an entry file of an earlier build.
        let sources = Self.sources()
        var live: [ResultCache] = []
        for source in sources {
            let cache = try ResultCache(directory: folder)
            live.append(cache)
            _ = try await Self.validate([source], cache: cache)
        }
        let fm = FileManager.default
        try Data(count: 5_000).write(to: URL(fileURLWithPath: folder + "/" + String(repeating: "a", count: 64) + ".pxk"))
        #expect((try fm.attributesOfItem(atPath: folder)[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        var names = try fm.contentsOfDirectory(atPath: folder)
        #expect(names.filter { $0.hasSuffix(".pxs") }.count > 20)
        for name in names where name.hasSuffix(".pxs") {
            #expect((try fm.attributesOfItem(atPath: folder + "/" + name)[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        }
        // Age the files: the old entry file oldest, then the segments in the order made.
        names.sort { a, b in a.hasSuffix(".pxk") != b.hasSuffix(".pxk") ? a.hasSuffix(".pxk") : a < b }
        for (i, name) in names.enumerated() {
            try fm.setAttributes([.modificationDate: Date(timeIntervalSinceNow: Double(i - names.count) * 60)],
                                 ofItemAtPath: folder + "/" + name)
        }
        func size(_ names: [String]) throws -> Int {
            try names.reduce(0) { $0 + ((try fm.attributesOfItem(atPath: folder + "/" + $1)[.size] as? NSNumber)?.intValue ?? 0) }
        }
        let limit = try size(names) / 2
        // A cache with a segment of its own (another build: nothing found, one entry
        // stored; every other segment held) keeps it, however old.
        let pruning = try ResultCache(directory: folder, maxBytes: limit, build: "another build")
        _ = try await Self.validate([.file(path: StoreTestSupport.example("VHTT - tu danh gia 2023.xlsx"))], cache: pruning)
        let own = try #require(Set(try fm.contentsOfDirectory(atPath: folder)).subtracting(names).first)
        try fm.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -86_400)], ofItemAtPath: folder + "/" + own)
        pruning.prune()
        let kept = try fm.contentsOfDirectory(atPath: folder)
        #expect(try size(kept) <= limit * 3 / 4 && kept.contains(own))
        #expect(kept.contains(names.last!) && !kept.contains(names.first!) && !kept.contains(names[1]), "the oldest go first")
        #expect(!kept.contains { $0.hasSuffix(".pxk") })
        live.removeAll()
    }

    @Test func cacheFolderFromTheEnvironment() {
        #expect(ResultCache.defaultDirectory(environment: ["PARINDEX_CACHE_DIR": "/x", "HOME": "/h"]) == "/x")
        #expect(ResultCache.defaultDirectory(environment: ["XDG_CACHE_HOME": "/c", "HOME": "/h"]) == "/c/parindex")
        #expect(ResultCache.defaultDirectory(environment: ["HOME": "/h"]) == "/h/.cache/parindex")
        #expect(ResultCache.defaultDirectory(environment: [:]) == nil)
        // The same folder as the framework cache's (one rule, CacheFolder); a relative HOME names none.
        #expect(ResultCache.defaultDirectory(environment: ["HOME": "h"]) == nil)
        #expect(FrameworkCache.user(environment: ["XDG_CACHE_HOME": "/c"])?.directory.path == "/c/parindex/frameworks")
    }
}
