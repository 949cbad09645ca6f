import Foundation
import ParIndexKit

/// Who sent a file: the coordinator from the overview, or a unit through its link.
public enum Submitter: String, Codable, Sendable {
    case coordinator
    case link

    /// Vietnamese label for the history table.
    public var label: String { self == .coordinator ? "Điều phối" : "Liên kết của đơn vị" }
}

/// What reading and checking a received file gave.
public enum FileOutcome: String, Codable, Sendable {
    case valid
    case invalid
    case unreadable

    public var label: String {
        switch self {
        case .valid: "Hợp lệ"
        case .invalid: "Có lỗi"
        case .unreadable: "Không đọc được"
        }
    }
}

/// A unit's state in a campaign, from its latest file.
public enum UnitStatus: String, Codable, Sendable {
    case notSubmitted
    case invalid
    case valid

    public var label: String {
        switch self {
        case .notSubmitted: "Chưa nộp"
        case .invalid: "Có lỗi"
        case .valid: "Hợp lệ"
        }
    }

    /// Order for sorting: problems first.
    public var rank: Int {
        switch self {
        case .invalid: 0
        case .notSubmitted: 1
        case .valid: 2
        }
    }
}

/// One received file (a version of a unit's return, or an unmatched upload).
public struct ReceivedFile: Codable, Sendable, Identifiable {
    public var id: Int
    /// The unit it belongs to, when known.
    public var unitCode: String?
    /// The browser's file name, for display only.
    public var displayName: String
    /// SHA-256 of the content: the stored copy's name. Nil when nothing was kept (too large).
    public var blob: String?
    public var kind: ContentKind
    public var size: Int
    public var receivedAt: Date
    public var by: Submitter
    public var outcome: FileOutcome
    /// Why it could not be read (one Vietnamese line).
    public var reason: String?
    public var errors: Int
    public var warnings: Int
    public var findings: [Finding]
}

/// A unit's personal link, kept as the digest of its token.
public struct LinkRecord: Codable, Sendable {
    public var digest: TokenDigest
    public var issuedAt: Date
}

/// The figures of one consolidation, shown on the page.
public struct ConsolidationSummary: Codable, Sendable, Identifiable {
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
    public var id: Int
    public var createdAt: Date
    /// File name inside the data folder's `outputs/`.
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

/// A campaign: one year's collection of returns for one framework.
public struct CampaignRecord: Codable, Sendable, Identifiable {
    public var id: Int
    public var framework: Framework
    public var frameworkHash: String
    public var createdAt: Date
    public var deadline: Date?
    public var links: [String: LinkRecord]
    public var files: [ReceivedFile]
    public var consolidations: [ConsolidationSummary]

    public var title: String { framework.metadata.title }
    public var year: Int? { framework.metadata.year }

    /// Files of one unit, oldest first.
    public func files(of unitCode: String) -> [ReceivedFile] { files.filter { $0.unitCode == unitCode } }

    /// The unit's status from its latest file.
    public func status(of unitCode: String) -> UnitStatus {
        guard let last = files.last(where: { $0.unitCode == unitCode }) else { return .notSubmitted }
        return last.outcome == .valid ? .valid : .invalid
    }
}
