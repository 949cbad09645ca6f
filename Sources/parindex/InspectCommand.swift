import ArgumentParser
import Foundation
import ParIndexKit
import XLSX

/// `parindex inspect`: shows what the reader sees in a workbook, row by row.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Xem nội dung một tệp .xlsx (hoặc các bảng của văn bản Word .docx): trang tính, vùng dữ liệu, ô gộp và từng ô theo dòng."
    )

    @Argument(help: "Tệp .xlsx hoặc .docx cần xem.")
    var file: String

    @Option(name: .long, help: "Chỉ xem trang tính có tên này.")
    var sheet: String?

    @Flag(name: .long, help: "In kết quả dạng JSON.")
    var json = false

    @Flag(name: .long, help: "Nhận dạng bảng phụ lục: dòng tiêu đề, vai trò từng cột và từng dòng dữ liệu.")
    var table = false

    @OptionGroup(title: "Giới hạn khi đọc tệp")
    var limits: LimitOptions

    func run() throws {
        let out = OutputBuffer()
        defer { out.flush() }
        do {
            let reader = try SpreadsheetOpener.open(path: file, limits: limits.readLimits)
            if table {
                let recognized = try TableRecognizer(overlapsReading: true).recognize(reader, sheetName: sheet)
                if json { TableDump.json(recognized, file: file, out: out) } else {
                    TableDump.text(recognized, file: file, out: out)
                    if let document = reader as? DOCXReader {
                        try DocumentDump.origins(document, sheets: reader.sheets.filter { $0.name == recognized.sheet }, out: out)
                    }
                }
                return
            }
            let sheets = try sheet.map { [try reader.sheet(named: $0)] } ?? reader.sheets
            if json {
                try WorkbookDump.json(reader: reader, sheets: sheets, file: file, out: out)
            } else {
                try WorkbookDump.text(reader: reader, sheets: sheets, file: file, out: out)
                if let document = reader as? DOCXReader { try DocumentDump.origins(document, sheets: sheets, out: out) }
            }
        } catch {
            out.flush()
            Console.reportUnreadable(file, error)
            throw ExitCode(2)
        }
    }
}
