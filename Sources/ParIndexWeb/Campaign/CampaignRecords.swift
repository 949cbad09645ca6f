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

/// One consolidation made from the page: its workbook and its score summary (the same
/// figures as the workbook's `Tổng hợp điểm` sheet).
public struct ConsolidationSummary: Codable, Sendable {
    public var id: Int = 0
    public var createdAt: Date
    /// File name of the workbook in the campaign's `web/outputs/`.
    public var output: String
    /// Files taken into account (superseded versions are not).
    public var filesUsed: Int
    public var summary: ScoreSummary
    /// The score column counted as points, as its header reads.
    public var pointsColumn: String?
}

extension ConsolidationSummary {
    init(_ result: ConsolidationResult, createdAt: Date, output: String) {
        let c = result.consolidation
        self.init(createdAt: createdAt, output: output, filesUsed: result.statuses.count, summary: c.summary,
                  pointsColumn: c.summary.pointsRole.flatMap { c.layout.column($0)?.headerText(year: c.year) })
    }
}
