import Foundation
import ParIndexKit
import XLSX

/// Paths and scratch folders for the store tests, and workbook copies with edited cells.
enum StoreTestSupport {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let frameworkPath = root.appendingPathComponent("Examples/frameworks/tu-danh-gia-huyen-2023.yaml").path
    static let submissions = root.appendingPathComponent("Examples/submissions").path

    static func framework() throws -> Framework { try FrameworkStore.load(path: frameworkPath) }

    static func example(_ name: String) -> String { (submissions as NSString).appendingPathComponent(name) }

    static func scratch() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parindex-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.path
    }

    /// Copies every sheet's values of `source` to `target` (our own writer), replacing the
    /// cells named in `edits` (`"Biểu mẫu!D9"`). Hidden sheets (the template identity)
    /// are copied as plain sheets: the reader finds the identity by its sheet name.
    static func copy(_ source: String, to target: String, edits: [String: CellValue] = [:]) throws {
        let reader = try XLSXReader(path: source)
        let writer = try XLSXWriter(path: target)
        for sheet in reader.sheets {
            let ws = try writer.addWorksheet(name: sheet.name)
            _ = try reader.readRows(of: sheet) { row in
                for cell in row.cells {
                    let value = edits["\(sheet.name)!\(cell.reference.a1)"] ?? cell.value
                    try ws.write(value, at: cell.reference)
                }
            }
        }
        try writer.close()
    }
}
