import Foundation
import ParIndexKit
import ParIndexStore

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
        place = [f.sheet, f.cell?.a1].compactMap { $0 }.joined(separator: "!")
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
    var version: String
    var name: String
    var unitName: String
    var hasUnit: Bool
    var outcome: String
    var outcomeClass: String
    var reason: String
    var hasReason: Bool
    var note: String
    var hasNote: Bool
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
        let id = f.record.map { Int($0.id) } ?? 0
        self.id = id
        version = f.record.map { "\($0.version)" } ?? "—"
        name = f.displayName
        let unit = units.first { $0.code == f.record?.unit }
        unitName = unit?.name ?? "Chưa xác định được đơn vị"
        hasUnit = unit != nil
        outcome = FileView.label(f.status)
        outcomeClass = f.status.rawValue
        reason = f.reason ?? ""
        hasReason = f.reason != nil
        note = f.duplicateOf.map { "Tệp giống hệt tệp đã nhận trước đó (mã \($0)): không lưu thêm phiên bản mới." } ?? ""
        hasNote = f.duplicateOf != nil
        errors = f.errors
        warnings = f.warnings
        receivedAt = Formatting.dateTime(f.receivedAt)
        by = f.submitter
        size = Formatting.size(f.size)
        findings = f.findings.map(FindingView.init)
        hasFindings = !findings.isEmpty
        originalURL = "\(base)/\(id)/goc"
        hasOriginal = f.record != nil
        annotatedURL = "\(base)/\(id)/danh-dau"
        hasAnnotated = f.status == .invalid && f.record != nil
    }

    static func label(_ status: FileStatus) -> String {
        switch status {
        case .valid: "Hợp lệ"
        case .invalid: "Có lỗi"
        case .unreadable: "Không đọc được"
        case .skipped: "Bỏ qua"
        }
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
    var usedVersion: String
    var lastReceived: String
    var lastKey: String
    var errors: Int
    var warnings: Int
    var hasLink: Bool
    var linkIssued: String

    init(_ u: UnitStatus, link: LinkRecord?) {
        code = u.unit
        name = u.name
        status = u.state.label
        statusClass = u.state.rawValue
        statusRank = UnitRow.rank(u.state)
        versions = u.versions
        usedVersion = u.usedVersion.map { "dùng lần \($0)" } ?? ""
        lastReceived = u.lastReceivedAt.map(Formatting.dateTime) ?? "—"
        lastKey = u.lastReceivedAt.map(Formatting.sortKey) ?? ""
        errors = u.errors
        warnings = u.warnings
        hasLink = link != nil
        linkIssued = link.map { Formatting.dateTime($0.issuedAt) } ?? ""
    }

    /// Problems first when sorting by status.
    static func rank(_ s: UnitStatus.State) -> Int {
        switch s {
        case .invalid: 0
        case .notSubmitted: 1
        case .valid: 2
        }
    }
}

/// The figures of a consolidation.
struct ConsolidationView {
    struct FieldLine { var code: String; var title: String; var max: String; var achieved: String; var text: String; var index: String; var band: String }
    struct UnitLine { var index: Int; var name: String; var max: String; var achieved: String; var text: String; var status: String; var missing: Bool }
    struct RankLine { var rank: Int; var unit: String; var max: String; var achieved: String; var index: String; var band: String }
    var id: Int
    var createdAt: String
    var downloadURL: String
    var filesUsed: Int
    var method: String
    var hasFields: Bool
    var fields: [FieldLine]
    var total: String
    var totalIndex: String
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
        let sum = s.summary
        method = s.pointsColumn.map { ScoreSummaryText.method(pointsColumn: $0, bands: sum.bands) } ?? ""
        hasFields = sum.pointsRole != nil && !sum.fields.isEmpty
        func index(_ f: ScoreFigures) -> String { f.index.map { Formatting.score($0) + " %" } ?? "" }
        fields = sum.fields.map {
            FieldLine(code: $0.code, title: $0.title, max: Formatting.score($0.figures.max),
                      achieved: Formatting.score($0.figures.achieved), text: ScoreSummaryText.loss($0.figures),
                      index: index($0.figures), band: ScoreSummaryText.band($0.figures) ?? "")
        }
        total = ScoreSummaryText.loss(sum.total) + " (đạt \(Formatting.score(sum.total.achieved)))"
        totalIndex = [index(sum.total), ScoreSummaryText.band(sum.total) ?? ""].filter { !$0.isEmpty }.joined(separator: " — ")
        units = sum.units.enumerated().map { i, u in
            UnitLine(index: i + 1, name: u.name, max: Formatting.score(u.figures.max), achieved: Formatting.score(u.figures.achieved),
                     text: ScoreSummaryText.loss(u.figures), status: u.status.label, missing: u.status != .submitted)
        }
        ranking = sum.ranking.map {
            RankLine(rank: $0.rank, unit: $0.unit, max: Formatting.score($0.figures.max), achieved: Formatting.score($0.figures.achieved),
                     index: index($0.figures), band: ScoreSummaryText.band($0.figures) ?? "")
        }
        hasRanking = !ranking.isEmpty
        let missing = sum.units.filter { $0.status != .submitted }
        notSubmitted = missing.map { "\($0.name) (\($0.status.label))" }.joined(separator: ", ")
        hasNotSubmitted = !missing.isEmpty
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
    /// The campaign's folder (shown so the clerk knows what to back up).
    var folder: String
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
