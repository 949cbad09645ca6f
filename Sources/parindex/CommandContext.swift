import ArgumentParser
import ParIndexKit

/// The framework and layout a command works with, loaded with one-line errors.
struct CommandContext {
    let framework: Framework
    /// The layout's name (or path) as given, else the framework's.
    let layoutName: String
    /// A layout file, parsed (and checked) when loaded; nil for a built-in layout.
    private let parsed: Layout?

    /// The layout. A built-in one is parsed when asked for (they all parse: see
    /// `LayoutTests.planLayoutHeadersTakeTheYear`), so a command that does not use it — `validate` without
    /// `--layout` reads each file's own — parses no YAML at all.
    var layout: Layout {
        parsed ?? (try? LayoutLibrary.load(layoutName)) ?? Layout(name: layoutName, title: "", columns: [])
    }

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
        if LayoutLibrary.builtinNames.contains(layoutName) {
            return CommandContext(framework: framework, layoutName: layoutName, parsed: nil)
        }
        do {
            return CommandContext(framework: framework, layoutName: layoutName, parsed: try LayoutLibrary.load(layoutName))
        } catch {
            Console.reportUnreadable(layoutName, error)
            throw ExitCode(2)
        }
    }
}
