import ArgumentParser
import Foundation
import ParIndexKit

/// `parindex results`: index, rank, classification and change per field and per unit.
struct ResultsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "results",
        abstract: "Kết quả: chỉ số (điểm đạt ÷ điểm chuẩn áp dụng), xếp hạng, xếp loại, chênh lệch thẩm định, so với năm trước; bảng .xlsx có biểu đồ và tệp .json.",
        discussion: """
        Một tệp RESULT: kết quả của cơ quan (bảng tổng hợp, bảng thẩm định đã điền, hoặc .json); \
        kết quả tính theo lĩnh vực và theo đơn vị chủ trì. Nhiều tệp: mỗi tệp là bảng tự chấm của một đơn vị \
        được đánh giá trên toàn bộ tiêu chí (ví dụ các xã), được xếp hạng với nhau.
        Điểm đạt là điểm thẩm định nếu có, nếu không là điểm tự đánh giá.
        """
    )

    @Option(name: .long, help: "Bộ tiêu chí: tệp .yaml/.json, hoặc bảng phụ lục .xlsx (không cần khi kết quả là đợt thu thập).")
    var framework: String?

    @Argument(help: "Kết quả (.xlsx, .json hoặc đợt thu thập); nhiều tệp hoặc thư mục: các đơn vị được xếp hạng.")
    var inputs: [String]

    @Option(name: .long, help: "Bảng thẩm định đã điền (.xlsx) áp vào kết quả.")
    var appraisal: String?

    @Option(name: .long, help: "Kết quả năm trước (bảng tổng hợp .xlsx hoặc .json) để so sánh.")
    var previous: String?

    @Option(name: .long, help: "Thứ hạng do tỉnh công bố, ví dụ 8/8.")
    var rank: String?

    @Option(name: .shortAndLong, help: "Tệp kết quả cần ghi (.xlsx).")
    var output: String?

    @Option(name: .long, help: "Ghi các số liệu ra tệp .json (\"-\": ra màn hình).")
    var json: String?

    @OptionGroup(title: "Giới hạn khi đọc tệp") var limits: LimitOptions

    func validate() throws {
        guard output != nil || json != nil else { throw ValidationError("Cần -o TỆP.xlsx hoặc --json TỆP.json.") }
        if let rank, PublishedRank(rank) == nil { throw ValidationError("--rank phải có dạng HẠNG/SỐ_ĐƠN_VỊ, ví dụ 8/8.") }
    }

    func run() throws {
        if inputs.count == 1, CycleIO.isCampaign(inputs[0]) {
            let (fw, loaded) = try CycleIO.load(inputs[0], framework: framework, appraisal: appraisal, limits: limits)
            return try report(fw, main: loaded.scores, peers: [], findings: loaded.findings)
        }
        guard let framework else { throw ValidationError("Cần --framework BỘ_TIÊU_CHÍ.") }
        let fw = try CommandContext.load(framework: framework, layout: nil).framework
        // Files named are read as given; inside folders only workbooks and JSON (others are listed).
        var files: [String] = []
        for item in SubmissionBatch.expand(inputs) {
            let ext = (item.path as NSString).pathExtension.lowercased()
            if item.fromFolder, !["xlsx", "xlsm", "json"].contains(ext) {
                Console.writeError("parindex: \(item.path): không phải tệp .xlsx hay .json: bỏ qua\n")
                continue
            }
            files.append(item.path)
        }
        guard !files.isEmpty else {
            Console.writeError("parindex: không có tệp kết quả nào\n")
            throw ExitCode(2)
        }
        var findings: [Finding] = []
        var peers: [ScoreSheet] = []
        let main: ScoreSheet
        if files.count == 1 {
            let loaded = try CycleIO.scores(files[0], appraisal: appraisal, framework: fw, limits: limits)
            main = loaded.scores
            findings = loaded.findings
        } else {
            // Peer units ranked together: one self-assessment each, nothing to appraise.
            guard appraisal == nil else {
                throw ValidationError("--appraisal áp vào một kết quả; với nhiều tệp (các đơn vị xếp hạng với nhau) không dùng --appraisal.")
            }
            let loaded = PeerScores.load(paths: files, framework: fw, limits: limits.readLimits)
            for failure in loaded.unreadable { Console.writeError("parindex: \(failure.path): \(failure.reason)\n") }
            guard let first = loaded.sheets.first else { throw ExitCode(2) }
            peers = loaded.sheets
            main = first
        }
        try report(fw, main: main, peers: peers, findings: findings)
    }

    /// Computes and writes the results; prints the summary.
    func report(_ fw: Framework, main: ScoreSheet, peers: [ScoreSheet], findings: [Finding]) throws {
        var main = main
        var previousSheet: ScoreSheet?
        if let previous {
            previousSheet = CycleIO.isCampaign(previous)
                ? try CycleIO.load(previous, framework: nil, appraisal: nil, limits: limits).1.scores
                : try CycleIO.scores(previous, appraisal: nil, framework: fw, limits: limits).scores
        }
        if main.entity == nil { main.entity = fw.metadata.issuer }
        let results = CycleResults.compute(framework: fw, scores: main, previous: previousSheet, peers: peers,
                                           rank: rank.flatMap(PublishedRank.init), findings: findings)
        if let output {
            try CycleIO.writing(output) { try ResultsWorkbook.write(results, framework: fw, to: output) }
        }
        if let json {
            if json == "-" {
                print(try ReportJSON.string(results))
            } else {
                try CycleIO.writeJSON(results, to: json)
            }
        }
        guard json != "-" else { return }
        func pct(_ index: Double?) -> String { index.map { ScoreFormat.vietnamese($0) + " %" } ?? "chưa có điểm" }
        let t = results.total
        var line = "Tổng: \(ScoreFormat.vietnamese(t.achieved))/\(ScoreFormat.vietnamese(t.max)) điểm, chỉ số \(pct(t.index))"
        if let band = t.band { line += ", xếp loại \(band)" }
        line += "; điểm thẩm định ở \(t.appraised) tiêu chí"
        if t.partial { line += "; \(t.criteria - t.scored) tiêu chí chưa có điểm" }
        print(line + ".")
        for f in results.fields {
            print("  \(f.code). \(f.title): \(pct(f.figures.index))\(f.figures.band.map { " (\($0))" } ?? "")\(f.figures.change.map { ", thay đổi \($0 >= 0 ? "+" : "")\(ScoreFormat.vietnamese($0))" } ?? "")")
        }
        for u in results.units { print("  Hạng \(u.rank): \(u.name) — \(pct(u.figures.index))") }
        for p in results.peers { print("  Hạng \(p.rank): \(p.name) — \(pct(p.figures.index))") }
        let lowered = findings.filter { $0.rule == .appraisalLowered }.count
        let raised = findings.filter { $0.rule == .appraisalRaised }.count
        if lowered + raised > 0 { print("Thẩm định: hạ điểm \(lowered) tiêu chí, nâng điểm \(raised) tiêu chí.") }
        for f in findings where f.severity == .error { Console.writeError("Lỗi: \(f.file): \(f.message)\n") }
        if let output { print("Đã ghi \(output).") }
        if let json { print("Đã ghi \(json).") }
    }
}
