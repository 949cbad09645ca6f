/// The result of consolidating many submissions into one appendix: the rows of the
/// official table, the score summary, and a full account of every input.
public struct Consolidation: Sendable {
    /// One row of the Phụ lục: a criterion in framework order with its merged values.
    public struct Row: Sendable {
        public var criterion: Criterion
        public var depth: Int
        public var isGroup: Bool
        /// Điểm chuẩn: the framework's, or for a group the sum of its children's.
        public var max: Double?
        /// Values of the layout's columns, by role (given ones from the framework, the
        /// others from the chosen submission; group rows hold sums of their children).
        public var values: [ColumnRole: ScoreValue]
        /// The submission row the values came from.
        public var source: SourceRef?
        /// True when the values come from a submission with errors (`--include-invalid`).
        public var fromInvalid: Bool
    }

    /// Two submissions gave different values for one criterion.
    public struct Conflict: Sendable {
        public var code: String
        /// The criterion's position in framework order (its row in ``Consolidation/rows``).
        public var criterionIndex: Int
        public var used: SourceRef
        /// The first differing rows (at most ``shownLimit``)…
        public var others: [SourceRef]
        /// …and how many there are in all.
        public var otherCount: Int
        public static let shownLimit = 20
        /// Vietnamese: which one was used and why.
        public var reason: String
    }

    /// What happened to one input row (or one whole file).
    public struct Account: Sendable {
        public enum Status: String, Sendable {
            case used, notUsed, excludedInvalid, skipped, unreadable
            /// An earlier version of a unit's return, replaced by a later valid one.
            case superseded
        }
        public var file: String
        public var sheet: String?
        public var row: Int?
        public var code: String?
        public var status: Status
        /// Vietnamese: where the row went, or why it did not.
        public var detail: String
        /// The criterion the row stands for, as its position in framework order (its
        /// `Phụ lục` row is the first data row plus this); nil for other rows.
        public var criterionIndex: Int? = nil
    }

    /// Per input file: what it is and how it fared.
    public struct InputSummary: Sendable {
        public var file: String
        public var unit: String?
        public var status: Account.Status
        public var errors: Int
        public var warnings: Int
        public var rowsUsed: Int
        public var reason: String?
    }

    public var framework: Framework
    public var layout: Layout
    public var year: Int?
    public var rows: [Row]
    /// Sums of the score columns over the top-level rows (the Tổng cộng row).
    public var totals: [ColumnRole: Double]
    public var totalMax: Double
    /// The score column the summary counts as points achieved (appraised, else self, else target).
    public var pointsRole: ColumnRole?
    /// The submissions are peers assessed on the whole framework: score columns hold their
    /// average and ``ranking`` compares them.
    public var peers: Bool
    /// The `Tổng hợp điểm` figures (per field, per lead unit, total, ranking).
    public var summary: ScoreSummary
    public var inputs: [InputSummary]
    public var findings: [Finding]
    public var criteriaNotSubmitted: [Criterion]
    public var conflicts: [Conflict]
    /// Every input row's fate (streamed to the `Kiểm tra` sheet, rows that fared alike on one line).
    public var ledger: AccountLedger

    /// Lead units with no file among the inputs.
    public var unitsNotSubmitted: [ScoreSummary.UnitLine] { summary.units.filter { $0.status == .notSubmitted } }
    /// Lead units whose files were all left out for their errors.
    public var unitsExcluded: [ScoreSummary.UnitLine] { summary.units.filter { $0.status == .excluded } }

    /// The account, one line per input row, materialized (programs and tests; the sheet
    /// shows ``accountRuns``).
    public var accounts: [Account] {
        var all: [Account] = []
        ledger.forEach { all.append($0) }
        return all
    }
}
