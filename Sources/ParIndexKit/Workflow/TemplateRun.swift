import Foundation
import Synchronization

/// Writes blank templates (biểu mẫu), one per unit, on every core, without blocking the
/// caller. The result lists what was written, or the first failure per file.
public struct TemplateRun: Sendable {
    /// One template to write: a unit and the path to write it to.
    public struct Job: Sendable, Hashable {
        public var unit: Unit
        public var path: String
        public init(unit: Unit, path: String) { self.unit = unit; self.path = path }
    }

    /// What happened to one job.
    public struct Written: Codable, Sendable, Hashable {
        public var unit: String
        public var unitName: String
        public var path: String
        /// Rows open for input (led criteria that are not groups); nil when it failed.
        public var inputRows: Int?
        /// Why it could not be written (Vietnamese); nil on success.
        public var error: String?
        /// What the error is about, for a one-line message `parindex: <subject>: <error>`:
        /// the unit's code when the unit cannot have a template, else the output path.
        public var errorSubject: String?
    }

    public let builder: TemplateBuilder
    public let options: RunOptions

    public init(framework: Framework, layout: Layout, password: String? = nil, options: RunOptions = .init()) {
        builder = TemplateBuilder(framework: framework, layout: layout, password: password)
        self.options = options
    }

    /// One job per unit that leads a criterion, named `mau-<code>.xlsx` in `folder`.
    public func jobsForAllLeadUnits(in folder: String) -> [Job] {
        let units = builder.selector.leadUnits()
        let base = URL(fileURLWithPath: folder)
        return zip(units, TemplateFileName.names(for: units)).map { Job(unit: $0, path: base.appendingPathComponent($1).path) }
    }

    /// One job for the unit named by `name` (code, name or another name of it).
    /// Throws ``TemplateError`` (its message lists the known codes) when there is none.
    public func job(unitNamed name: String, path: String) throws -> Job {
        Job(unit: try builder.selector.unit(named: name), path: path)
    }

    /// Writes every job; results in job order.
    public func run(_ jobs: [Job]) async throws -> [Written] {
        let builder = self.builder, progress = options.progress
        let results = Mutex([Written?](repeating: nil, count: jobs.count))
        let done = Atomic<Int>(0)
        try await ParallelWork.run(count: jobs.count, concurrency: options.concurrency, work: { i -> Written in
            let job = jobs[i]
            do {
                let summary = try builder.write(unit: job.unit, to: job.path)
                return Written(unit: job.unit.code, unitName: job.unit.name, path: summary.path, inputRows: summary.inputRowCount)
            } catch {
                return Written(unit: job.unit.code, unitName: job.unit.name, path: job.path, error: String(describing: error),
                               errorSubject: error is TemplateError ? job.unit.code : job.path)
            }
        }, consume: { i, written in
            results.withLock { $0[i] = written }
            let n = done.add(1, ordering: .relaxed).newValue
            progress?(RunProgress(done: n, total: jobs.count, file: written.path))
        })
        return results.withLock { $0.map { $0! } }
    }
}
