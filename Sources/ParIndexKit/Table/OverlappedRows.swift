import Foundation
import XLSX

/// Reads a sheet on a thread of its own and hands its rows, in batches, to the thread that
/// recognises them: reading (inflate, XML) and recognition then run on two cores. The
/// rows arrive in order and exactly once; a reading error is thrown to the caller after
/// the rows read before it. At most ``capacity`` batches wait, so memory stays bounded.
final class OverlappedRows: @unchecked Sendable {
    static let batchSize = 512
    static let capacity = 8

    private let condition = NSCondition()
    private var batches: [[Row]] = []
    private var outcome: Result<SheetSummary, any Error>?

    /// Reads `sheet` of `reader` on a new thread, calling `body` with every row on this one.
    /// The reader is used by the reading thread only until this returns.
    static func read(_ reader: any SpreadsheetReader, sheet: SheetInfo,
                     _ body: (Row) -> Void) throws -> SheetSummary {
        let pipe = OverlappedRows()
        nonisolated(unsafe) let reader = reader
        let thread = Thread {
            var batch: [Row] = []
            batch.reserveCapacity(batchSize)
            let result = Result {
                try reader.readRows(of: sheet) { row in
                    batch.append(row)
                    if batch.count == batchSize {
                        pipe.put(batch)
                        batch.removeAll(keepingCapacity: true)
                    }
                }
            }
            if !batch.isEmpty { pipe.put(batch) }
            pipe.finish(result)
        }
        thread.stackSize = 1 << 22
        thread.start()
        while let batch = pipe.take() {
            for row in batch { body(row) }
        }
        return try pipe.waitOutcome().get()
    }

    private func put(_ batch: [Row]) {
        condition.lock()
        while batches.count >= Self.capacity { condition.wait() }
        batches.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    private func finish(_ result: Result<SheetSummary, any Error>) {
        condition.lock()
        outcome = result
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch; nil once the reader has finished and every batch was taken.
    private func take() -> [Row]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && outcome == nil { condition.wait() }
        guard !batches.isEmpty else { return nil }
        let batch = batches.removeFirst()
        condition.broadcast()
        return batch
    }

    private func waitOutcome() -> Result<SheetSummary, any Error> {
        condition.lock()
        defer { condition.unlock() }
        while outcome == nil { condition.wait() }
        return outcome!
    }
}
