import Foundation

/// The user's cache folder for ParIndex, shared by the framework cache and the result
/// cache: `$PARINDEX_CACHE_DIR`, else `$XDG_CACHE_HOME/parindex`, else
/// `~/.cache/parindex`. Only absolute `XDG_CACHE_HOME` and `HOME` count (a relative one
/// would put the cache wherever the command runs).
public enum CacheFolder {
    /// The folder's path; nil when none can be named.
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let dir = environment["PARINDEX_CACHE_DIR"], !dir.isEmpty { return dir }
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return (xdg as NSString).appendingPathComponent("parindex") }
        if let home = environment["HOME"], home.hasPrefix("/") { return (home as NSString).appendingPathComponent(".cache/parindex") }
        return nil
    }
}
