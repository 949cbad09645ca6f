import Foundation

/// What a column of a PAR INDEX table holds. Raw values appear in JSON output.
public enum ColumnRole: String, CaseIterable, Codable, CodingKeyRepresentable, Sendable {
    /// Position code: `A`, `I`, `III.1`, `1.2.3`, `-` or empty.
    case code
    /// Criterion text.
    case title
    /// Maximum score (điểm chuẩn).
    case max
    /// Score achieved last year.
    case prev
    /// Score aimed for this year.
    case target
    /// Tasks and solutions.
    case tasks
    /// Lead unit (chủ trì).
    case lead
    /// Co-operating units (phối hợp).
    case coop
    /// Deadline: a date, `Thường xuyên`, `Trước ngày …`.
    case deadline
    /// The official in charge.
    case person
    /// Self-assessed score. (Raw value `self`; the case cannot be named `self` in Swift.)
    case selfScore = "self"
    /// Evidence documents (tài liệu kiểm chứng).
    case evidence
    /// Appraised score (điểm thẩm định).
    case appraised
    /// Note.
    case note

    /// The case's position in declaration order: hashing and equality use it, not the raw
    /// value (the standard library would hash the raw string, NFC-normalising it, on every
    /// dictionary access of the rows' `[ColumnRole: …]` values).
    var ordinal: Int {
        switch self {
        case .code: 0
        case .title: 1
        case .max: 2
        case .prev: 3
        case .target: 4
        case .tasks: 5
        case .lead: 6
        case .coop: 7
        case .deadline: 8
        case .person: 9
        case .selfScore: 10
        case .evidence: 11
        case .appraised: 12
        case .note: 13
        }
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(ordinal) }

    /// What dictionaries and sets hash with (the raw-value default would hash the string):
    /// the ordinal times an odd constant, mixed with the table's seed — distinct for every
    /// case in every table size.
    public func _rawHashValue(seed: Int) -> Int { (ordinal &+ 1) &* -7_046_029_254_386_353_131 ^ seed }

    public var hashValue: Int { _rawHashValue(seed: 0) }

    public static func == (a: ColumnRole, b: ColumnRole) -> Bool { a.ordinal == b.ordinal }

    /// The default Vietnamese header, with `{year}` / `{prevYear}` placeholders.
    public var headerTemplate: String {
        switch self {
        case .code: "STT"
        case .title: "Lĩnh vực/Tiêu chí/Tiêu chí thành phần"
        case .max: "Điểm chuẩn"
        case .prev: "Điểm đạt năm {prevYear}"
        case .target: "Mục tiêu năm {year}"
        case .tasks: "Nhiệm vụ, giải pháp"
        case .lead: "Đơn vị chủ trì"
        case .coop: "Đơn vị phối hợp"
        case .deadline: "Thời gian hoàn thành"
        case .person: "Người thực hiện"
        case .selfScore: "Điểm tự đánh giá"
        case .evidence: "Tài liệu kiểm chứng"
        case .appraised: "Điểm thẩm định"
        case .note: "Ghi chú"
        }
    }

    /// The default header for display. With a `year` the placeholders are filled
    /// (`Điểm đạt năm 2019`, `Mục tiêu năm 2020` for 2020); without one they read
    /// `năm trước` / `năm nay`.
    public func defaultHeader(year: Int? = nil) -> String {
        let template = headerTemplate
        guard template.contains("{") else { return template }
        if let year {
            return template.replacingOccurrences(of: "{prevYear}", with: String(year - 1))
                .replacingOccurrences(of: "{year}", with: String(year))
        }
        return template.replacingOccurrences(of: "năm {prevYear}", with: "năm trước")
            .replacingOccurrences(of: "năm {year}", with: "năm nay")
    }

    /// True for the columns holding a score (validated as numbers in 0…điểm chuẩn).
    public var isScore: Bool {
        switch self {
        case .max, .prev, .target, .selfScore, .appraised: true
        default: false
        }
    }

    /// The score roles, in column order: max, prev, target, self, appraised.
    public static let scoreRoles: [ColumnRole] = allCases.filter(\.isScore)

    /// The score roles that count as points achieved, by preference: appraised, else
    /// self-assessed, else target.
    public static let pointsRoles: [ColumnRole] = [.appraised, .selfScore, .target]

    /// The Vietnamese name of a score role in messages (`Điểm tự đánh giá`); the default
    /// header for other roles.
    public var scoreName: String {
        switch self {
        case .max: "Điểm chuẩn"
        case .prev: "Điểm đạt năm trước"
        case .target: "Điểm mục tiêu"
        case .selfScore: "Điểm tự đánh giá"
        case .appraised: "Điểm thẩm định"
        default: defaultHeader()
        }
    }
}
