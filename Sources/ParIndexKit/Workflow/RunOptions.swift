import XLSX

/// How far a run has got: `done` of `total` files.
public struct RunProgress: Sendable, Hashable {
    public var done: Int
    public var total: Int
    /// The display name of the file just finished.
    public var file: String

    public init(done: Int, total: Int, file: String) { self.done = done; self.total = total; self.file = file }
}

/// What every run over submissions takes besides its inputs.
public struct RunOptions: Sendable {
    /// Limits applied to every file read (uploads included).
    public var limits: ReadLimits
    /// Called from worker threads after each file (keep it short; it must be thread-safe).
    public var progress: (@Sendable (RunProgress) -> Void)?
    /// Files processed at once; defaults to the number of cores.
    public var concurrency: Int
    /// Checked files kept by content between runs over plain files (nil: none).
    public var cache: (any CheckedFileCache)? = nil

    public init(limits: ReadLimits = .default, progress: (@Sendable (RunProgress) -> Void)? = nil,
                concurrency: Int = ParallelWork.defaultConcurrency, cache: (any CheckedFileCache)? = nil) {
        self.limits = limits; self.progress = progress; self.concurrency = max(1, concurrency); self.cache = cache
    }
}
