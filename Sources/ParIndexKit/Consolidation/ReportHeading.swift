/// The lines a consolidated `Phụ lục` prints around its table, resolved once: the options
/// given (``ReportMetadata`` from the command line), else the framework's `report`
/// section, else defaults that describe a result — never the framework's own title and
/// `Kèm theo` line, which belong to the criteria set.
public struct ReportHeading: Equatable, Sendable {
    /// The title line under `PHỤ LỤC`.
    public var title: String
    /// The `Kèm theo …` line, without its parentheses.
    public var attachedTo: String
    /// Who issues the result; nil when unknown.
    public var issuer: String?
    /// The signature block under the table; nil for none.
    public var signature: SignatureBlock?
    /// The year the date line of the signature block ends with.
    public var year: Int?

    /// - Parameters:
    ///   - options: lines given for this run; they win over the framework's.
    ///   - pointsRole: the score column counted as points (it names the kind of result).
    public init(framework: Framework, options: ReportMetadata = ReportMetadata(), year: Int?, pointsRole: ColumnRole?) {
        let report = (framework.metadata.report ?? ReportMetadata()).overridden(by: options)
        let issuer = report.issuer ?? framework.metadata.issuer
        self.issuer = issuer
        self.year = year
        let yearText = year.map { " năm \($0)" } ?? ""
        let of = issuer.map { " của \($0)" } ?? ""
        let what: String
        switch pointsRole {
        case .appraised?: what = "Kết quả thẩm định, chấm điểm Chỉ số CCHC"
        case .selfScore?: what = "Kết quả tự đánh giá, chấm điểm Chỉ số CCHC"
        case .target?: what = "Tổng hợp mục tiêu, nhiệm vụ cải thiện Chỉ số CCHC"
        default: what = "Tổng hợp kết quả thực hiện nhiệm vụ cải thiện Chỉ số CCHC"
        }
        title = report.title ?? "\(what)\(yearText)\(of)"
        let blank = "\u{2026}"
        attachedTo = report.attachedTo.map(Self.withoutParentheses)
            ?? "Kèm theo Báo cáo số \(blank)/BC-\(blank) ngày \(blank) tháng \(blank) năm \(year.map(String.init) ?? blank)\(of)"
        signature = report.signature
    }

    /// `(Kèm theo …)` given with its parentheses is kept once.
    static func withoutParentheses(_ text: String) -> String {
        var t = TextNormalizer.clean(text)
        if t.hasPrefix("(") && t.hasSuffix(")") { t = String(t.dropFirst().dropLast()) }
        return t
    }
}
