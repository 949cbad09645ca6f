import Foundation
import ParIndexKit

/// What every page's frame needs: title, CSRF token, whether to show the logout button.
struct Frame {
    var pageTitle: String
    var csrf: String
    var loggedIn: Bool
    var coordinator: Bool
}

/// One finding as a table row.
struct FindingView {
    var place: String
    var code: String
    var severity: String
    var isError: Bool
    var message: String
    var found: String
    var expected: String

    init(_ f: Finding) {
        place = [f.sheet, f.cell].compactMap { $0 }.joined(separator: "!")
        code = f.code ?? ""
        severity = f.severity.label
        isError = f.severity == .error
        message = f.message
        found = f.found ?? ""
        expected = f.expected ?? ""
    }
}

/// A received file with its findings (upload results and history).
struct FileView {
    var id: Int
    var name: String
    var unitName: String
    var hasUnit: Bool
    var outcome: String
    var outcomeClass: String
    var reason: String
    var hasReason: Bool
    var errors: Int
    var warnings: Int
    var receivedAt: String
    var by: String
    var size: String
    var findings: [FindingView]
    var hasFindings: Bool
    var originalURL: String
    var hasOriginal: Bool
    var annotatedURL: String
    var hasAnnotated: Bool

    /// `base` is the URL prefix of the file routes (`/tep` or `/nop/<token>/tep`).
    init(_ f: ReceivedFile, units: [Unit], base: String) {
        id = f.id
        name = f.displayName
        let unit = units.first { $0.code == f.unitCode }
        unitName = unit?.name ?? "Chưa xác định được đơn vị"
        hasUnit = unit != nil
        outcome = f.outcome.label
        outcomeClass = f.outcome.rawValue
        reason = f.reason ?? ""
        hasReason = f.reason != nil
        errors = f.errors
        warnings = f.warnings
        receivedAt = Formatting.dateTime(f.receivedAt)
        by = f.by.label
        size = Formatting.size(f.size)
        findings = f.findings.map(FindingView.init)
        hasFindings = !findings.isEmpty
        originalURL = "\(base)/\(f.id)/goc"
        hasOriginal = f.blob != nil
        annotatedURL = "\(base)/\(f.id)/danh-dau"
        hasAnnotated = f.outcome == .invalid && f.blob != nil
    }
}

/// One unit's line on the overview.
struct UnitRow {
    var code: String
    var name: String
    var status: String
    var statusClass: String
    var statusRank: Int
    var versions: Int
    var lastReceived: String
    var lastKey: String
    var errors: Int
    var warnings: Int
    var hasLink: Bool
    var linkIssued: String

    init(unit: Unit, campaign: CampaignRecord) {
        code = unit.code
        name = unit.name
        let s = campaign.status(of: unit.code)
        status = s.label
        statusClass = s.rawValue
        statusRank = s.rank
        let files = campaign.files(of: unit.code)
        versions = files.count
        lastReceived = files.last.map { Formatting.dateTime($0.receivedAt) } ?? "—"
        lastKey = files.last.map { Formatting.sortKey($0.receivedAt) } ?? ""
        errors = files.last?.errors ?? 0
        warnings = files.last?.warnings ?? 0
        hasLink = campaign.links[unit.code] != nil
        linkIssued = campaign.links[unit.code].map { Formatting.dateTime($0.issuedAt) } ?? ""
    }
}

/// The figures of a consolidation.
struct ConsolidationView {
    struct FieldLine { var code: String; var title: String; var max: String; var achieved: String; var lost: String; var text: String }
    struct UnitLine { var index: Int; var name: String; var max: String; var achieved: String; var submitted: String; var missing: Bool }
    struct RankLine { var rank: Int; var unit: String; var max: String; var achieved: String; var index: String }
    var id: Int
    var createdAt: String
    var downloadURL: String
    var filesUsed: Int
    var fields: [FieldLine]
    var hasFields: Bool
    var total: String
    var units: [UnitLine]
    var ranking: [RankLine]
    var hasRanking: Bool
    var notSubmitted: String
    var hasNotSubmitted: Bool

    init(_ s: ConsolidationSummary) {
        id = s.id
        createdAt = Formatting.dateTime(s.createdAt)
        downloadURL = "/tong-hop/\(s.id)/phu-luc.xlsx"
        filesUsed = s.filesUsed
        fields = s.fields.map {
            FieldLine(code: $0.code, title: $0.title, max: Formatting.score($0.max), achieved: Formatting.score($0.achieved),
                      lost: Formatting.score($0.max - $0.achieved),
                      text: "trừ \(Formatting.score($0.max - $0.achieved))/\(Formatting.score($0.max)) điểm")
        }
        hasFields = !fields.isEmpty
        let maxSum = s.fields.reduce(0) { $0 + $1.max }, achievedSum = s.fields.reduce(0) { $0 + $1.achieved }
        total = "trừ \(Formatting.score(maxSum - achievedSum))/\(Formatting.score(maxSum)) điểm (đạt \(Formatting.score(achievedSum)))"
        units = s.units.enumerated().map { i, u in
            UnitLine(index: i + 1, name: u.name, max: Formatting.score(u.max), achieved: Formatting.score(u.achieved),
                     submitted: u.submitted ? "Có" : "Chưa nộp", missing: !u.submitted)
        }
        ranking = s.ranking.map {
            RankLine(rank: $0.rank, unit: $0.unit, max: Formatting.score($0.max), achieved: Formatting.score($0.achieved),
                     index: Formatting.score($0.index))
        }
        hasRanking = s.peers && !ranking.isEmpty
        notSubmitted = s.unitsNotSubmitted.joined(separator: ", ")
        hasNotSubmitted = !s.unitsNotSubmitted.isEmpty
    }
}

/// The coordinator's overview page.
struct OverviewView {
    var frame: Frame
    var hasCampaign: Bool
    var title: String
    var year: String
    var deadline: String
    var deadlineValue: String
    var hasDeadline: Bool
    var unitCount: Int
    var validCount: Int
    var invalidCount: Int
    var missingCount: Int
    var fileCount: Int
    var units: [UnitRow]
    var unmatched: [FileView]
    var hasUnmatched: Bool
    var consolidation: [ConsolidationView]
    var uploadURL = "/nop"
    var maxFileMiB: Int
    var maxFileBytes: Int
    var maxFiles: Int
    var notice: String
    var hasNotice: Bool
}

/// Links shown once after issuing them.
struct LinksView {
    struct Line { var name: String; var url: String }
    var frame: Frame
    var heading: String
    var links: [Line]
}

/// Results of an upload (the fragment the page's script inserts, or a full page).
struct ResultsView {
    var frame: Frame
    var files: [FileView]
    var backURL: String
}

/// A unit's history, for the coordinator.
struct HistoryView {
    var frame: Frame
    var unitName: String
    var status: String
    var statusClass: String
    var files: [FileView]
    var hasFiles: Bool
}

/// The unit's own page (`/nop/<token>`).
struct UnitPageView {
    var frame: Frame
    var unitName: String
    var campaignTitle: String
    var deadline: String
    var hasDeadline: Bool
    var pastDeadline: Bool
    var status: String
    var statusClass: String
    var templateURL: String
    var uploadURL: String
    var files: [FileView]
    var hasFiles: Bool
    var maxFileMiB: Int
    var maxFileBytes: Int
    var maxFiles: Int
}

/// Login, errors and short notices.
struct MessageView {
    var frame: Frame
    var heading: String
    var message: String
    var backURL: String
    var hasBack: Bool
}

struct LoginView {
    var frame: Frame
    var failed: Bool
}
