import ArgumentParser
import Foundation
import ParIndexKit

/// `parindex consolidate`: many unit submissions in, one official PHỤ LỤC out.
struct ConsolidateCommand: ParsableCommand {
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

    @OptionGroup(title: "Giới hạn khi đọc tệp") var limits: LimitOptions

    @Flag(name: .long, help: "Gộp cả các tệp có lỗi (được đánh dấu màu đỏ).")
    var includeInvalid = false

    func run() throws {
        let context = try CommandContext.load(framework: framework, layout: layout)
        let files = SubmissionBatch.expand(inputs)
        guard !files.isEmpty else {
            Console.writeError("parindex: không có tệp nào để tổng hợp\n")
            throw ExitCode(2)
        }
        let bar = ProgressBar(label: "Đang đọc và kiểm tra")
        // Each result is folded into the builder as soon as it is ready and then dropped.
        var builder = ConsolidationBuilder(framework: context.framework, layout: context.layout,
                                           options: .init(includeInvalid: includeInvalid, year: year))
        var readable = 0, invalid = 0
        var unreadable: [(Int, String, String)] = []
        SubmissionBatch.forEach(files, validator: Validator(framework: context.framework, layout: context.layout),
                                limits: limits.readLimits, progress: { bar.update($0, $1) }) { index, result in
            switch result {
            case .submission: readable += 1; if !result.isValid { invalid += 1 }
            case .unreadable(let file, let reason): invalid += 1; unreadable.append((index, file, reason))
            case .skipped: break
            }
            builder.add(result, at: index)
        }
        for (_, file, reason) in unreadable.sorted(by: { $0.0 < $1.0 }) {
            Console.writeError("parindex: \(file): \(reason)\n")
        }
        guard readable > 0 else { throw ExitCode(2) }
        let consolidation = builder.finish()
        do {
            let folder = (output as NSString).deletingLastPathComponent
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            try AppendixWorkbook.write(consolidation, to: output)
        } catch {
            Console.reportUnreadable(output, error)
            throw ExitCode(2)
        }
        let used = consolidation.rows.filter { $0.source != nil }.count
        print("Đã ghi \(output): \(consolidation.rows.count) tiêu chí (\(used) có số liệu) từ \(files.count) tệp; "
              + "\(invalid) tệp có lỗi hoặc không đọc được — xem trang \"Kiểm tra\".")
        if !consolidation.unitsNotSubmitted.isEmpty {
            let missing = consolidation.unitsNotSubmitted.map(\.name)
            let shown = missing.prefix(10).joined(separator: ", ")
            print("Đơn vị chưa nộp: \(shown)\(missing.count > 10 ? " và \(missing.count - 10) đơn vị khác (xem trang \"Kiểm tra\")" : "").")
        }
        if invalid > 0 { throw ExitCode(1) }
    }
}
