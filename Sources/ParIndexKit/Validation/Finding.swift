import XLSX

/// How serious a finding is: an error makes the submission invalid; a warning does not;
/// information only records a fact (an appraised score that differs from the self score).
public enum Severity: String, Codable, Hashable, Sendable, Comparable {
    case error, warning, information

    private var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }

    /// Vietnamese label.
    public var label: String {
        switch self {
        case .error: "Lỗi"
        case .warning: "Cảnh báo"
        case .information: "Thông tin"
        }
    }
}

/// The stable rule identifiers of validation. The README documents each; the JSON report
/// and the annotated workbooks carry them.
public enum RuleID: String, Codable, CaseIterable, Hashable, Sendable {
    case scoreNotANumber = "score.not-a-number"
    case scoreNegative = "score.negative"
    case scoreExceedsMax = "score.exceeds-max"
    case scoreAmbiguous = "score.ambiguous"
    case targetBelowPrev = "target.below-prev"
    case requiredMissing = "required.missing"
    case criterionUnknown = "criterion.unknown"
    case criterionDuplicate = "criterion.duplicate"
    case criterionMissing = "criterion.missing"
    case criterionMaxChanged = "criterion.max-changed"
    case criterionTitleChanged = "criterion.title-changed"
    case sumExceedsParent = "sum.exceeds-parent"
    case unitUnknown = "unit.unknown"
    case unitNotLead = "unit.not-lead"
    case deadlineInvalid = "deadline.invalid"
    case layoutColumnMissing = "layout.column-missing"
    case templateOtherFramework = "template.other-framework"
    case appraisalLowered = "appraisal.lowered"
    case appraisalRaised = "appraisal.raised"
    case cellMerged = "cell.merged"
    case rowExplanation = "row.explanation"
    case rowHiddenStale = "row.hidden-stale"
    case textLegacyEncoding = "text.legacy-encoding"
    case valueDiffersFromLead = "value.differs-from-lead"
    case submissionSuperseded = "submission.superseded"

    /// The severity a finding of this rule has (by default; `required.missing` on a row
    /// the unit does not lead is a warning).
    public var severity: Severity {
        switch self {
        case .scoreAmbiguous, .targetBelowPrev, .criterionTitleChanged, .unitNotLead, .rowExplanation,
             .rowHiddenStale, .textLegacyEncoding, .valueDiffersFromLead, .submissionSuperseded: return .warning
        case .appraisalLowered, .appraisalRaised, .cellMerged: return .information
        default: return .error
        }
    }
}

/// One problem found in a submission, located to its cell, explained in Vietnamese.
public struct Finding: Codable, Hashable, Sendable {
    public var severity: Severity
    public var rule: RuleID
    /// The submission file as given on the command line.
    public var file: String
    public var sheet: String?
    /// The cell, when the finding has one (written `D10` in JSON and reports).
    public var cell: CellReference?
    /// The criterion code the finding is about (as written in the file, or the
    /// framework's for `criterion.missing`).
    public var code: String?
    /// Vietnamese explanation for the clerk.
    public var message: String
    /// The value found, as text.
    public var found: String?
    /// What was expected, as text.
    public var expected: String?

    public init(rule: RuleID, file: String, sheet: String? = nil, cell: CellReference? = nil, code: String? = nil,
                message: String, found: String? = nil, expected: String? = nil, severity: Severity? = nil) {
        self.severity = severity ?? rule.severity
        self.rule = rule; self.file = file; self.sheet = sheet; self.cell = cell; self.code = code
        self.message = message; self.found = found; self.expected = expected
    }

    enum CodingKeys: String, CodingKey { case severity, rule, file, sheet, cell, code, message, found, expected }

    /// Every key is written, absent values as `null`, so the JSON report keeps one shape.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(severity, forKey: .severity)
        try c.encode(rule, forKey: .rule)
        try c.encode(file, forKey: .file)
        try c.encode(sheet, forKey: .sheet)
        try c.encode(cell?.a1, forKey: .cell)
        try c.encode(code, forKey: .code)
        try c.encode(message, forKey: .message)
        try c.encode(found, forKey: .found)
        try c.encode(expected, forKey: .expected)
    }

    /// Reads the JSON form (`cell` as `D10`).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        severity = try c.decode(Severity.self, forKey: .severity)
        rule = try c.decode(RuleID.self, forKey: .rule)
        file = try c.decode(String.self, forKey: .file)
        sheet = try c.decodeIfPresent(String.self, forKey: .sheet)
        cell = try c.decodeIfPresent(String.self, forKey: .cell).flatMap { CellReference(a1: $0) }
        code = try c.decodeIfPresent(String.self, forKey: .code)
        message = try c.decode(String.self, forKey: .message)
        found = try c.decodeIfPresent(String.self, forKey: .found)
        expected = try c.decodeIfPresent(String.self, forKey: .expected)
    }
}
