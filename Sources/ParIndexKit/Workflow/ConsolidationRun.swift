import Foundation
import Synchronization

/// Consolidates submissions into the official appendix. From files: each source is read
/// and validated once, on every core, and folded into the appendix as soon as it is ready
/// (memory stays flat in the number of files). From checked files (the campaign store):
/// nothing is read again, superseded versions are accounted, not merged.
public struct ConsolidationRun: Sendable {
    /// A checked file to consolidate and, when a later version of the same unit's return
    /// replaces it, that version's name (its rows are then listed as superseded).
    public struct Input: Sendable {
        public var file: CheckedFile
        public var supersededBy: String?
        public init(file: CheckedFile, supersededBy: String? = nil) { self.file = file; self.supersededBy = supersededBy }
    }

    public let index: FrameworkIndex
    public let layout: Layout
    public let consolidation: ConsolidationOptions
    public let options: RunOptions

    public init(framework: Framework, layout: Layout, consolidation: ConsolidationOptions = .init(), options: RunOptions = .init()) {
        self.init(index: FrameworkIndex(framework), layout: layout, consolidation: consolidation, options: options)
    }

    /// A run on a framework already indexed (the campaign store keeps its index).
    public init(index: FrameworkIndex, layout: Layout, consolidation: ConsolidationOptions = .init(), options: RunOptions = .init()) {
        self.index = index
        self.layout = layout
        self.consolidation = consolidation
        self.options = options
    }

    /// Reads, validates and consolidates files (input order breaks ties between
    /// candidate rows). Files are read on every core and folded in in input order, so the
    /// appendix is the one a single thread makes, whatever order the files finish in.
    /// Throws `CancellationError` when the calling task is cancelled.
    public func run(_ sources: [SubmissionSource]) async throws -> ConsolidationResult {
        let checker = FileChecker(framework: index.framework, layout: layout, limits: options.limits, cache: options.cache)
        let state = Mutex(ConsolidationBuilder(index: index, layout: layout, options: consolidation))
        let statuses = Mutex([FileStatus?](repeating: nil, count: sources.count))
        let unreadable = Mutex([(Int, String, String)]())
        let progress = options.progress, total = sources.count
        let done = Atomic<Int>(0)
        try await ParallelWork.runOrdered(count: sources.count, concurrency: options.concurrency, work: { i in
            checker.check(sources[i]).file
        }, consume: { i, file in
            statuses.withLock { $0[i] = file.status }
            if file.status == .unreadable { unreadable.withLock { $0.append((i, file.file, file.reason ?? "")) } }
            state.withLock { $0.add(file, at: i) }
            let n = done.add(1, ordering: .relaxed).newValue
            progress?(RunProgress(done: n, total: total, file: file.file))
        })
        let built = state.withLock { $0.finish() }
        return ConsolidationResult(consolidation: built, statuses: statuses.withLock { $0.map { $0! } },
                                   unreadable: unreadable.withLock { $0.sorted { $0.0 < $1.0 }.map { .init(file: $0.1, reason: $0.2) } })
    }

    /// Consolidates checked files — from the campaign store — without opening a workbook.
    public func consolidate(_ inputs: [Input]) -> ConsolidationResult {
        consolidate { add in inputs.forEach(add) }
    }

    /// Consolidates checked files handed over one at a time by `feed` (each is folded in
    /// and dropped: memory stays flat however many there are).
    public func consolidate(_ feed: (_ add: (Input) -> Void) throws -> Void) rethrows -> ConsolidationResult {
        var builder = ConsolidationBuilder(index: index, layout: layout, options: consolidation)
        var statuses: [FileStatus] = []
        var position = 0
        var unreadable: [ConsolidationResult.Unreadable] = []
        try feed { input in
            builder.add(input.file, at: position, supersededBy: input.supersededBy)
            position += 1
            guard input.supersededBy == nil else { return }
            statuses.append(input.file.status)
            if input.file.status == .unreadable { unreadable.append(.init(file: input.file.file, reason: input.file.reason ?? "")) }
        }
        return ConsolidationResult(consolidation: builder.finish(), statuses: statuses, unreadable: unreadable)
    }
}

/// What a ``ConsolidationRun`` produced: the appendix (write it with ``write(to:)``) and
/// its figures.
public struct ConsolidationResult: Sendable {
    /// A file that could not be read, and why (Vietnamese).
    public struct Unreadable: Codable, Sendable, Hashable {
        public var file: String
        public var reason: String
    }

    public var consolidation: Consolidation
    /// The status of each input taken into account (superseded versions are not), in
    /// input order.
    public var statuses: [FileStatus]
    /// Unreadable inputs in input order.
    public var unreadable: [Unreadable]

    /// The headline numbers, for a front end to show or encode.
    public var figures: ConsolidationFigures {
        ConsolidationFigures(
            files: consolidation.inputs.count,
            readable: statuses.filter { $0 == .valid || $0 == .invalid }.count,
            invalidOrUnreadable: statuses.filter { $0 == .invalid || $0 == .unreadable }.count,
            superseded: consolidation.inputs.filter { $0.status == .superseded }.count,
            criteria: consolidation.rows.count,
            criteriaWithValues: consolidation.rows.filter { $0.source != nil }.count,
            conflicts: consolidation.conflicts.count,
            unitsNotSubmitted: consolidation.unitsNotSubmitted.map(\.code),
            totalMax: consolidation.totalMax,
            achieved: consolidation.pointsRole.flatMap { consolidation.totals[$0] })
    }

    /// Writes the appendix workbook atomically, creating its folder if needed.
    public func write(to path: String, report: ReportMetadata = ReportMetadata()) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        try AppendixWorkbook.write(consolidation, to: path, report: report)
    }
}

/// The headline numbers of a consolidation.
public struct ConsolidationFigures: Codable, Sendable, Hashable {
    public var files: Int
    public var readable: Int
    public var invalidOrUnreadable: Int
    /// Earlier versions replaced by a later valid one (campaign store).
    public var superseded: Int
    /// Rows of the appendix (every framework criterion).
    public var criteria: Int
    /// Rows that took values from a submission.
    public var criteriaWithValues: Int
    public var conflicts: Int
    /// Codes of lead units that sent nothing usable.
    public var unitsNotSubmitted: [String]
    public var totalMax: Double
    /// Points achieved (appraised, else self-assessed, else target), when known.
    public var achieved: Double?
}
