/// The Vietnamese phrases a clerk reads for ``ScoreFigures``: the same words on the
/// `Tổng hợp điểm` sheet, the web page and the yearly-cycle commands.
public enum ScoreSummaryText {
    /// `trừ 0,5/3 điểm` as seed 004 writes it; when some criteria have no value,
    /// `trừ 0,5/2 điểm có số liệu (tạm tính)`; with no value at all, `chưa có số liệu`.
    public static func loss(_ f: ScoreFigures) -> String {
        guard f.scored > 0 else { return "chưa có số liệu" }
        let line = "trừ \(ScoreFormat.vietnamese(f.lost))/\(ScoreFormat.vietnamese(f.scoredMax)) điểm"
        return f.isPartial ? line + " có số liệu (tạm tính)" : line
    }

    /// `11 tiêu chí, 12,5 điểm`; nil when every applicable criterion has a value.
    public static func missing(_ f: ScoreFigures) -> String? {
        guard f.missing > 0 else { return nil }
        return "\(f.missing) tiêu chí, \(ScoreFormat.vietnamese(f.missingMax)) điểm"
    }

    /// `2 tiêu chí, 1,5 điểm`; nil when every criterion applies.
    public static func notApplicable(_ f: ScoreFigures) -> String? {
        guard f.notApplicable > 0 else { return nil }
        return "\(f.notApplicable) tiêu chí, \(ScoreFormat.vietnamese(f.notApplicableMax)) điểm"
    }

    /// The band's label, `(tạm tính)` added when the figures are partial; nil without index.
    public static func band(_ f: ScoreFigures) -> String? {
        guard let band = f.band else { return nil }
        return f.isPartial ? "\(band.label) (tạm tính)" : band.label
    }

    /// How the figures are computed, in one paragraph, for the top of a summary.
    public static func method(pointsColumn: String, bands: Classification) -> String {
        "Điểm đạt lấy từ cột \"\(pointsColumn)\". Điểm đạt và điểm bị trừ chỉ tính trên các tiêu chí đã có số liệu; "
            + "tiêu chí chưa có số liệu (đơn vị chưa nộp, hoặc tệp có lỗi chưa được tổng hợp) được đếm riêng, "
            + "không tính là bị trừ. Tiêu chí không áp dụng được bỏ khỏi điểm chuẩn: chỉ số = điểm đạt ÷ điểm chuẩn "
            + "áp dụng của các tiêu chí có số liệu. Xếp loại: "
            + bands.bands.map(bands.describe).joined(separator: "; ") + "."
    }
}
