/// What one sheet row of a submission stands for, decided once when the file is read
/// (``CriterionMatch``) and kept with its values, so consolidation — from files or from
/// the campaign store — never has to look at the workbook again.
public enum RowFate: Codable, Hashable, Sendable {
    /// The row stands for the framework criterion with this id.
    case criterion(id: String)
    /// The row's code is not in the framework (`criterion.unknown`).
    case unknown(code: String)
    /// A second row for a criterion already given at `firstRow` of the same sheet
    /// (`criterion.duplicate`).
    case duplicate(code: String, firstRow: Int)
    /// Not a data row (a repeated header, a column-numbering row, a total row…): the
    /// recogniser's Vietnamese explanation.
    case skipped(reason: String)
    /// A row without a code of its own and without a score under a criterion: its
    /// explanation (`row.explanation`), kept as text, not consolidated.
    case explanation(of: String, row: Int, text: String)
    /// A hidden stale copy of the row at `visibleRow` (`row.hidden-stale`): never used.
    case hiddenStale(code: String, visibleRow: Int)
}
