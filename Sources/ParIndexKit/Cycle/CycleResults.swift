import Foundation

/// Figures of one scope (the whole assessment, a field, a unit, a peer).
public struct ResultFigures: Codable, Equatable, Sendable {
    /// Applicable maximum: điểm chuẩn of the criteria that apply (N/A left out).
    public var max: Double
    /// Final points (appraised where present, else self-assessed).
    public var achieved: Double
    /// Points lost over the criteria with a score.
    public var lost: Double
    /// Index in percent: achieved ÷ applicable maximum × 100, two decimals.
    public var index: Double
    /// Classification band of ``index``.
    public var band: String?
    /// Self-assessed points over the same criteria.
    public var selfAchieved: Double
    /// Appraised minus self-assessed, over the criteria that have both (negative: lowered).
    public var appraisalDifference: Double
    /// Criteria counted (applicable leaves) and how many of them have a score.
    public var criteria: Int
    public var scored: Int
    public var appraised: Int
    public var notApplicable: Int
    /// Some applicable criteria have no score: the index counts them as 0.
    public var partial: Bool { scored < criteria }
    /// Last year's index, when a previous result was given.
    public var previousIndex: Double?
    /// ``index`` minus ``previousIndex``, in percentage points.
    public var change: Double? { previousIndex.map { ((index - $0) * 100).rounded() / 100 } }

    enum CodingKeys: String, CodingKey {
        case max, achieved, lost, index, band, selfAchieved, appraisalDifference, criteria, scored, appraised
        case notApplicable, partial, previousIndex, change
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        max = try c.decode(Double.self, forKey: .max)
        achieved = try c.decode(Double.self, forKey: .achieved)
        lost = try c.decode(Double.self, forKey: .lost)
        index = try c.decode(Double.self, forKey: .index)
        band = try c.decodeIfPresent(String.self, forKey: .band)
        selfAchieved = try c.decodeIfPresent(Double.self, forKey: .selfAchieved) ?? 0
        appraisalDifference = try c.decodeIfPresent(Double.self, forKey: .appraisalDifference) ?? 0
        criteria = try c.decodeIfPresent(Int.self, forKey: .criteria) ?? 0
        scored = try c.decodeIfPresent(Int.self, forKey: .scored) ?? 0
        appraised = try c.decodeIfPresent(Int.self, forKey: .appraised) ?? 0
        notApplicable = try c.decodeIfPresent(Int.self, forKey: .notApplicable) ?? 0
        previousIndex = try c.decodeIfPresent(Double.self, forKey: .previousIndex)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(max, forKey: .max)
        try c.encode(achieved, forKey: .achieved)
        try c.encode(lost, forKey: .lost)
        try c.encode(index, forKey: .index)
        try c.encode(band, forKey: .band)
        try c.encode(selfAchieved, forKey: .selfAchieved)
        try c.encode(appraisalDifference, forKey: .appraisalDifference)
        try c.encode(criteria, forKey: .criteria)
        try c.encode(scored, forKey: .scored)
        try c.encode(appraised, forKey: .appraised)
        try c.encode(notApplicable, forKey: .notApplicable)
        try c.encode(partial, forKey: .partial)
        try c.encode(previousIndex, forKey: .previousIndex)
        try c.encode(change, forKey: .change)
    }

    init(scores: [CriterionScore], bands: Classification) {
        var max = 0.0, achieved = 0.0, lost = 0.0, selfSum = 0.0, diff = 0.0
        var criteria = 0, scored = 0, appraised = 0, na = 0
        for s in scores {
            guard let m = s.max else { continue }
            if s.notApplicable { na += 1; continue }
            criteria += 1
            max += m
            if let own = s.selfScore { selfSum += own }
            if let a = s.appraised { appraised += 1; if let own = s.selfScore { diff += a - own } }
            if let f = s.final { scored += 1; achieved += f; lost += Swift.max(0, m - f) }
        }
        self.max = max; self.achieved = achieved; self.lost = lost
        self.selfAchieved = selfSum; self.appraisalDifference = diff
        self.criteria = criteria; self.scored = scored; self.appraised = appraised; self.notApplicable = na
        self.index = max > 0 ? (achieved / max * 10_000).rounded() / 100 : 0
        self.band = max > 0 && scored > 0 ? bands.band(forPercent: index)?.label : nil
        self.previousIndex = nil
    }
}

/// The results of one assessment cycle: per field, per unit (the units leading the
/// criteria, ranked by index) and, when several peers' returns are compared, per peer;
/// each with index, classification band, self-vs-appraised difference and the change
/// against last year. Computed apart from rendering (``ResultsWorkbook``, JSON).
public struct CycleResults: Codable, Sendable {
    /// A field (lĩnh vực).
    public struct FieldResult: Codable, Equatable, Sendable {
        public var code: String
        public var title: String
        public var figures: ResultFigures
    }
    /// A unit of the agency: the criteria it leads.
    public struct UnitResult: Codable, Equatable, Sendable {
        public var rank: Int
        public var code: String
        public var name: String
        public var figures: ResultFigures
        /// Per field (only fields where the unit leads a criterion), by field code.
        public var fields: [String: ResultFigures]
    }
    /// One peer (a commune, a department) assessed on the whole framework.
    public struct PeerResult: Codable, Equatable, Sendable {
        public var rank: Int
        public var name: String
        public var source: String?
        public var figures: ResultFigures
        public var fields: [String: ResultFigures]
    }

    public var frameworkTitle: String
    public var year: Int?
    public var entity: String?
    /// The bands used, highest first.
    public var bands: [ClassificationBand]
    public var total: ResultFigures
    public var fields: [FieldResult]
    public var units: [UnitResult]
    /// Empty unless several peers' returns were compared.
    public var peers: [PeerResult]
    /// The published rank, when given.
    public var rank: PublishedRank?
    /// The previous result compared against, if any.
    public var previousSource: String?
    /// The per-criterion scores (the first peer's when peers are compared).
    public var scores: ScoreSheet
    /// Appraisal findings (lowered, raised, unusable cells).
    public var findings: [Finding]

    /// Computes the results of one assessment (`scores`), optionally against last year's
    /// (`previous`, matched by criterion id) and with peers' returns to rank.
    public static func compute(framework: Framework, scores: ScoreSheet, previous: ScoreSheet? = nil,
                               peers: [ScoreSheet] = [], rank: PublishedRank? = nil,
                               findings: [Finding] = []) -> CycleResults {
        let bands = framework.bands
        let fieldList = ResultFields.fields(of: framework)
        let directory = UnitDirectory(units: framework.units)
        func leaves(_ c: Criterion) -> Set<String> {
            Set(c.flattened().filter { !$0.criterion.isGroup }.map(\.criterion.id))
        }
        let fieldLeaves = fieldList.map { (field: $0.0, ids: leaves($0.0)) }
        func figures(_ sheet: ScoreSheet, _ ids: Set<String>?) -> ResultFigures {
            ResultFigures(scores: ids.map { ids in sheet.scores.filter { ids.contains($0.id) } } ?? sheet.scores,
                          bands: bands)
        }
        func withPrevious(_ f: ResultFigures, _ ids: Set<String>?) -> ResultFigures {
            var f = f
            if let previous { f.previousIndex = figures(previous, ids).index }
            return f
        }

        let total = withPrevious(figures(scores, nil), nil)
        let fields = fieldLeaves.map { entry in
            FieldResult(code: entry.field.code, title: entry.field.title,
                        figures: withPrevious(figures(scores, entry.ids), entry.ids))
        }

        // Units: the leaves each unit leads.
        var ledBy: [String: Set<String>] = [:]
        for item in framework.flattened where !item.criterion.isGroup {
            for name in item.criterion.lead {
                if let unit = directory.resolve(name) { ledBy[unit.code, default: []].insert(item.criterion.id) }
            }
        }
        var units: [UnitResult] = framework.units.compactMap { unit in
            guard let ids = ledBy[unit.code], !ids.isEmpty else { return nil }
            var perField: [String: ResultFigures] = [:]
            for entry in fieldLeaves {
                let shared = ids.intersection(entry.ids)
                if !shared.isEmpty { perField[entry.field.code] = withPrevious(figures(scores, shared), shared) }
            }
            return UnitResult(rank: 0, code: unit.code, name: unit.name,
                              figures: withPrevious(figures(scores, ids), ids), fields: perField)
        }
        units = ranked(units, index: { $0.figures.index }, set: { $0.rank = $1 })

        var peerResults: [PeerResult] = peers.enumerated().map { i, sheet in
            var perField: [String: ResultFigures] = [:]
            for entry in fieldLeaves { perField[entry.field.code] = figures(sheet, entry.ids) }
            return PeerResult(rank: 0, name: sheet.entity ?? "Đơn vị \(i + 1)", source: sheet.source,
                              figures: figures(sheet, nil), fields: perField)
        }
        peerResults = ranked(peerResults, index: { $0.figures.index }, set: { $0.rank = $1 })

        return CycleResults(frameworkTitle: framework.metadata.title, year: scores.year ?? framework.metadata.year,
                            entity: scores.entity ?? framework.metadata.issuer, bands: bands.bands, total: total,
                            fields: fields, units: units, peers: peerResults, rank: rank,
                            previousSource: previous?.source, scores: scores, findings: findings)
    }

    /// Sorted by index, highest first; equal indexes share a rank (1, 2, 2, 4); ties keep
    /// their input order.
    static func ranked<T>(_ items: [T], index: (T) -> Double, set: (inout T, Int) -> Void) -> [T] {
        let sorted = items.enumerated().sorted { a, b in
            let (x, y) = (index(a.element), index(b.element))
            return x != y ? x > y : a.offset < b.offset
        }.map(\.element)
        var out = sorted
        var current = 0
        for i in out.indices {
            if i == 0 || index(out[i]) != index(out[i - 1]) { current = i + 1 }
            set(&out[i], current)
        }
        return out
    }
}
