import Foundation
import Synchronization
import XLSX

/// Reads and validates many submissions, on all cores, keeping input order.
public enum SubmissionBatch {
    /// A file to process: `fromFolder` when it was found inside a directory argument.
    public struct Item: Sendable {
        public var path: String
        public var fromFolder: Bool
    }

    /// Expands the paths given on the command line: files as they are, directories
    /// recursively (sorted by path). Every file found is kept — non-`.xlsx` ones too, so
    /// they are reported rather than silently ignored.
    public static func expand(_ paths: [String]) -> [Item] {
        var files: [Item] = []
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else {
                files.append(Item(path: path, fromFolder: false))
                continue
            }
            var found: [String] = []
            if let e = fm.enumerator(atPath: path) {
                while let item = e.nextObject() as? String {
                    let full = (path as NSString).appendingPathComponent(item)
                    var sub: ObjCBool = false
                    if fm.fileExists(atPath: full, isDirectory: &sub), !sub.boolValue { found.append(full) }
                }
            }
            files += found.sorted().map { Item(path: $0, fromFolder: true) }
        }
        return files
    }

    /// Extensions of the files read from a folder: every spreadsheet format, `.csv` included
    /// (refused with its own reason rather than skipped).
    static let spreadsheetExtensions: Set<String> = ["xlsx", "xlsm", "xls", "ods", "csv"]

    /// Why a file found in a folder is not read as a submission, or nil when it should be.
    /// (A file named on the command line is always read.)
    static func skipReason(_ path: String) -> String? {
        let name = (path as NSString).lastPathComponent
        if name.hasPrefix("~$") { return "tệp khóa tạm của Excel (~$…), không phải bài nộp: bỏ qua" }
        let ext = (name as NSString).pathExtension.lowercased()
        // Every spreadsheet is read or refused with its reason (a .csv is refused by the opener).
        if spreadsheetExtensions.contains(ext) { return nil }
        return "không phải tệp .xlsx, .xls hay .ods (phần mở rộng \"\(ext.isEmpty ? "không có" : ext)\"): bỏ qua"
    }

    /// Reads one file and validates it.
    public static func process(_ item: Item, validator: Validator, limits: ReadLimits = .default) -> ConsolidationInput {
        let path = item.path
        if item.fromFolder, let reason = skipReason(path) { return .skipped(file: path, reason: reason) }
        do {
            let submission = try Submission.read(path: path, limits: limits)
            return .submission(submission, findings: validator.validate(submission))
        } catch let error as XLSXError {
            return .unreadable(file: path, reason: error.message)
        } catch {
            return .unreadable(file: path, reason: String(describing: error))
        }
    }

    /// Processes all files concurrently (every core) and hands each result to `body` as it
    /// is ready, one at a time, with its position in input order. Nothing is kept: a caller
    /// that only needs findings holds findings, not tables.
    public static func forEach(_ items: [Item], validator: Validator, limits: ReadLimits = .default,
                               progress: (@Sendable (Int, Int) -> Void)? = nil,
                               _ body: (Int, ConsolidationInput) -> Void) {
        withoutActuallyEscaping(body) { body in
            let sink = Mutex(SendableBox(body))
            let done = Atomic<Int>(0)
            DispatchQueue.concurrentPerform(iterations: items.count) { i in
                let outcome = process(items[i], validator: validator, limits: limits)
                sink.withLock { $0.value(i, outcome) }
                let n = done.add(1, ordering: .relaxed).newValue
                progress?(n, items.count)
            }
        }
    }

    /// All results in input order (small runs and tests).
    public static func process(_ items: [Item], validator: Validator, limits: ReadLimits = .default,
                               progress: (@Sendable (Int, Int) -> Void)? = nil) -> [ConsolidationInput] {
        var results = [ConsolidationInput?](repeating: nil, count: items.count)
        forEach(items, validator: validator, limits: limits, progress: progress) { results[$0] = $1 }
        return results.map { $0! }
    }
}

/// Carries a non-Sendable closure into the mutex that serialises its calls.
private struct SendableBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
