import Foundation

/// A rank published by the province: `8/8` (8th of 8).
public struct PublishedRank: Codable, Equatable, Sendable {
    public var position: Int
    public var of: Int

    public init(position: Int, of: Int) { self.position = position; self.of = of }

    /// Parses `8/8` or `8 / 8`; nil for anything else or a position beyond the count.
    public init?(_ text: String) {
        let parts = text.split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let p = Int(parts[0]), let n = Int(parts[1]), p >= 1, n >= p else { return nil }
        self.init(position: p, of: n)
    }

    public var text: String { "\(position)/\(of)" }
}

/// The remediation plan (kế hoạch khắc phục) of seed 004, generated from a result: one item
/// per criterion where points were lost, in framework order and grouped by field, with its
/// lead and co-units from the framework and a default deadline; and the letter's body lines
/// (`1. … (trừ 3,75/13 điểm)`, `Tại tiêu chí 1.2.2 … (trừ 0,5 điểm) (Trách nhiệm của …)`).
public struct RemediationPlan: Codable, Sendable {
    /// The deadline written on every item until the office edits it.
    public static let defaultDeadline = "Thường xuyên"

    /// One row of the appendix: a criterion where points were lost.
    public struct Item: Codable, Equatable, Sendable {
        /// STT in the appendix (1, 2, …).
        public var number: Int
        /// Number in the letter (`1.2`: second item of the first field listed).
        public var letterNumber: String
        public var id: String
        public var code: String
        public var title: String
        /// Depth in the framework (1: tiêu chí, 2 and more: tiêu chí thành phần).
        public var depth: Int
        public var max: Double
        public var achieved: Double
        public var lost: Double
        /// Lead units (full names where the framework knows them).
        public var lead: [String]
        /// Co-operating units.
        public var coop: [String]
        public var deadline: String
        /// The final score's origin.
        public var source: ScoreSource?
    }

    /// A field (lĩnh vực) with points lost.
    public struct Field: Codable, Equatable, Sendable {
        /// Number in the letter (1, 2, … over the fields listed).
        public var number: Int
        public var code: String
        public var title: String
        /// Applicable maximum of the field.
        public var max: Double
        public var lost: Double
        public var items: [Item]
    }

    /// What became of a criterion: every leaf of the framework is listed once.
    public struct Account: Codable, Equatable, Sendable {
        public enum Status: String, Codable, Sendable {
            /// Points were lost: an item of the plan.
            case lost
            /// Full marks: nothing to remedy.
            case full
            case notApplicable
            /// No score in the result: not in the plan, listed for the office to check.
            case noScore
        }
        public var id: String
        public var code: String
        public var status: Status
        /// The item's STT when ``status`` is ``Status/lost``.
        public var item: Int?
    }

    /// Year of the plan (the year after the result's).
    public var year: Int?
    /// Year of the result the plan remedies.
    public var resultYear: Int?
    /// Who the plan is for (UBND huyện …).
    public var entity: String?
    public var fields: [Field]
    public var totalMax: Double
    public var totalAchieved: Double
    public var totalLost: Double
    public var rank: PublishedRank?
    public var accounts: [Account]

    /// Items in appendix order.
    public var items: [Item] { fields.flatMap(\.items) }

    // MARK: - Letter lines

    /// The total line, when a rank is known: `… đạt 75,393 điểm, xếp thứ 8/8, số điểm không
    /// đạt là 24,607 điểm, cụ thể các lĩnh vực như sau:`.
    public var totalLine: String? {
        guard let rank else { return nil }
        let year = resultYear.map { " năm \($0)" } ?? ""
        let who = entity.map { " của \($0)" } ?? ""
        return "Theo kết quả công bố Chỉ số cải cách hành chính\(year), Chỉ số cải cách hành chính\(who) đạt \(ScoreFormat.vietnamese(totalAchieved)) điểm, xếp thứ \(rank.text), số điểm không đạt là \(ScoreFormat.vietnamese(totalLost)) điểm, cụ thể các lĩnh vực như sau:"
    }

    /// `1. Công tác chỉ đạo, điều hành cải cách hành chính (trừ 3,75/13 điểm)`.
    public static func fieldLine(_ field: Field) -> String {
        "\(field.number). \(field.title) (trừ \(ScoreFormat.vietnamese(field.lost))/\(ScoreFormat.vietnamese(field.max)) điểm)"
    }

    /// `1.1. Tại tiêu chí 1.2.2 Chất lượng báo cáo (trừ 0,5 điểm) (Trách nhiệm của Phòng Nội vụ).`
    public static func itemLine(_ item: Item) -> String {
        let kind = item.depth >= 2 ? "tiêu chí thành phần" : "tiêu chí"
        let code = item.code.isEmpty ? "" : " \(item.code)"
        var line = "\(item.letterNumber). Tại \(kind)\(code) \(item.title) (trừ \(ScoreFormat.vietnamese(item.lost)) điểm)"
        if !item.lead.isEmpty { line += " (Trách nhiệm của \(item.lead.joined(separator: ", ")))" }
        return line + "."
    }

    /// The letter's body lines, ready to paste: the total line (when a rank is known),
    /// then each field and its items.
    public var letterLines: [String] {
        var lines: [String] = []
        if let totalLine { lines.append(totalLine) }
        for field in fields {
            lines.append(Self.fieldLine(field))
            lines += field.items.map(Self.itemLine)
        }
        return lines
    }
}

/// Builds a ``RemediationPlan`` from a framework and the final scores.
public enum RemediationPlanner {
    /// - Parameters:
    ///   - scores: final scores (appraised where present, else self-assessed).
    ///   - rank: the published rank, for the total line.
    ///   - entity: who the plan is for; defaults to the framework's issuer.
    ///   - deadline: the deadline written on every item.
    public static func plan(framework: Framework, scores: ScoreSheet, rank: PublishedRank? = nil,
                            entity: String? = nil,
                            deadline: String = RemediationPlan.defaultDeadline) -> RemediationPlan {
        let directory = UnitDirectory(units: framework.units)
        let byID = Dictionary(scores.scores.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func names(_ list: [String]) -> [String] {
            var seen = Set<String>()
            return list.map { directory.resolve($0)?.name ?? $0 }.filter { seen.insert($0).inserted }
        }

        var fields: [RemediationPlan.Field] = []
        var accounts: [RemediationPlan.Account] = []
        var itemNumber = 0
        var totalMax = 0.0, totalAchieved = 0.0, totalLost = 0.0
        for (field, depthOffset) in ResultFields.fields(of: framework) {
            var items: [RemediationPlan.Item] = []
            var fieldMax = 0.0, fieldLost = 0.0
            for item in field.flattened() where !item.criterion.isGroup {
                let c = item.criterion
                let depth = item.depth + depthOffset
                guard let score = byID[c.id], let max = c.max else { continue }
                if score.notApplicable {
                    accounts.append(.init(id: c.id, code: c.code, status: .notApplicable))
                    continue
                }
                fieldMax += max
                totalMax += max
                guard let final = score.final else {
                    accounts.append(.init(id: c.id, code: c.code, status: .noScore))
                    continue
                }
                totalAchieved += final
                let lost = Swift.max(0, max - final)
                guard lost > 1e-9 else {
                    accounts.append(.init(id: c.id, code: c.code, status: .full))
                    continue
                }
                fieldLost += lost
                totalLost += lost
                itemNumber += 1
                accounts.append(.init(id: c.id, code: c.code, status: .lost, item: itemNumber))
                items.append(.init(number: itemNumber, letterNumber: "", id: c.id, code: c.code, title: c.title,
                                   depth: depth, max: max, achieved: final, lost: lost,
                                   lead: names(c.lead), coop: names(c.coop), deadline: deadline,
                                   source: score.source))
            }
            guard !items.isEmpty else { continue }
            let number = fields.count + 1
            for i in items.indices { items[i].letterNumber = "\(number).\(i + 1)" }
            fields.append(.init(number: number, code: field.code, title: field.title, max: fieldMax,
                                lost: fieldLost, items: items))
        }
        let year = scores.year ?? framework.metadata.year
        return RemediationPlan(year: year.map { $0 + 1 }, resultYear: year,
                               entity: entity ?? scores.entity ?? framework.metadata.issuer,
                               fields: fields, totalMax: totalMax, totalAchieved: totalAchieved,
                               totalLost: totalLost, rank: rank, accounts: accounts)
    }
}

/// The fields (lĩnh vực) results and plans are summed by: the top-level criteria, or the
/// children of a single top-level section (as the consolidation summary does).
enum ResultFields {
    /// Each field with the depth its own children have in the framework minus one (0 when
    /// fields are top-level, 1 under a single section).
    static func fields(of framework: Framework) -> [(Criterion, Int)] {
        if framework.criteria.count == 1, let only = framework.criteria.first, only.isGroup {
            return only.children.map { ($0, 1) }
        }
        return framework.criteria.map { ($0, 0) }
    }
}
