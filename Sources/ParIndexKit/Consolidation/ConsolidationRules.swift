/// How appendix rows are filled and summed, shared by the builder and its callers: given
/// values from the framework, group sums, field summaries.
enum ConsolidationRules {
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
                    for role in ColumnRole.scoreRoles where role != .max {
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

    /// Per row: a group whose scores in `roles` are all computed from its children (each
    /// role has a number in a direct child, so ``sumGroups(_:)`` wrote the sum). False for
    /// leaves, and when `roles` is empty. `rows` are the rows after ``sumGroups(_:)``.
    static func computedGroups(_ rows: [Consolidation.Row], roles: [ColumnRole]) -> [Bool] {
        rows.indices.map { i in
            guard rows[i].isGroup, !roles.isEmpty else { return false }
            var found = Set<ColumnRole>()
            var j = i + 1
            while j < rows.count, rows[j].depth > rows[i].depth {
                if rows[j].depth == rows[i].depth + 1 {
                    for role in roles where rows[j].values[role]?.number != nil { found.insert(role) }
                }
                j += 1
            }
            return found.count == Set(roles).count
        }
    }
}
