import Foundation

/// Merges validated submissions into one appendix following the framework's order.
///
/// Inputs are added one at a time (``add(_:at:)``) and dropped at once: the builder keeps
/// only what the appendix needs — the chosen values per criterion, running sums for peer
/// averages, and a compact record per input row for the account — so memory stays flat in
/// the number of files.
///
/// Choosing values: for each criterion the to-fill columns come from one submission row —
/// a row that has values, from a valid file, of the criterion's lead unit, first in input
/// order, in that priority. Rows of invalid submissions are left out (and accounted for)
/// unless ``Options/includeInvalid`` is set. Group rows get the sums of their children.
/// When the submissions are peers (each covers at least 80 % of the scored criteria, e.g.
/// communes assessed on the whole framework), score columns hold the peers' average and the
/// summary ranks them.
public struct Consolidator: Sendable {
    /// What a consolidation may do besides the defaults.
    public typealias Options = ConsolidationOptions

    public let framework: Framework
    public let layout: Layout
    public let options: Options

    public init(framework: Framework, layout: Layout, options: Options = Options()) {
        self.framework = framework
        self.layout = layout
        self.options = options
    }

    /// Consolidates inputs already in memory (tests, small runs).
    public func consolidate(_ inputs: [ConsolidationInput]) -> Consolidation {
        var builder = ConsolidationBuilder(framework: framework, layout: layout, options: options)
        for (i, input) in inputs.enumerated() { builder.add(input, at: i) }
        return builder.finish()
    }
}
