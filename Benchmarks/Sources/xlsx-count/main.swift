// Reader-only measure: open a workbook (or a Word .docx) through SpreadsheetOpener, stream one sheet (the first,
// or --sheet NAME), count rows, cells and cells by type. Prints one JSON line with the
// counts and the wall time of open + stream (seconds), measured inside the process.
//
//     xlsx-count FILE.xlsx [--sheet NAME] [--repeat K]
import Foundation
import XLSX

var args = Array(CommandLine.arguments.dropFirst())
var sheetName: String?
var repeatCount = 1
if let i = args.firstIndex(of: "--sheet"), i + 1 < args.count { sheetName = args[i + 1]; args.removeSubrange(i...(i + 1)) }
if let i = args.firstIndex(of: "--repeat"), i + 1 < args.count { repeatCount = Int(args[i + 1]) ?? 1; args.removeSubrange(i...(i + 1)) }
guard let path = args.first else {
    FileHandle.standardError.write("usage: xlsx-count FILE.xlsx [--sheet NAME] [--repeat K]\n".data(using: .utf8)!)
    exit(2)
}

var best = Double.infinity
var rows = 0, cells = 0, numbers = 0, strings = 0, others = 0
for _ in 0..<repeatCount {
    let start = DispatchTime.now().uptimeNanoseconds
    rows = 0; cells = 0; numbers = 0; strings = 0; others = 0
    do {
        let reader = try SpreadsheetOpener.open(path: path)
        let sheet = try sheetName.map { try reader.sheet(named: $0) } ?? reader.sheets[0]
        try reader.readRows(of: sheet) { row in
            rows += 1
            for cell in row.cells {
                cells += 1
                switch cell.value {
                case .number: numbers += 1
                case .string: strings += 1
                default: others += 1
                }
            }
        }
    } catch {
        FileHandle.standardError.write("xlsx-count: \(path): \(error)\n".data(using: .utf8)!)
        exit(2)
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    best = min(best, seconds)
}
print("{\"rows\": \(rows), \"cells\": \(cells), \"numbers\": \(numbers), \"strings\": \(strings), \"others\": \(others), \"seconds\": \(best), \"cellsPerSecond\": \(Int(Double(cells) / best))}")
