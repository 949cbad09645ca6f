import Foundation
import GRDB
import ParIndexKit

/// The campaign's settings: what was given to `campaign new`.
public struct CampaignInfo: Codable, Sendable, Hashable {
    public var title: String
    public var deadline: CampaignDate?
    public var frameworkTitle: String
    /// ``FrameworkStore/versionHash(_:)`` of the stored framework.
    public var frameworkHash: String
    public var frameworkYear: Int?
    public var layout: String
    public var createdAt: Date
}

/// One submission as the store lists it (history, status, intake).
public struct SubmissionRecord: Codable, Sendable, Hashable, Identifiable {
    public var id: Int64
    /// The unit that sent it; nil when it could not be told (an unreadable file).
    public var unit: String?
    /// 1, 2, … per unit (per "unknown unit" for files without one).
    public var version: Int
    public var receivedAt: Date
    /// The file name as received (never used as a path).
    public var originalName: String
    public var size: Int
    /// Hex SHA-256 of the bytes.
    public var sha256: String
    public var status: FileStatus
    public var errors: Int
    public var warnings: Int
    /// Why an unreadable file could not be read.
    public var reason: String?
}

/// Row mapping of `submission` (the ``CheckedFile`` JSON is read separately).
struct SubmissionRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "submission"
    var id: Int64?
    var unitCode: String?
    var version: Int
    var receivedAt: Date
    var originalName: String
    var size: Int
    var sha256: String
    var status: String
    var errors: Int
    var warnings: Int
    var reason: String?
    var checked: Data

    var record: SubmissionRecord {
        SubmissionRecord(id: id ?? 0, unit: unitCode, version: version, receivedAt: receivedAt, originalName: originalName,
                         size: size, sha256: sha256, status: FileStatus(rawValue: status) ?? .unreadable,
                         errors: errors, warnings: warnings, reason: reason)
    }

    /// The columns of ``SubmissionRecord`` (everything but the JSON).
    static var listColumns: [any SQLSelectable] { [
        Column("id"), Column("unitCode"), Column("version"), Column("receivedAt"), Column("originalName"),
        Column("size"), Column("sha256"), Column("status"), Column("errors"), Column("warnings"), Column("reason"),
    ] }

    /// ``listColumns`` as SQL (for the intake's prepared statements).
    static let listColumnNames = "id, unitCode, version, receivedAt, originalName, size, sha256, status, errors, warnings, reason"

    static func record(_ row: Row) -> SubmissionRecord {
        SubmissionRecord(id: row["id"], unit: row["unitCode"], version: row["version"], receivedAt: row["receivedAt"],
                         originalName: row["originalName"], size: row["size"], sha256: row["sha256"],
                         status: FileStatus(rawValue: row["status"]) ?? .unreadable, errors: row["errors"],
                         warnings: row["warnings"], reason: row["reason"])
    }
}

/// What happened to one file given to ``CampaignStore/add(_:unit:receivedAt:options:)``.
public struct IntakeResult: Codable, Sendable {
    public enum Outcome: String, Codable, Sendable {
        /// Stored as a new version.
        case stored
        /// The very same bytes were already received: nothing new stored.
        case alreadyReceived
        /// Not a workbook met in a folder: reported, not stored.
        case skipped
    }
    public var outcome: Outcome
    /// The submission stored, or the earlier one with the same bytes.
    public var submission: SubmissionRecord?
    /// The validation of the file: status, unit, findings (its rows are stored, not kept
    /// here, so an intake of many files stays small in memory).
    public var file: CheckedFile
}

/// Where a unit stands in the campaign.
public struct UnitStatus: Codable, Sendable, Hashable {
    public enum State: String, Codable, Sendable {
        /// Nothing received.
        case notSubmitted
        /// Received, but no version is valid.
        case invalid
        /// A valid version is there (the latest valid one is consolidated).
        case valid

        /// `Chưa nộp` / `Có lỗi` / `Hợp lệ`.
        public var label: String {
            switch self {
            case .notSubmitted: "Chưa nộp"
            case .invalid: "Có lỗi"
            case .valid: "Hợp lệ"
            }
        }
    }
    public var unit: String
    public var name: String
    public var state: State
    public var versions: Int
    /// The version consolidation takes (the latest valid one), if any.
    public var usedVersion: Int?
    /// The status of the latest version received.
    public var latestStatus: FileStatus?
    public var lastReceivedAt: Date?
    public var errors: Int
    public var warnings: Int
}

/// Every unit's standing and the deadline.
public struct CampaignStatus: Codable, Sendable {
    public var campaign: CampaignInfo
    public var units: [UnitStatus]
    /// The day the status was taken.
    public var asOf: CampaignDate
    /// Days left to the deadline (negative: days past it); nil without a deadline.
    public var daysToDeadline: Int?
    /// Submissions whose unit could not be told.
    public var unattributed: Int
}
