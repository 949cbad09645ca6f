import Foundation

/// One input row, compactly: enough to write its line of the account at the end.
/// Plain data (24 bytes), stored in a ``LedgerStore``.
struct RowRecord: Sendable {
    var row: Int32
    /// Criterion index, or -1 when the code is unknown, -2 for a skipped (note) row, -3
    /// for a second row of a criterion already in the same file.
    var criterion: Int32
    /// Hash of the row's to-fill values, to tell conflicting rows apart.
    var hash: Int64
    var flags: UInt32

    static let hasValuesFlag: UInt32 = 1
    static let excludedFlag: UInt32 = 2

    init(row: Int, criterion: Int, hash: Int = 0, hasValues: Bool = false, excluded: Bool = false) {
        self.row = Int32(clamping: row)
        self.criterion = Int32(clamping: criterion)
        self.hash = Int64(hash)
        flags = (hasValues ? Self.hasValuesFlag : 0) | (excluded ? Self.excludedFlag : 0)
    }

    var hasValues: Bool { flags & Self.hasValuesFlag != 0 }
    var excluded: Bool { flags & Self.excludedFlag != 0 }
}

/// The row records of a consolidation, appended to an unlinked temporary file so memory
/// stays flat however many files are consolidated (10,000 submissions of 90 rows are 21 MB
/// on disk, nothing in memory). Each input's records are contiguous: one append per input.
final class LedgerStore: @unchecked Sendable {
    private let fd: Int32
    private var length = 0
    private let lock = NSLock()

    init() {
        let dir = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(dir)/parindex-ledger-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if fd >= 0 {
            _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }
        }
        self.fd = fd
        memory = fd < 0 ? [] : nil
    }

    /// Fallback when no temporary file can be made: records stay in memory.
    private var memory: [RowRecord]?

    deinit { if fd >= 0 { close(fd) } }

    /// Appends records; returns where they start (in records).
    func append(_ records: [RowRecord]) -> Int {
        lock.lock(); defer { lock.unlock() }
        let start = length
        length += records.count
        if memory != nil { memory!.append(contentsOf: records); return start }
        records.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = pwrite(fd, raw.baseAddress! + offset, raw.count - offset, off_t(start * MemoryLayout<RowRecord>.stride + offset))
                if n <= 0 { break }
                offset += n
            }
        }
        return start
    }

    /// Reads `count` records from `start`.
    func read(_ start: Int, _ count: Int) -> [RowRecord] {
        guard count > 0 else { return [] }
        if let memory { return Array(memory[start..<start + count]) }
        return [RowRecord](unsafeUninitializedCapacity: count) { buffer, initialized in
            let bytes = UnsafeMutableRawBufferPointer(buffer)
            var offset = 0
            while offset < bytes.count {
                let n = pread(fd, bytes.baseAddress! + offset, bytes.count - offset, off_t(start * MemoryLayout<RowRecord>.stride + offset))
                if n <= 0 { break }
                offset += n
            }
            initialized = offset / MemoryLayout<RowRecord>.stride
        }
    }
}
