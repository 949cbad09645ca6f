import Foundation
import Testing
@testable import XLSX

/// The destination is replaced in one step, or left untouched with no temporary file.
@Suite struct WriterAtomicTests {
    private let old = Data("bản cũ".utf8)

    private func folderWithOldFile() throws -> (WriterScratchFolder, String) {
        let folder = try WriterScratchFolder()
        let path = folder.file("phieu.xlsx")
        try old.write(to: URL(fileURLWithPath: path))
        return (folder, path)
    }

    @Test func temporaryFileSitsBesideTheDestination() throws {
        let (folder, path) = try folderWithOldFile()
        defer { folder.remove() }
        let writer = try XLSXWriter(path: path)
        #expect(writer.temporaryPath.hasPrefix(folder.path + "/.phieu.tmp-"))
        #expect(writer.temporaryPath.hasSuffix(".xlsx"))
    }

    @Test func successReplacesTheDestinationAndLeavesNoTemporaryFile() throws {
        let (folder, path) = try folderWithOldFile()
        defer { folder.remove() }
        let writer = try XLSXWriter(path: path)
        try writer.addWorksheet(name: "Biểu 1").write(.string("mới"), at: CellReference(row: 1, column: 1))
        try writer.close()
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(data.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        #expect(try folder.contents() == ["phieu.xlsx"])
    }

    @Test func failedWriteDroppedWithoutCloseLeavesDestinationUntouched() throws {
        let (folder, path) = try folderWithOldFile()
        defer { folder.remove() }
        do {
            let writer = try XLSXWriter(path: path)
            let sheet = try writer.addWorksheet(name: "Biểu 1")
            try sheet.write(.string("dở dang"), at: CellReference(row: 1, column: 1))
            #expect(writeFailure { _ = try writer.addWorksheet(name: "Biểu/2") } != nil)
            #expect(writeFailure {
                try sheet.addDataValidation(range: CellRange(a1: "A1")!,
                                            rule: DataValidation(.list((1...80).map { "Đơn vị \($0)" })))
            } != nil)
            // The writer goes away here without close().
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == old)
        #expect(try folder.contents() == ["phieu.xlsx"])
    }

    @Test func failedCloseLeavesDestinationUntouched() throws {
        let (folder, path) = try folderWithOldFile()
        defer { folder.remove() }
        let writer = try XLSXWriter(path: path)
        try writer.addWorksheet(name: "Biểu 1").hide()
        #expect(writeFailure { try writer.close() }?.contains("hiển thị") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == old)
        #expect(try folder.contents() == ["phieu.xlsx"])
    }

    @Test func libxlsxwriterFailureAtCloseLeavesNoTemporaryFile() throws {
        let folder = try WriterScratchFolder()
        defer { folder.remove() }
        let sub = folder.file("sub")
        try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: true)
        let writer = try XLSXWriter(path: sub + "/out.xlsx")
        _ = try writer.addWorksheet(name: "Biểu 1")
        try FileManager.default.removeItem(atPath: sub)
        let reason = writeFailure { try writer.close() }
        #expect(reason != nil)
        #expect(try folder.contents() == [])
    }

    @Test func missingFolderIsReportedAtOnce() throws {
        let folder = try WriterScratchFolder()
        defer { folder.remove() }
        #expect(writeFailure { _ = try XLSXWriter(path: folder.file("không-có/out.xlsx")) } != nil)
    }
}
