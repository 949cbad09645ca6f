import Foundation
import XLSX

/// Where runs over plain files keep what they read, by content, so that `consolidate`
/// after `validate` (or a second `validate`) does not read the same workbooks again. An
/// implementation (``ResultCache`` in `ParIndexStore`) hashes the bytes with the context
/// and keeps ``CheckedFileCodec`` blobs; a damaged entry must read as absent.
public protocol CheckedFileCache: Sendable {
    /// The entry kept for these bytes in this context; nil when absent or damaged.
    func entry(for bytes: Data, context: String) -> CachedCheck?
    /// Keeps `entry` for these bytes in this context (failures are ignored).
    func store(_ entry: CachedCheck, for bytes: Data, context: String)
}

/// What a ``CheckedFileCache`` keeps for one file: its checked form (without the name it
/// was read under) and the layout the run imposed when it was read (sorted-key JSON;
/// empty when none). A file whose template stores layout `D` reads the same with `D`
/// imposed as with none, so `validate` (none) and `consolidate` (the appendix layout)
/// share entries for such files; any other file needs the very same imposed layout.
public struct CachedCheck: Sendable {
    public var file: CheckedFile
    public var imposedLayout: String
    public init(file: CheckedFile, imposedLayout: String) { self.file = file; self.imposedLayout = imposedLayout }

    /// True when this entry is what reading the file with `imposed` (JSON, empty: none) gives.
    func serves(_ imposed: String) -> Bool {
        if imposed == imposedLayout { return true }
        guard let own = file.identity?.layoutDefinition else { return false }
        let stored = CheckedFileCodec.layoutJSON(own)
        return (imposed.isEmpty || imposed == stored) && (imposedLayout.isEmpty || imposedLayout == stored)
    }
}

extension FileChecker {
    /// What, besides a file's bytes and the imposed layout (appended to it, see
    /// ``CachedCheck``), decides its checked form: the framework and the read limits (the
    /// build is the cache's own part of the key).
    static func cacheContext(index: FrameworkIndex, limits: ReadLimits) -> String {
        "framework=\(index.hash)\nlimits=\(limits)"
    }

    /// A checked file as the cache keeps it: without the name it was read under (findings
    /// and all), which ``relabelled(_:for:)`` puts back; nil when the name shows inside a
    /// message (the entry would not be valid under another name).
    static func cacheable(_ file: CheckedFile) -> CheckedFile? {
        guard file.isReadable, file.reason == nil else { return nil }
        let name = file.file
        var stored = file
        stored.file = ""
        stored.version = nil
        for i in stored.findings.indices {
            let f = stored.findings[i]
            guard f.file == name, !f.message.contains(name), f.found?.contains(name) != true,
                  f.expected?.contains(name) != true else { return nil }
            stored.findings[i].file = ""
        }
        return stored
    }

    /// A cached checked file under the name and version of `source` (as reading it gives).
    static func relabelled(_ cached: CheckedFile, for source: SubmissionSource) -> CheckedFile {
        var file = cached
        let name = source.displayName
        file.file = name
        for i in file.findings.indices { file.findings[i].file = name }
        switch source {
        case .file(let path, _): file.version = SubmissionVersion(path: path)
        case .bytes(_, let name): file.version = SubmissionVersion(name: (name as NSString).lastPathComponent)
        }
        return file
    }
}
