extension ScoreSummary {
    /// What happened to a unit's return in a consolidation.
    public enum UnitStatus: String, Codable, Sendable, CaseIterable {
        /// A file of the unit was consolidated (with `--include-invalid`, even one with errors).
        case submitted
        /// The unit's file was read but left out for its errors.
        case excluded
        /// No file of the unit was among the inputs.
        case notSubmitted

        /// As reports print it: `Đã nộp`, `Có lỗi — chưa tổng hợp`, `Chưa nộp`.
        public var label: String {
            switch self {
            case .submitted: return "Đã nộp"
            case .excluded: return "Có lỗi — chưa tổng hợp"
            case .notSubmitted: return "Chưa nộp"
            }
        }
    }
}
