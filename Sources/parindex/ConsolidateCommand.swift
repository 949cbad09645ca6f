import ArgumentParser
import Foundation
import ParIndexKit
import ParIndexStore

/// `parindex consolidate`: many unit submissions in, one official PHỤ LỤC out.
struct ConsolidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consolidate",
        abstract: "Tổng hợp các tệp của đơn vị thành một bảng phụ lục chính thức (Phụ lục, Tổng hợp điểm, Kiểm tra).",
        discussion: """
        Mã thoát: 0 — mọi tệp hợp lệ; 1 — có tệp có lỗi hoặc không đọc được (bảng tổng hợp vẫn được ghi); \
        2 — không đọc được tệp nào.
        """
    )

    @Option(name: .long, help: "Bộ tiêu chí: tệp .yaml/.json, hoặc bảng phụ lục .xlsx.")
    var framework: String

    @Argument(help: "Các tệp .xlsx hoặc thư mục (đọc cả thư mục con).")
    var inputs: [String]

    @Option(name: .shortAndLong, help: "Tệp bảng tổng hợp cần ghi (.xlsx).")
    var output: String

    @Option(name: .long, help: "Bố cục của bảng phụ lục (mặc định: bố cục của bộ tiêu chí).")
    var layout: String?

    @Option(name: .long, help: "Năm ghi trên tiêu đề cột (mặc định: năm của bộ tiêu chí).")
    var year: Int?

    @OptionGroup(title: "Tiêu đề và chữ ký của phụ lục") var report: ReportOptions

    @OptionGroup(title: "Giới hạn khi đọc tệp") var limits: LimitOptions

    @Option(name: .long, help: "Bảng thẩm định đã điền (.xlsx): thêm cột \"Điểm thẩm định\"; điểm đạt là điểm thẩm định nếu có, nếu không là điểm tự đánh giá.")
    var appraisal: String?

    @OptionGroup(title: "Bộ nhớ đệm") var cache: CacheOptions

    @Flag(name: .long, help: "Gộp cả các tệp có lỗi (được đánh dấu màu đỏ).")
    var includeInvalid = false

    func run() async throws {
        let context = try CommandContext.load(framework: framework, layout: layout, cached: !cache.noCache)
        let sources = SubmissionSource.expand(inputs)
        guard !sources.isEmpty else {
            Console.writeError("parindex: không có tệp nào để tổng hợp\n")
            throw ExitCode(2)
        }
        let resultCache = cache.open()
        defer { resultCache?.prune() }
        let bar = ProgressBar(label: "Đang đọc và kiểm tra")
        let run = ConsolidationRun(framework: context.framework, layout: context.layout,
                                   consolidation: .init(includeInvalid: includeInvalid, year: year),
                                   options: RunOptions(limits: limits.readLimits, progress: { bar.update($0.done, $0.total) },
                                                  cache: resultCache))
        var result = try await run.run(sources)
        if let appraisal {
            do {
                let reading = try AppraisalReader.read(path: appraisal, framework: context.framework, limits: limits.readLimits)
                result.consolidation = result.consolidation.applying(reading)
            } catch {
                Console.reportUnreadable(appraisal, error)
                throw ExitCode(2)
            }
        }
        for file in result.unreadable { Console.writeError("parindex: \(file.file): \(file.reason)\n") }
        let figures = result.figures
        guard figures.readable > 0 else { throw ExitCode(2) }
        do {
            try result.write(to: output, report: report.metadata)
        } catch {
            Console.reportUnreadable(output, error)
            throw ExitCode(2)
        }
        ConsolidationText.write(result.consolidation, figures: figures, output: output)
        if figures.invalidOrUnreadable > 0 { throw ExitCode(1) }
    }
}
