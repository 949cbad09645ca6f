#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import XLSX

/// Writes each input to one scratch file (in /dev/shm when available) and reads it
/// completely through the format-sniffing opener (xlsx, xls, ods…): every sheet, every
/// row, every cell. Any `XLSXError` is an acceptable
/// outcome; a crash, a trap, a hang or unbounded memory is a bug.
public enum FuzzHarness {
    /// One scratch file per process, overwritten by each input, removed at exit.
    public static let scratchPath: String = {
        let folder = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
        let path = "\(folder)/parindex-fuzz-\(getpid()).xlsx"
        scratchPathC = strdup(path)
        atexit { if let p = scratchPathC { unlink(p) } }
        return path
    }()

    nonisolated(unsafe) private static var scratchPathC: UnsafeMutablePointer<CChar>?

    /// Writes `bytes` to the scratch file and reads it as the CLI would.
    public static func run(_ bytes: UnsafeRawBufferPointer) {
        let path = scratchPath
        guard write(bytes, to: path) else { return }
        readEverything(path)
    }

    /// Reads every sheet of `path`, touching each value. Returns the number of cells read
    /// or nil when the reader refused the file.
    @discardableResult
    public static func readEverything(_ path: String, limits: ReadLimits = .default) -> Int? {
        do {
            let reader = try SpreadsheetOpener.open(path: path, limits: limits)
            var cells = 0
            for sheet in reader.sheets {
                let summary = try reader.readRows(of: sheet) { row in
                    precondition(row.number >= 1 && row.number <= CellReference.maxRow, "row out of range")
                    var last = 0
                    for cell in row.cells {
                        precondition(cell.reference.column >= last, "cells not sorted")
                        precondition(cell.reference.row == row.number, "cell outside its row")
                        last = cell.reference.column
                        cells &+= touch(cell.value)
                    }
                }
                precondition(summary.cellCount >= 0 && summary.rowCount >= 0)
            }
            _ = (reader as? XLSXReader)?.definedNames.count
            _ = try? reader.sheet(named: reader.sheets.first?.name ?? "")
            return cells
        } catch is XLSXError {
            return nil
        } catch {
            preconditionFailure("reader threw a non-XLSXError: \(error)")
        }
    }

    @inline(never)
    static func touch(_ value: CellValue) -> Int {
        switch value {
        case .string(let s): return s.utf8.count
        case .number(let d): return d.isNaN ? 0 : 1
        case .bool(let b): return b ? 1 : 0
        case .error(let e): return e.utf8.count
        case .date: return 1
        }
    }

    static func write(_ bytes: UnsafeRawBufferPointer, to path: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n <= 0 { return false }
            offset += n
        }
        return true
    }
}
