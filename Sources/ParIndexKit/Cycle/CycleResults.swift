import Foundation

/// Figures of one scope (the whole assessment, a field, a unit, a peer): the consolidation
/// summary's ``ScoreFigures`` of the final scores (appraised where present, else
/// self-assessed) and of the self-assessed ones, plus what the appraisal changed and the
/// change against last year.
public struct ResultFigures: Codable, Equatable, Sendable {
    /// Final scores: achieved and lost over the criteria with a score, N/A left out of the
    /// maximum, index and band (``ScoreFigures``, as `Tổng hợp điểm` counts them).
    public var final: ScoreFigures
    /// The self-assessed scores over the same criteria.
    public var selfAssessed: ScoreFigures
    /// Criteria whose final score is the appraised one.
    public var appraised: Int
    /// Appraised minus self-assessed, over the criteria that have both (negative: lowered).
    public var appraisalDifference: Double
    /// Last year's index, when a previous result was given.
    public var previousIndex: Double?

    // Shorthands of ``final``.
    /// Applicable maximum (điểm chuẩn of the criteria that apply).
    public var max: Double { final.applicableMax }
    public var achieved: Double { final.achieved }
    public var lost: Double { final.lost }
    /// Index in percent (two decimals) over the criteria with a score; nil with none.
    public var index: Double? { final.index }
    public var band: String? { final.band?.label }
    /// Applicable criteria, and how many have a score.
    public var criteria: Int { final.criteria - final.notApplicable }
    public var scored: Int { final.scored }
    public var notApplicable: Int { final.notApplicable }
    public var partial: Bool { final.isPartial }
    public var selfAchieved: Double { selfAssessed.achieved }
    /// ``index`` minus ``previousIndex``, in percentage points.
    public var change: Double? {
        guard let index, let previousIndex else { return nil }
        return ((index - previousIndex) * 100).rounded() / 100
    }

    enum CodingKeys: String, CodingKey { case final, selfAssessed, appraised, appraisalDifference, previousIndex, change }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        final = try c.decode(ScoreFigures.self, forKey: .final)
        selfAssessed = try c.decode(ScoreFigures.self, forKey: .selfAssessed)
        appraised = try c.decode(Int.self, forKey: .appraised)
        appraisalDifference = try c.decode(Double.self, forKey: .appraisalDifference)
        previousIndex = try c.decodeIfPresent(Double.self, forKey: .previousIndex)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(final, forKey: .final)
        try c.encode(selfAssessed, forKey: .selfAssessed)
        try c.encode(appraised, forKey: .appraised)
        try c.encode(appraisalDifference, forKey: .appraisalDifference)
        try c.encode(previousIndex, forKey: .previousIndex)
        try c.encode(change, forKey: .change)
    }

    init(scores: [CriterionScore], bands: Classification) {
        var final = ScoreTally(), own = ScoreTally()
        var appraised = 0, diff = 0.0
        for s in scores {
            guard let m = s.max else { continue }
            if s.notApplicable {
                final.add(max: m, .notApplicable)
                own.add(max: m, .notApplicable)
                continue
            }
            final.add(max: m, s.final.map { .scored($0) } ?? .missing)
            own.add(max: m, s.selfScore.map { .scored($0) } ?? .missing)
            if let a = s.appraised {
                appraised += 1
                if let o = s.selfScore { diff += a - o }
            }
        }
        self.final = ScoreFigures(final, bands: bands)
        self.selfAssessed = ScoreFigures(own, bands: bands)
        self.appraised = appraised
        self.appraisalDifference = (diff * 1000).rounded() / 1000
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
        units = ranked(units, index: { $0.figures.index ?? -1 }, set: { $0.rank = $1 })

        var peerResults: [PeerResult] = peers.enumerated().map { i, sheet in
            var perField: [String: ResultFigures] = [:]
            for entry in fieldLeaves { perField[entry.field.code] = figures(sheet, entry.ids) }
            return PeerResult(rank: 0, name: sheet.entity ?? "Đơn vị \(i + 1)", source: sheet.source,
                              figures: figures(sheet, nil), fields: perField)
        }
        peerResults = ranked(peerResults, index: { $0.figures.index ?? -1 }, set: { $0.rank = $1 })

        return CycleResults(frameworkTitle: framework.metadata.title, year: scores.year ?? framework.metadata.year,
                            entity: scores.entity ?? framework.metadata.issuer, bands: bands.bands, total: total,
                            fields: fields, units: units, peers: peerResults, rank: rank,
                            previousSource: previous?.source, scores: scores, findings: findings)
    }

    /// Sorted by index, highest first (no index: last); equal indexes share a rank
    /// (1, 2, 2, 4); ties keep their input order.
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
