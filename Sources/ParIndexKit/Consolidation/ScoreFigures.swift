/// Score figures of a set of scored criteria (leaves with a điểm chuẩn): what was scored,
/// what has no value yet, what does not apply. Lost points are counted only over criteria
/// that have a value; the index is achieved ÷ the applicable maximum of those criteria.
public struct ScoreFigures: Codable, Equatable, Sendable {
    /// Scored criteria in scope, and their điểm chuẩn.
    public var criteria: Int
    public var max: Double
    /// Criteria that do not apply (không áp dụng): they leave the maximum.
    public var notApplicable: Int
    public var notApplicableMax: Double
    /// Applicable criteria with a value, their điểm chuẩn, and the points achieved on them.
    public var scored: Int
    public var scoredMax: Double
    public var achieved: Double
    /// Applicable criteria with no value (chưa có số liệu: not submitted, or the file was
    /// excluded for errors): neither achieved nor lost.
    public var missing: Int
    public var missingMax: Double
    /// Points lost: scored maximum − achieved (three decimals).
    public var lost: Double
    /// Achieved ÷ scored maximum, in percent, two decimals; nil with no value at all.
    public var index: Double?
    /// The classification band of ``index``; nil without an index.
    public var band: ClassificationBand?

    /// True when some applicable criteria have no value: the figures cover only part.
    public var isPartial: Bool { missing > 0 }
    /// Applicable maximum: điểm chuẩn minus the criteria that do not apply.
    public var applicableMax: Double { max - notApplicableMax }

    /// Figures from a tally, classified with `bands`.
    public init(_ tally: ScoreTally, bands: Classification) {
        criteria = tally.criteria; max = Self.round3(tally.max)
        notApplicable = tally.notApplicable; notApplicableMax = Self.round3(tally.notApplicableMax)
        scored = tally.scored; scoredMax = Self.round3(tally.scoredMax); achieved = Self.round3(tally.achieved)
        missing = tally.criteria - tally.notApplicable - tally.scored
        missingMax = Self.round3(tally.max - tally.notApplicableMax - tally.scoredMax)
        lost = Self.round3(tally.scoredMax - tally.achieved)
        if tally.scoredMax > 0 {
            let percent = (tally.achieved / tally.scoredMax * 10_000).rounded() / 100
            index = percent
            band = bands.band(forPercent: percent)
        } else {
            index = nil
            band = nil
        }
    }

    /// Scores keep three decimals (24,607 occurs).
    static func round3(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
}

/// Running sums behind ``ScoreFigures``.
public struct ScoreTally: Sendable, Equatable {
    public var criteria = 0
    public var max = 0.0
    public var notApplicable = 0
    public var notApplicableMax = 0.0
    public var scored = 0
    public var scoredMax = 0.0
    public var achieved = 0.0

    public init() {}

    /// What one scored criterion contributes.
    public enum Entry: Sendable, Equatable {
        /// Applicable, with points achieved.
        case scored(Double)
        /// Does not apply.
        case notApplicable
        /// Applicable, no value.
        case missing
    }

    /// Counts one criterion of điểm chuẩn `max`.
    public mutating func add(max: Double, _ entry: Entry) {
        criteria += 1
        self.max += max
        switch entry {
        case .scored(let points): scored += 1; scoredMax += max; achieved += points
        case .notApplicable: notApplicable += 1; notApplicableMax += max
        case .missing: break
        }
    }
}
