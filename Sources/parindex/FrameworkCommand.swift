import ArgumentParser
import Foundation
import ParIndexKit

/// `parindex framework …`: the bộ tiêu chí as an editable file.
struct FrameworkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "framework",
        abstract: "Bộ tiêu chí: nhập từ bảng phụ lục có sẵn thành tệp YAML sửa được; lập bộ tiêu chí năm sau từ kết quả năm nay.",
        subcommands: [FrameworkImportCommand.self, FrameworkNextYearCommand.self]
    )
}

/// `parindex framework import APPENDIX.xlsx -o framework.yaml`.
struct FrameworkImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Đọc bảng phụ lục (.xlsx, hoặc bảng trong văn bản Word .docx) và ghi bộ tiêu chí ra tệp .yaml (hoặc .json)."
    )

    @Argument(help: "Tệp phụ lục .xlsx hoặc văn bản .docx kèm phụ lục (ví dụ phụ lục kế hoạch năm trước).")
    var appendix: String

    @Option(name: .long, help: "Trang tính chứa bảng, với .docx: \"Bảng 2\" hoặc \"Bảng 2-4\" (mặc định: bảng đầu tiên có dòng tiêu đề).")
    var sheet: String?

    @Option(name: .shortAndLong, help: "Tệp bộ tiêu chí cần ghi (.yaml, .yml hoặc .json).")
    var output: String

    @OptionGroup(title: "Giới hạn khi đọc tệp")
    var limits: LimitOptions

    func run() throws {
        let result: FrameworkImporter.Result
        do {
            result = try FrameworkImporter().importWorkbook(path: appendix, sheetName: sheet, limits: limits.readLimits)
        } catch {
            Console.reportUnreadable(appendix, error)
            throw ExitCode(2)
        }
        do {
            try FrameworkStore.save(result.framework, to: output)
        } catch {
            Console.reportUnreadable(output, error)
            throw ExitCode(2)
        }
        for warning in result.warnings {
            Console.writeError("Cảnh báo: \(warning.message)\n")
        }
        let count = result.framework.flattened.count
        let place = result.format == .docx
            ? "từ \(result.table.sheet.lowercased()) của văn bản Word (dòng tiêu đề \(result.table.headerRow) của bảng ghép)"
            : "từ trang tính \"\(result.table.sheet)\" (dòng tiêu đề \(result.table.headerRow))"
        print("Đã ghi \(output): \(count) tiêu chí, \(result.framework.units.count) đơn vị, \(place).")
    }
}
