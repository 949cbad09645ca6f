import Foundation

/// One input row, compactly: enough to write its line of the account at the end.
/// Plain data (24 bytes), stored in a ``LedgerStore``.
struct RowRecord: Sendable {
    /// The compact form of a row's ``RowFate``.
    enum Kind: Equatable {
        /// A row standing for the criterion at this position of the framework.
        case criterion(Int)
        /// A code not in the framework.
        case unknown
        /// A not-data row (repeated header, numbering, total…).
        case note
        /// A second row of a criterion already in the same file.
        case duplicate
        /// An explanation row under a criterion (``RowFate/explanation(of:row:text:)``).
        case explanation
        /// A hidden stale copy of a visible row (``RowFate/hiddenStale(code:visibleRow:)``).
        case stale
    }

    var row: Int32
    /// Criterion position, or one of the negative tags of ``Kind`` (kept as one integer so
    /// the record stays plain data for the ledger file).
    private var tag: Int32
    /// Hash of the row's to-fill values, to tell conflicting rows apart.
    var hash: Int64
    var flags: UInt32

    static let hasValuesFlag: UInt32 = 1
    static let excludedFlag: UInt32 = 2
    static let scoredFlag: UInt32 = 4
    /// The row has a value outside the score columns (evidence, notes…).
    static let otherValuesFlag: UInt32 = 8

    init(row: Int, kind: Kind, hash: Int = 0, hasValues: Bool = false, scored: Bool = false, excluded: Bool = false,
         otherValues: Bool = false) {
        self.row = Int32(clamping: row)
        switch kind {
        case .criterion(let c): tag = Int32(clamping: c)
        case .unknown: tag = -1
        case .note: tag = -2
        case .duplicate: tag = -3
        case .explanation: tag = -4
        case .stale: tag = -5
        }
        self.hash = Int64(hash)
        flags = (hasValues ? Self.hasValuesFlag : 0) | (excluded ? Self.excludedFlag : 0) | (scored ? Self.scoredFlag : 0)
            | (otherValues ? Self.otherValuesFlag : 0)
    }

    init(row: Int, criterion: Int, hash: Int = 0, hasValues: Bool = false, scored: Bool = false, excluded: Bool = false,
         otherValues: Bool = false) {
        self.init(row: row, kind: .criterion(criterion), hash: hash, hasValues: hasValues, scored: scored, excluded: excluded,
                  otherValues: otherValues)
    }

    var kind: Kind {
        switch tag {
        case -1: .unknown
        case -2: .note
        case -3: .duplicate
        case -4: .explanation
        case -5: .stale
        default: .criterion(Int(tag))
        }
    }

    var hasValues: Bool { flags & Self.hasValuesFlag != 0 }
    var excluded: Bool { flags & Self.excludedFlag != 0 }
    /// A score column holds a number (what peers' averages are made of).
    var scored: Bool { flags & Self.scoredFlag != 0 }
    /// A column other than the scores holds a value.
    var otherValues: Bool { flags & Self.otherValuesFlag != 0 }
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
