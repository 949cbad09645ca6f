import Foundation
import XLSX

/// Reads and validates one submission at a time against a framework prepared once per
/// run, and — for invalid files, when asked — writes the annotated copy right away, while
/// the file is at hand (same read limits). Thread-safe: one checker serves all workers.
public struct FileChecker: Sendable {
    /// Where annotated copies of invalid files go.
    public enum Annotation: Sendable, Hashable {
        /// No copies.
        case none
        /// `<name> - kiem tra.xlsx` in this folder (file sources; bytes sources are named
        /// by their position, `tai-len-<n> - kiem tra.xlsx`, never by the client's name).
        case folder(String)
    }

    public let index: FrameworkIndex
    public let validator: Validator
    public let limits: ReadLimits
    public let annotation: Annotation
    /// Checked files kept by content (``CheckedFileCache``), consulted before reading.
    public let cache: (any CheckedFileCache)?
    private let cacheContext: String
    private let imposedLayout: String

    /// `layout` overrides the layout named by each file's template identity or the framework.
    public init(framework: Framework, layout: Layout? = nil, limits: ReadLimits = .default, annotation: Annotation = .none,
                cache: (any CheckedFileCache)? = nil) {
        self.init(index: FrameworkIndex(framework), layout: layout, limits: limits, annotation: annotation, cache: cache)
    }

    /// A checker on a framework already indexed (the campaign store keeps its index).
    public init(index: FrameworkIndex, layout: Layout? = nil, limits: ReadLimits = .default, annotation: Annotation = .none,
                cache: (any CheckedFileCache)? = nil) {
        self.index = index
        validator = Validator(index: index, layout: layout)
        self.limits = limits
        self.annotation = annotation
        self.cache = cache
        cacheContext = cache == nil ? "" : Self.cacheContext(index: index, limits: limits)
        imposedLayout = cache == nil ? "" : layout.map(CheckedFileCodec.layoutJSON) ?? ""
    }

    /// The checked file, and where its annotated copy was written (or why not).
    public struct Outcome: Sendable {
        public var file: CheckedFile
        public var annotatedCopy: String?
        /// Why the annotated copy could not be written.
        public var annotationError: String?
    }

    /// Reads, validates and extracts one source (`position` names bytes sources' copies).
    public func check(_ source: SubmissionSource, position: Int = 0) -> Outcome {
        guard let cache, source.skipReason == nil, let bytes = try? source.data(limits: limits) else { return read(source, position: position) }
        // This run's own entry, else (a layout imposed) the one a run without imposed layout
        // left — `consolidate` after `validate` — when it serves (``CachedCheck``).
        let exact = cacheContext + "\nlayout=" + imposedLayout
        var hit = cache.entry(for: bytes, context: exact)
        if hit == nil, !imposedLayout.isEmpty { hit = cache.entry(for: bytes, context: cacheContext + "\nlayout=") }
        // An invalid file whose annotated copy is wanted is read again for the copy.
        if let hit, hit.serves(imposedLayout), hit.file.status == .valid || annotation == .none {
            return Outcome(file: Self.relabelled(hit.file, for: source))
        }
        let outcome = read(source, position: position)
        if let kept = Self.cacheable(outcome.file) {
            cache.store(CachedCheck(file: kept, imposedLayout: imposedLayout), for: bytes, context: exact)
        }
        return outcome
    }

    private func read(_ source: SubmissionSource, position: Int) -> Outcome {
        let name = source.displayName
        if let reason = source.skipReason { return Outcome(file: CheckedFile(file: name, status: .skipped, reason: reason)) }
        do {
            let spreadsheet = source.spreadsheetSource
            var submission = try Submission.read(spreadsheet, limits: limits, layout: validator.layout)
            submission.file = name
            let result = validator.check(submission)
            let checked = CheckedFile(submission: submission, findings: result.findings, match: result.match, unit: result.unit)
            var outcome = Outcome(file: checked)
            if checked.status == .invalid, case .folder(let folder) = annotation {
                let target: String
                if case .file = source { target = AnnotatedCopy.path(for: name, in: folder) }
                else { target = AnnotatedCopy.path(for: "tai-len-\(position + 1).xlsx", in: folder) }
                do {
                    try AnnotatedCopy.write(source: spreadsheet, findings: checked.findings, to: target, limits: limits)
                    outcome.annotatedCopy = target
                } catch {
                    outcome.annotationError = (error as? XLSXError)?.message ?? String(describing: error)
                }
            }
            return outcome
        } catch let error as XLSXError {
            return Outcome(file: .unreadable(name, reason: error.message))
        } catch let error as TableNotFound {
            return Outcome(file: .unreadable(name, reason: String(describing: error)))
        } catch {
            return Outcome(file: .unreadable(name, reason: Self.describe(error)))
        }
    }

    /// A one-line Vietnamese reason for an unexpected error (file system errors included).
    public static func describe(_ error: any Error) -> String {
        if let error = error as? CocoaError {
            switch error.code {
            case .fileReadNoSuchFile, .fileNoSuchFile: return "không tìm thấy tệp"
            case .fileReadNoPermission: return "không có quyền đọc tệp"
            default: break
            }
        }
        return String(describing: error)
    }
}
