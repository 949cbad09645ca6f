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
    public struct Options: Sendable {
        /// Merge the rows of submissions that have errors, marked as such.
        public var includeInvalid: Bool
        /// The year shown in headers; defaults to the framework's.
        public var year: Int?

        public init(includeInvalid: Bool = false, year: Int? = nil) {
            self.includeInvalid = includeInvalid
            self.year = year
        }
    }

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

    static let scoreRoles: [ColumnRole] = [.max, .prev, .target, .selfScore, .appraised]

    /// A submission row's value for a role.
    static func value(_ role: ColumnRole, of row: TableRow) -> ScoreValue? {
        switch role {
        case .code: return row.code.isEmpty ? nil : .text(row.code)
        case .title: return row.title.map { .text($0) }
        case .lead: return row.lead.isEmpty ? nil : .text(row.lead.joined(separator: "; "))
        case .coop: return row.coop.isEmpty ? nil : .text(row.coop.joined(separator: "; "))
        default:
            if let s = row.scores[role] { return s }
            return row.texts[role].map { .text($0) }
        }
    }

    /// The framework's values for the layout's given columns.
    static func givenValues(_ c: Criterion, layout: Layout) -> [ColumnRole: ScoreValue] {
        var v: [ColumnRole: ScoreValue] = [:]
        for column in layout.columns {
            switch column.role {
            case .code: v[.code] = .text(c.code)
            case .title: v[.title] = .text(c.title)
            case .max: if let n = c.max { v[.max] = .number(n) }
            case .prev: if let n = c.prev { v[.prev] = .number(n) }
            case .target: if let n = c.target { v[.target] = .number(n) }
            case .tasks: if let t = c.tasks { v[.tasks] = .text(t) }
            case .lead: if !c.lead.isEmpty { v[.lead] = .text(c.lead.joined(separator: "; ")) }
            case .coop: if !c.coop.isEmpty { v[.coop] = .text(c.coop.joined(separator: "; ")) }
            case .deadline: if let t = c.deadline { v[.deadline] = .text(t) }
            case .person: if let t = c.person { v[.person] = .text(t) }
            default: break
            }
        }
        return v
    }

    /// Group rows: max and scores are the sums of their children (bottom-up).
    static func sumGroups(_ rows: inout [Consolidation.Row]) {
        for i in rows.indices.reversed() where rows[i].isGroup {
            var maxSum: Double?
            var sums: [ColumnRole: Double] = [:]
            var j = i + 1
            while j < rows.count, rows[j].depth > rows[i].depth {
                if rows[j].depth == rows[i].depth + 1 {
                    if let m = rows[j].max { maxSum = (maxSum ?? 0) + m }
                    for role in scoreRoles where role != .max {
                        if let n = rows[j].values[role]?.number { sums[role, default: 0] += n }
                    }
                }
                j += 1
            }
            rows[i].max = maxSum ?? rows[i].criterion.max
            if let m = rows[i].max { rows[i].values[.max] = .number(m) }
            for (role, sum) in sums { rows[i].values[role] = .number(sum) }
        }
    }

    /// Top-level fields; when the framework has a single top-level section, its children.
    static func fieldSummaries(_ rows: [Consolidation.Row], pointsRole: ColumnRole?) -> [Consolidation.FieldSummary] {
        let topDepth = rows.filter { $0.depth == 0 }.count == 1 && rows.count > 1 ? 1 : 0
        return rows.filter { $0.depth == topDepth && ($0.max ?? 0) > 0 }.map { row in
            Consolidation.FieldSummary(code: row.criterion.code, title: row.criterion.title, max: row.max ?? 0,
                                       achieved: pointsRole.flatMap { row.values[$0]?.number } ?? 0)
        }
    }
}
