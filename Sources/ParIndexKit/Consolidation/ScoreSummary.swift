/// The score summary of a consolidation (`Tổng hợp điểm`): per field, per lead unit, the
/// total, and a ranking when the submissions are peers. Computed apart from any rendering:
/// the appendix workbook, the web page and the yearly cycle show the same figures.
public struct ScoreSummary: Codable, Sendable {
    /// One top-level field (lĩnh vực).
    public struct Field: Codable, Sendable {
        public var code: String
        public var title: String
        public var figures: ScoreFigures
    }

    /// One lead unit: its status and the figures of the criteria it leads.
    public struct UnitLine: Codable, Sendable {
        public var code: String
        public var name: String
        public var status: UnitStatus
        /// The unit's files among the inputs, in input order.
        public var files: [String]
        public var figures: ScoreFigures
    }

    /// One peer submission's place (each covers the whole framework).
    public struct RankLine: Codable, Sendable {
        /// Equal indices share a rank.
        public var rank: Int
        public var file: String
        public var unit: String
        /// Over the whole framework, from this submission's own values.
        public var figures: ScoreFigures
    }

    /// The score column counted as points achieved (appraised, else self, else target);
    /// nil when the layout has none or no file gave any.
    public var pointsRole: ColumnRole?
    /// The bands indices are classified with.
    public var bands: Classification
    public var fields: [Field]
    public var total: ScoreFigures
    public var units: [UnitLine]
    /// Empty unless the submissions are peers.
    public var ranking: [RankLine]
}
