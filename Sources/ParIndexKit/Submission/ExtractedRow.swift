/// One sheet row of a submission as consolidation needs it: its fate and the values of
/// every column role it has (scores as read, texts, lead and co-units joined by `; `).
public struct ExtractedRow: Codable, Hashable, Sendable {
    /// The sheet row (1-based).
    public var row: Int
    public var fate: RowFate
    /// Values by role; a role with an empty cell is absent.
    public var values: [ColumnRole: ScoreValue]

    public init(row: Int, fate: RowFate, values: [ColumnRole: ScoreValue] = [:]) {
        self.row = row; self.fate = fate; self.values = values
    }

    /// A table row's value for a role (code, title and units as text; scores as read).
    public static func value(_ role: ColumnRole, of row: TableRow) -> ScoreValue? {
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

    /// Every row of `table` (data rows and noted non-data rows except joined
    /// continuations), in sheet order, with their fates from `match` (the table's rows
    /// matched to the framework, made once per file by its caller).
    static func rows(of table: RecognizedTable, match: CriterionMatch) -> [ExtractedRow] {
        var out: [ExtractedRow] = []
        out.reserveCapacity(table.notes.count + table.rows.count)
        for note in table.notes where note.kind != .joinedContinuation {
            out.append(ExtractedRow(row: note.row, fate: .skipped(reason: note.message)))
        }
        let roles = ColumnRole.allCases.filter { table.columns[$0] != nil }
        for (r, row) in table.rows.enumerated() {
            let fate: RowFate
            if let criterion = match.matched[r] {
                fate = .criterion(id: criterion.criterion.id)
            } else if let target = match.explanationOf[r] {
                fate = .explanation(of: match.matched[target]?.criterion.id ?? table.rows[target].code,
                                    row: table.rows[target].row, text: CriterionRules.text(of: row))
            } else if let visible = match.staleCopyOf[r] {
                fate = .hiddenStale(code: row.code, visibleRow: table.rows[visible].row)
            } else if let first = match.duplicateOf[r] {
                fate = .duplicate(code: row.code, firstRow: table.rows[first].row)
            } else {
                fate = .unknown(code: row.code)
            }
            var values: [ColumnRole: ScoreValue] = [:]
            for role in roles { if let v = value(role, of: row) { values[role] = v } }
            out.append(ExtractedRow(row: row.row, fate: fate, values: values))
        }
        out.sort { $0.row < $1.row }
        return out
    }
}
