import Foundation

/// Where a criterion's final score comes from.
public enum ScoreSource: String, Codable, Sendable {
    /// The appraisal council's score (điểm thẩm định).
    case appraised
    /// The unit's own score (điểm tự đánh giá), used where no appraised score was given.
    case selfAssessed = "self"

    /// Vietnamese label.
    public var label: String { self == .appraised ? "thẩm định" : "tự đánh giá" }
}

/// One scored criterion (a leaf of the framework) in an assessment: the self-assessed and
/// appraised scores, the final one, and what the unit and the council wrote.
public struct CriterionScore: Codable, Equatable, Sendable {
    public var id: String
    public var code: String
    public var title: String
    /// Điểm chuẩn; nil when the framework gives none (the criterion is not scored).
    public var max: Double?
    public var selfScore: Double?
    public var appraised: Double?
    /// The criterion does not apply (`Không áp dụng`): left out of the applicable maximum.
    public var notApplicable: Bool
    public var evidence: String?
    public var note: String?
    /// The council's explanation (`Giải trình / ý kiến thẩm định`).
    public var comment: String?

    public init(id: String, code: String, title: String, max: Double?, selfScore: Double? = nil,
                appraised: Double? = nil, notApplicable: Bool = false, evidence: String? = nil,
                note: String? = nil, comment: String? = nil) {
        self.id = id; self.code = code; self.title = title; self.max = max
        self.selfScore = selfScore; self.appraised = appraised; self.notApplicable = notApplicable
        self.evidence = evidence; self.note = note; self.comment = comment
    }

    /// The score that counts: appraised where present, else self-assessed.
    public var final: Double? { notApplicable ? nil : appraised ?? selfScore }
    /// Which of the two ``final`` is.
    public var source: ScoreSource? {
        notApplicable ? nil : appraised != nil ? .appraised : selfScore != nil ? .selfAssessed : nil
    }
    /// Points lost: điểm chuẩn minus the final score (nil without both).
    public var lost: Double? {
        guard let max, let final else { return nil }
        return Swift.max(0, max - final)
    }

    enum CodingKeys: String, CodingKey {
        case id, code, title, max, selfScore = "self", appraised, notApplicable, evidence, note, comment
        case final, source, lost
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        code = try c.decodeIfPresent(String.self, forKey: .code) ?? id
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? ""
        max = try c.decodeIfPresent(Double.self, forKey: .max)
        selfScore = try c.decodeIfPresent(Double.self, forKey: .selfScore)
        appraised = try c.decodeIfPresent(Double.self, forKey: .appraised)
        notApplicable = try c.decodeIfPresent(Bool.self, forKey: .notApplicable) ?? false
        evidence = try c.decodeIfPresent(String.self, forKey: .evidence)
        note = try c.decodeIfPresent(String.self, forKey: .note)
        comment = try c.decodeIfPresent(String.self, forKey: .comment)
    }

    /// Writes every key (absent values as `null`) plus the derived `final`, `source`, `lost`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(code, forKey: .code)
        try c.encode(title, forKey: .title)
        try c.encode(max, forKey: .max)
        try c.encode(selfScore, forKey: .selfScore)
        try c.encode(appraised, forKey: .appraised)
        try c.encode(notApplicable, forKey: .notApplicable)
        try c.encode(final, forKey: .final)
        try c.encode(source, forKey: .source)
        try c.encode(lost, forKey: .lost)
        try c.encode(evidence, forKey: .evidence)
        try c.encode(note, forKey: .note)
        try c.encode(comment, forKey: .comment)
    }
}

/// The scores of one assessment — the agency's consolidated self-assessment, possibly
/// appraised, or one peer's return: every leaf criterion of the framework, in framework
/// order, whether or not it has a score (so every criterion is accounted for).
public struct ScoreSheet: Codable, Sendable {
    /// Who was assessed (the agency, or a peer unit); nil when not known.
    public var entity: String?
    public var frameworkTitle: String
    /// ``FrameworkStore/versionHash(_:)`` of the framework the scores belong to.
    public var frameworkHash: String
    public var year: Int?
    /// The file the scores were read from, if any.
    public var source: String?
    public var scores: [CriterionScore]

    public init(entity: String? = nil, frameworkTitle: String, frameworkHash: String, year: Int?,
                source: String? = nil, scores: [CriterionScore]) {
        self.entity = entity; self.frameworkTitle = frameworkTitle; self.frameworkHash = frameworkHash
        self.year = year; self.source = source; self.scores = scores
    }

    /// An empty sheet for `framework`: every leaf criterion, no scores yet. Criteria the
    /// framework marks not applicable (everywhere, or for `entity` when it names a unit)
    /// are marked so.
    public init(framework: Framework, entity: String? = nil, source: String? = nil) {
        let directory = UnitDirectory(units: framework.units)
        let unit = entity.flatMap { directory.resolve($0) }
        self.init(entity: entity, frameworkTitle: framework.metadata.title,
                  frameworkHash: FrameworkStore.versionHash(framework), year: framework.metadata.year,
                  source: source,
                  scores: framework.flattened.filter { !$0.criterion.isGroup }.map {
                      CriterionScore(id: $0.criterion.id, code: $0.criterion.code, title: $0.criterion.title,
                                     max: $0.criterion.max,
                                     notApplicable: $0.criterion.notApplicable?.excludes(unit, in: directory) ?? false)
                  })
    }

    /// The score of a criterion by id.
    public func score(id: String) -> CriterionScore? { scores.first { $0.id == id } }

    /// Index of a criterion by id.
    func index(of id: String) -> Int? { scores.firstIndex { $0.id == id } }

    /// Criteria with a final score.
    public var scoredCount: Int { scores.filter { $0.final != nil }.count }
    /// Criteria whose final score is the appraised one.
    public var appraisedCount: Int { scores.filter { $0.source == .appraised }.count }
}
