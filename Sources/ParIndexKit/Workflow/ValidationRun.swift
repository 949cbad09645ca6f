import Foundation
import Synchronization

/// Validates submissions: reads each source once, on every core, without blocking the
/// caller; reports per-file status, unit and findings, and writes annotated copies of the
/// invalid ones from the same reading. Front ends render the ``ValidationResult``.
///
/// ```swift
/// let run = ValidationRun(framework: fw, annotateInto: "kiem-tra/")
/// let result = try await run.run(SubmissionSource.expand(["bai-nop/"]))
/// print(try result.report.json())
/// ```
public struct ValidationRun: Sendable {
    public let checker: FileChecker
    public let options: RunOptions

    /// `layout` overrides the layout of each file's template identity or the framework's;
    /// `annotateInto` is a folder for annotated copies of invalid files (created if needed).
    public init(framework: Framework, layout: Layout? = nil, annotateInto: String? = nil, options: RunOptions = .init()) {
        checker = FileChecker(framework: framework, layout: layout, limits: options.limits,
                              annotation: annotateInto.map { .folder($0) } ?? .none, cache: options.cache)
        self.options = options
    }

    /// Checks every source; the report keeps input order. Throws `CancellationError` when
    /// the calling task is cancelled, or a file-system error if the annotation folder
    /// cannot be created.
    public func run(_ sources: [SubmissionSource]) async throws -> ValidationResult {
        var entries = [ValidationReport.FileEntry?](repeating: nil, count: sources.count)
        var copies: [ValidationResult.AnnotatedCopyEntry] = []
        let collected = Mutex((entries, [(Int, ValidationResult.AnnotatedCopyEntry)]()))
        try await forEach(sources) { i, outcome in
            collected.withLock { state in
                state.0[i] = ValidationReport.FileEntry(outcome.file)
                if outcome.annotatedCopy != nil || outcome.annotationError != nil {
                    state.1.append((i, .init(file: outcome.file.file, path: outcome.annotatedCopy, error: outcome.annotationError)))
                }
            }
        }
        collected.withLock { state in
            entries = state.0
            copies = state.1.sorted { $0.0 < $1.0 }.map(\.1)
        }
        return ValidationResult(report: ValidationReport(frameworkTitle: checker.index.framework.metadata.title,
                                                         frameworkHash: checker.index.hash, entries: entries.map { $0! }),
                                annotatedCopies: copies)
    }

    /// Checks every source and hands each outcome to `body` (serialised, in completion
    /// order, with the input position) — for callers that stream results and keep nothing.
    public func forEach(_ sources: [SubmissionSource],
                        _ body: @escaping @Sendable (Int, FileChecker.Outcome) -> Void) async throws {
        if case .folder(let folder) = checker.annotation {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        let checker = self.checker, progress = options.progress, total = sources.count
        let done = Atomic<Int>(0)
        try await ParallelWork.run(count: sources.count, concurrency: options.concurrency, work: { i in
            checker.check(sources[i], position: i)
        }, consume: { i, outcome in
            body(i, outcome)
            let n = done.add(1, ordering: .relaxed).newValue
            progress?(RunProgress(done: n, total: total, file: outcome.file.file))
        })
    }
}

/// What a ``ValidationRun`` produced: the report (the stable JSON of `validate --json`)
/// and the annotated copies written.
public struct ValidationResult: Codable, Sendable {
    /// One annotated copy: written to `path`, or not, for `error`.
    public struct AnnotatedCopyEntry: Codable, Sendable, Hashable {
        public var file: String
        public var path: String?
        public var error: String?
    }

    public var report: ValidationReport
    public var annotatedCopies: [AnnotatedCopyEntry]
}
