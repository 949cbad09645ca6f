import ArgumentParser
import Foundation
import ParIndexKit

/// `parindex validate`: checks returned files and says what is wrong, where and why.
struct ValidateCommand: ParsableCommand {
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

    @Option(name: .long, help: "Ghi vào thư mục này bản sao của mỗi tệp có lỗi, với ô lỗi được tô màu và chú thích.")
    var annotate: String?

    func run() throws {
        let context = try CommandContext.load(framework: framework, layout: layout)
        let paths = SubmissionBatch.expand(files)
        let bar = ProgressBar(label: "Đang kiểm tra")
        let validator = Validator(framework: context.framework, layout: layout == nil ? nil : context.layout)
        let directory = UnitDirectory(units: context.framework.units)
        var entries = [ValidationReport.FileEntry?](repeating: nil, count: paths.count)
        SubmissionBatch.forEach(paths, validator: validator, limits: limits.readLimits,
                                progress: { bar.update($0, $1) }) { index, result in
            entries[index] = ValidationReport.FileEntry(result, directory: directory)
        }
        let report = ValidationReport(framework: context.framework, entries: entries.map { $0! })

        for entry in report.files where entry.status == "unreadable" {
            Console.writeError("parindex: \(entry.file): \(entry.reason ?? "")\n")
        }
        let out = OutputBuffer()
        if json {
            out.write(try report.json() + "\n")
        } else {
            for entry in report.files where entry.status == "skipped" {
                out.write("\(entry.file): \(entry.reason ?? "bỏ qua")\n")
            }
            for entry in report.files where entry.status == "valid" || entry.status == "invalid" {
                out.write("\(entry.file): \(entry.status == "valid" ? "hợp lệ" : "CÓ LỖI") — \(entry.errors) lỗi, \(entry.warnings) cảnh báo\n")
                for f in entry.findings {
                    let place = [f.sheet, f.cell].compactMap { $0 }.joined(separator: "!")
                    var line = "  \(f.severity.label.padding(toLength: 8, withPad: " ", startingAt: 0)) \(f.rule.rawValue)"
                    if !place.isEmpty { line += "  \(place)" }
                    if let code = f.code { line += "  [\(code)]" }
                    line += "  \(f.message)"
                    out.write(line + "\n")
                }
            }
            let s = report.summary
            out.write("Tổng: \(s.files) tệp; \(s.valid) hợp lệ; \(s.invalid) có lỗi; \(s.unreadable) không đọc được; \(s.skipped) bỏ qua; \(s.errors) lỗi, \(s.warnings) cảnh báo.\n")
        }

        if let annotate {
            try FileManager.default.createDirectory(atPath: annotate, withIntermediateDirectories: true)
            for entry in report.files where entry.status == "invalid" {
                let target = AnnotatedCopy.path(for: entry.file, in: annotate)
                do {
                    try AnnotatedCopy.write(source: entry.file, findings: entry.findings, to: target)
                    if !json { out.write("Đã ghi bản đánh dấu lỗi: \(target)\n") }
                } catch {
                    out.flush()
                    Console.reportUnreadable(target, error)
                }
            }
        }
        out.flush()
        if report.summary.unreadable > 0 { throw ExitCode(2) }
        if report.summary.errors > 0 { throw ExitCode(1) }
    }
}
