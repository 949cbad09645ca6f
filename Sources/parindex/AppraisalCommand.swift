import ArgumentParser
import Foundation
import ParIndexKit
import ParIndexStore

/// `parindex appraisal …`: the appraisal (thẩm định) of a consolidated self-assessment.
struct AppraisalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "appraisal",
        abstract: "Thẩm định: lập bảng thẩm định cho hội đồng từ kết quả tự đánh giá; lưu bảng đã điền vào đợt thu thập.",
        subcommands: [AppraisalSheetCommand.self, AppraisalAddCommand.self]
    )
}

/// `parindex appraisal sheet --framework F RESULT -o tham-dinh.xlsx`.
struct AppraisalSheetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sheet",
        abstract: "Lập bảng thẩm định (.xlsx): điểm tự đánh giá, tài liệu kiểm chứng, ghi chú đã khóa; cột \"Điểm thẩm định\" và \"Giải trình / ý kiến thẩm định\" để hội đồng điền.",
        discussion: """
        RESULT là bảng tổng hợp do `parindex consolidate` ghi, tệp của một đơn vị, tệp JSON do `parindex results --json` ghi, \
        hoặc thư mục (tệp .parindex) của một đợt thu thập.
        Đọc lại bảng đã điền: `parindex results --appraisal TỆP` hoặc `parindex consolidate --appraisal TỆP`.
        """
    )

    @Option(name: .long, help: "Bộ tiêu chí: tệp .yaml/.json, hoặc bảng phụ lục .xlsx (không cần khi RESULT là đợt thu thập).")
    var framework: String?

    @Argument(help: "Kết quả tự đánh giá: bảng tổng hợp .xlsx, tệp .json, hoặc đợt thu thập.")
    var result: String

    @Option(name: .shortAndLong, help: "Tệp bảng thẩm định cần ghi (.xlsx).")
    var output: String

    @Option(name: .long, help: "Đơn vị được thẩm định, in dưới tiêu đề (mặc định: cơ quan ban hành bộ tiêu chí).")
    var entity: String?

    @Option(name: .long, help: "Mật khẩu bảo vệ trang tính (kiểu băm cũ của Excel: chỉ chống sửa nhầm).")
    var password: String?

    @OptionGroup(title: "Giới hạn khi đọc tệp") var limits: LimitOptions

    func run() throws {
        let (fw, scores) = try CycleIO.load(result, framework: framework, appraisal: nil, limits: limits)
        let open = try CycleIO.writing(output) {
            try AppraisalSheet(framework: fw, scores: scores.scores, entity: entity, password: password)
                .write(to: output)
        }
        print("Đã ghi \(output): \(open) tiêu chí để thẩm định (\(scores.scores.scoredCount) tiêu chí có điểm tự đánh giá).")
    }
}

/// `parindex appraisal add CAMPAIGN FILE`: stores the council's filled workbook in a campaign.
struct AppraisalAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Lưu bảng thẩm định đã điền vào đợt thu thập; từ đó `results`, `remediation`, `framework next-year` với đợt thu thập dùng điểm thẩm định.",
        discussion: "Mã thoát: 0 — đọc được mọi điểm thẩm định; 1 — có ô điểm thẩm định không dùng được (bảng vẫn được lưu); 2 — không đọc được tệp."
    )

    @Argument(help: "Thư mục (hoặc tệp .parindex) của đợt thu thập.")
    var campaign: String

    @Argument(help: "Bảng thẩm định đã điền (.xlsx).")
    var file: String

    @OptionGroup(title: "Giới hạn khi đọc tệp") var limits: LimitOptions

    func run() throws {
        let store = try CampaignOpener.open(campaign)
        let added: (record: AppraisalRecord, reading: AppraisalReading)
        do {
            added = try store.addAppraisal(path: file, limits: limits.readLimits)
        } catch {
            Console.reportUnreadable(file, error)
            throw ExitCode(2)
        }
        let base = try store.cycleScores()
        let lowered = base.findings.filter { $0.rule == .appraisalLowered }.count
        let raised = base.findings.filter { $0.rule == .appraisalRaised }.count
        print("Đã lưu bảng thẩm định \(added.record.originalName) (lần \(try store.appraisals().count)): \(added.record.appraised) tiêu chí có điểm thẩm định; hạ điểm \(lowered), nâng điểm \(raised) tiêu chí so với điểm tự đánh giá.")
        for f in added.reading.findings where f.severity == .error {
            Console.writeError("Lỗi: \(f.file)\(f.cell.map { " ô \($0)" } ?? ""): \(f.message)\n")
        }
        if added.record.errors > 0 { throw ExitCode(1) }
    }
}

/// Loading and writing with the one-line errors of the README.
enum CycleIO {
    /// True when `path` is a campaign (a folder holding `campaign.sqlite`, or a `.parindex` file).
    static func isCampaign(_ path: String) -> Bool {
        let ext = (path as NSString).pathExtension.lowercased()
        if ext == "parindex" || ext == "sqlite" { return true }
        return FileManager.default.fileExists(atPath: CampaignStore.databasePath(for: path))
    }

    /// The framework and the scores of `result`: a campaign (its framework, consolidation
    /// and latest appraisal) or a file read against `framework`; then `appraisal` applied.
    static func load(_ result: String, framework: String?, appraisal: String?,
                     limits: LimitOptions) throws -> (Framework, AppraisedScores) {
        if isCampaign(result) {
            let store = try CampaignOpener.open(result)
            var fw = store.framework
            if let framework { fw = try CommandContext.load(framework: framework, layout: nil).framework }
            var scores: AppraisedScores
            do { scores = try store.cycleScores() } catch {
                Console.reportUnreadable(result, error)
                throw ExitCode(2)
            }
            if let appraisal { scores = try apply(appraisal, to: scores, framework: fw, limits: limits) }
            return (fw, scores)
        }
        guard let framework else {
            throw ValidationError("Cần --framework BỘ_TIÊU_CHÍ (chỉ bỏ được khi kết quả là một đợt thu thập).")
        }
        let fw = try CommandContext.load(framework: framework, layout: nil).framework
        return (fw, try scores(result, appraisal: appraisal, framework: fw, limits: limits))
    }

    static func scores(_ path: String, appraisal: String?, framework: Framework,
                       limits: LimitOptions) throws -> AppraisedScores {
        let loaded: AppraisedScores
        do {
            loaded = try AppraisedScores.load(path: path, framework: framework, limits: limits.readLimits)
        } catch {
            Console.reportUnreadable(path, error)
            throw ExitCode(2)
        }
        guard let appraisal else { return loaded }
        return try apply(appraisal, to: loaded, framework: framework, limits: limits)
    }

    static func apply(_ appraisal: String, to scores: AppraisedScores, framework: Framework,
                      limits: LimitOptions) throws -> AppraisedScores {
        do {
            return scores.applying(try AppraisalReader.read(path: appraisal, framework: framework, limits: limits.readLimits))
        } catch {
            Console.reportUnreadable(appraisal, error)
            throw ExitCode(2)
        }
    }

    /// Runs `body` (which writes `path`) after creating the folder; errors in one line, exit 2.
    static func writing<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            return try body()
        } catch {
            Console.reportUnreadable(path, error)
            throw ExitCode(2)
        }
    }

    /// Writes a Codable value as pretty JSON, atomically.
    static func writeJSON<T: Encodable>(_ value: T, to path: String) throws {
        try writing(path) {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try AtomicFile.write(try encoder.encode(value) + Data("\n".utf8), to: path)
        }
    }
}
