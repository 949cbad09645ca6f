// xlsx-annotate IN.xlsx OUT.xlsx MARKS [SHEET]
// Applies a package edit like an annotated copy's: MARKS cells spread over the sheet's rows
// get a fill and a comment, and a first sheet lists them with links. Prints the seconds.
import Foundation
import XLSX

let args = CommandLine.arguments
guard args.count >= 4, let count = Int(args[3]) else {
    FileHandle.standardError.write("usage: xlsx-annotate IN.xlsx OUT.xlsx MARKS [SHEET]\n".data(using: .utf8)!)
    exit(2)
}
let start = Date()
let reader = try XLSXReader(path: args[1])
let sheet = args.count > 4 ? try reader.sheet(named: args[4]) : reader.sheets[0]
var rows = 0
try reader.readRows(of: sheet) { _ in rows += 1 }
let step = max(1, rows / max(count, 1))
var marks: [CellMark] = []
var listed: [AddedSheet.Row] = []
for i in 0..<count {
    let cell = CellReference(row: 1 + i * step, column: 1 + i % 12)
    let message = "Lỗi: ô \(cell.a1) có giá trị không hợp lệ; đề nghị kiểm tra lại và ghi một số từ 0 đến điểm chuẩn."
    marks.append(CellMark(sheet: sheet.name, cell: cell, fill: 0xFFC7CE, comment: message))
    listed.append(.init([.init(.string(cell.a1), style: CellStyle(), link: CellLink(sheet: sheet.name, cell: cell)),
                         .init(.string(message), style: CellStyle(wrap: true))]))
}
let edit = WorkbookEdit(marks: marks, commentAuthor: "Kiểm tra",
                        newSheet: AddedSheet(name: "Kết quả kiểm tra", rows: listed, columnWidths: [8, 80]))
let read = Date().timeIntervalSince(start)
try WorkbookEditor.apply(edit, source: args[1], destination: args[2])
let total = Date().timeIntervalSince(start)
print(String(format: "rows %d, marks %d: read %.2f s, edit %.2f s", rows, count, read, total - read))
