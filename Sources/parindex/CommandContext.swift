import ArgumentParser
import ParIndexKit

/// The framework and layout a command works with, loaded with one-line errors.
struct CommandContext {
    let framework: Framework
    let layout: Layout

    /// `cached: false` (`--no-cache`) neither reads nor writes the framework cache.
    static func load(framework path: String, layout name: String?, cached: Bool = true) throws -> CommandContext {
        let framework: Framework
        do {
            framework = try FrameworkStore.loadAny(path: path, cache: cached ? FrameworkCache.user() : nil)
        } catch {
            Console.reportUnreadable(path, error)
            throw ExitCode(2)
        }
        let layoutName = name ?? LayoutLibrary.defaultName(for: framework)
        do {
            return CommandContext(framework: framework, layout: try LayoutLibrary.load(layoutName))
        } catch {
            Console.reportUnreadable(layoutName, error)
            throw ExitCode(2)
        }
    }
}
