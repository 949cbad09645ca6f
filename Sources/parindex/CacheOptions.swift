import ArgumentParser
import ParIndexStore

/// `--no-cache` and the content-hash cache of `validate` / `consolidate` (``ResultCache``:
/// `$PARINDEX_CACHE_DIR`, else `$XDG_CACHE_HOME/parindex`, else `~/.cache/parindex`).
struct CacheOptions: ParsableArguments {
    @Flag(name: .customLong("no-cache"),
          help: "Không dùng bộ nhớ đệm (đọc lại mọi tệp, không ghi gì vào thư mục đệm).")
    var noCache = false

    /// The cache, or nil when turned off or when its folder cannot be made.
    func open() -> ResultCache? {
        guard !noCache, let directory = ResultCache.defaultDirectory() else { return nil }
        return try? ResultCache(directory: directory)
    }
}
