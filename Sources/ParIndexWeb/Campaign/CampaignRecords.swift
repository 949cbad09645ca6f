import Foundation
import ParIndexKit
import ParIndexStore

/// Who sent a file: the coordinator from the overview, or a unit through its link.
public enum Submitter: String, Codable, Sendable {
    case coordinator
    case link

    /// Vietnamese label for the history table (files added with `parindex campaign add`
    /// have no web submitter: ``commandLineLabel``).
    public var label: String { self == .coordinator ? "Điều phối (trang web)" : "Liên kết của đơn vị" }
    public static let commandLineLabel = "Điều phối (dòng lệnh)"
}

/// A unit's personal link, kept as the digest of its token.
public struct LinkRecord: Sendable {
    public var digest: TokenDigest
    public var issuedAt: Date
}

/// One file as the pages show it: the store's record, its findings, who sent it, and what
/// happened on this upload (new version, or the same bytes as an earlier one).
public struct ReceivedFile: Sendable {
    /// Nil when nothing was stored (a file over the size limit).
    public var record: SubmissionRecord?
    public var displayName: String
    public var status: FileStatus
    public var reason: String?
    public var findings: [Finding]
    public var submitter: String
    public var size: Int
    public var receivedAt: Date
    /// Set when the same bytes had been received before (nothing new stored).
    public var duplicateOf: Int?
    public var errors: Int { findings.filter { $0.severity == .error }.count }
    public var warnings: Int { findings.count - errors }
}

/// Everything the coordinator's overview shows, read at once.
public struct CampaignSnapshot: Sendable {
    public var folder: String
    public var info: CampaignInfo
    public var framework: Framework
    public var status: CampaignStatus
    public var history: [SubmissionRecord]
    public var submitters: [Int64: String]
    public var links: [String: LinkRecord]
    public var consolidations: [ConsolidationSummary]

    /// Submissions of one unit, oldest first.
    public func files(of unit: String) -> [SubmissionRecord] { history.filter { $0.unit == unit } }

    public func submitterLabel(_ id: Int64) -> String {
        submitters[id].flatMap(Submitter.init(rawValue:))?.label ?? Submitter.commandLineLabel
    }
}

/// The figures of one consolidation, shown on the page.
public struct ConsolidationSummary: Codable, Sendable {
    public struct Field: Codable, Sendable {
        public var code: String
        public var title: String
        public var max: Double
        public var achieved: Double
    }
    public struct UnitLine: Codable, Sendable {
        public var name: String
        public var achieved: Double
        public var max: Double
        public var submitted: Bool
    }
    public struct Rank: Codable, Sendable {
        public var rank: Int
        public var unit: String
        public var achieved: Double
        public var max: Double
        public var index: Double
    }
    public var id: Int = 0
    public var createdAt: Date
    /// File name of the workbook in the campaign's `web/outputs/`.
    public var output: String
    public var filesUsed: Int
    public var fields: [Field]
    public var units: [UnitLine]
    public var ranking: [Rank]
    public var peers: Bool
    public var totalMax: Double
    public var totalAchieved: Double?
    public var unitsNotSubmitted: [String]
}

extension ConsolidationSummary {
    init(_ result: ConsolidationResult, createdAt: Date, output: String) {
        let c = result.consolidation
        self.init(createdAt: createdAt, output: output, filesUsed: result.statuses.count,
                  fields: c.fields.map { Field(code: $0.code, title: $0.title, max: $0.max, achieved: $0.achieved) },
                  units: c.units.map { UnitLine(name: $0.unit.name, achieved: $0.achieved, max: $0.max, submitted: $0.submitted) },
                  ranking: c.ranking.map { Rank(rank: $0.rank, unit: $0.unit, achieved: $0.achieved, max: $0.max, index: $0.index) },
                  peers: c.peers, totalMax: c.totalMax, totalAchieved: result.figures.achieved,
                  unitsNotSubmitted: c.unitsNotSubmitted.map(\.name))
    }
}
