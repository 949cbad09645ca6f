import ArgumentParser
import Foundation
import ParIndexKit

/// `parindex appraisal …`: the appraisal (thẩm định) of a consolidated self-assessment.
struct AppraisalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "appraisal",
        abstract: "Thẩm định: lập bảng thẩm định cho hội đồng từ kết quả tự đánh giá.",
        subcommands: [AppraisalSheetCommand.self]
    )
}

/// `parindex appraisal sheet --framework F RESULT -o tham-dinh.xlsx`.
struct AppraisalSheetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sheet",
        abstract: "Lập bảng thẩm định (.xlsx): điểm tự đánh giá, tài liệu kiểm chứng, ghi chú đã khóa; cột \"Điểm thẩm định\" và \"Giải trình / ý kiến thẩm định\" để hội đồng điền.",
        discussion: """
        RESULT là bảng tổng hợp do `parindex consolidate` ghi, tệp của một đơn vị, hoặc tệp JSON do `parindex results --json` ghi.
        Đọc lại bảng đã điền: `parindex results --appraisal TỆP` hoặc `parindex consolidate --appraisal TỆP`.
        """
    )

    @Option(name: .long, help: "Bộ tiêu chí: tệp .yaml/.json, hoặc bảng phụ lục .xlsx.")
    var framework: String

    @Argument(help: "Kết quả tự đánh giá: bảng tổng hợp .xlsx hoặc tệp .json.")
    var result: String

    @Option(name: .shortAndLong, help: "Tệp bảng thẩm định cần ghi (.xlsx).")
    var output: String

    @Option(name: .long, help: "Đơn vị được thẩm định, in dưới tiêu đề (mặc định: cơ quan ban hành bộ tiêu chí).")
    var entity: String?

    @Option(name: .long, help: "Mật khẩu bảo vệ trang tính (kiểu băm cũ của Excel: chỉ chống sửa nhầm).")
    var password: String?

    @OptionGroup(title: "Giới hạn khi đọc tệp") var limits: LimitOptions

    func run() throws {
        let context = try CommandContext.load(framework: framework, layout: nil)
        let scores = try CycleIO.scores(result, appraisal: nil, framework: context.framework, limits: limits)
        let open = try CycleIO.writing(output) {
            try AppraisalSheet(framework: context.framework, scores: scores.scores, entity: entity, password: password)
                .write(to: output)
        }
        print("Đã ghi \(output): \(open) tiêu chí để thẩm định (\(scores.scores.scoredCount) tiêu chí có điểm tự đánh giá).")
    }
}

/// Loading and writing with the one-line errors of the README.
enum CycleIO {
    static func scores(_ path: String, appraisal: String?, framework: Framework,
                       limits: LimitOptions) throws -> AppraisedScores {
        var loaded: AppraisedScores
        do {
            loaded = try AppraisedScores.load(path: path, framework: framework, limits: limits.readLimits)
        } catch {
            Console.reportUnreadable(path, error)
            throw ExitCode(2)
        }
        guard let appraisal else { return loaded }
        do {
            loaded = loaded.applying(try AppraisalReader.read(path: appraisal, framework: framework, limits: limits.readLimits))
        } catch {
            Console.reportUnreadable(appraisal, error)
            throw ExitCode(2)
        }
        return loaded
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
