import ArgumentParser
import Foundation
import ParIndexKit
import ParIndexStore

/// `parindex validate`: checks returned files and says what is wrong, where and why.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Kiểm tra các tệp đơn vị gửi về: điểm trong khoảng 0..điểm chuẩn, ô bắt buộc, mã tiêu chí, đơn vị…",
        discussion: """
        Mã thoát: 0 — không có lỗi; 1 — có ít nhất một lỗi; 2 — có tệp không đọc được (các tệp khác vẫn được kiểm tra).
        """
    )

    @Option(name: .long, help: "Bộ tiêu chí: tệp .yaml/.json, hoặc bảng phụ lục .xlsx.")
    var framework: String

    @Argument(help: "Các tệp .xlsx (hoặc thư mục) cần kiểm tra.")
    var files: [String]

    @Option(name: .long, help: "Bố cục (mặc định: theo mẫu của tệp, hoặc của bộ tiêu chí).")
    var layout: String?

    @Flag(name: .long, help: "In báo cáo dạng JSON.")
    var json = false

    @OptionGroup(title: "Giới hạn khi đọc tệp") var limits: LimitOptions

    @OptionGroup(title: "Bộ nhớ đệm") var cache: CacheOptions

    @Option(name: .long, help: "Ghi vào thư mục này bản sao của mỗi tệp có lỗi, với ô lỗi được tô màu và chú thích.")
    var annotate: String?

    func run() async throws {
        let context = try CommandContext.load(framework: framework, layout: layout, cached: !cache.noCache)
        let resultCache = cache.open()
        defer { resultCache?.prune() }
        let bar = ProgressBar(label: "Đang kiểm tra")
        let run = ValidationRun(framework: context.framework, layout: layout == nil ? nil : context.layout,
                                annotateInto: annotate,
                                options: RunOptions(limits: limits.readLimits, progress: { bar.update($0.done, $0.total) },
                                                  cache: resultCache))
        let result: ValidationResult
        do {
            result = try await run.run(SubmissionSource.expand(files))
        } catch {
            Console.reportUnreadable(annotate ?? "", error)
            throw ExitCode(2)
        }
        let report = result.report
        for entry in report.files where entry.status == .unreadable {
            Console.writeError("parindex: \(entry.file): \(entry.reason ?? "")\n")
        }
        let out = OutputBuffer()
        if json {
            out.write(try report.json() + "\n")
        } else {
            ValidationText.write(report, to: out)
        }
        for copy in result.annotatedCopies {
            if let path = copy.path {
                if !json { out.write("Đã ghi bản đánh dấu lỗi: \(path)\n") }
            } else {
                out.flush()
                Console.writeError("parindex: \(AnnotatedCopy.path(for: copy.file, in: annotate ?? "")): \(copy.error ?? "")\n")
            }
        }
        out.flush()
        if report.summary.unreadable > 0 { throw ExitCode(2) }
        if report.summary.errors > 0 { throw ExitCode(1) }
    }
}
