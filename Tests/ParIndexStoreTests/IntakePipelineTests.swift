import Foundation
import Synchronization
import Testing
import ParIndexKit
@testable import ParIndexStore

/// Intake on every core with one writer: input order kept, the window bounds what waits
/// between workers and writer, the results keep findings but not rows (those are stored).
struct IntakePipelineTests {
    @Test func handOffKeepsOrderAndBoundsTheWindow() async throws {
        let handOff = OrderedHandOff<Int>(window: 3)
        let count = 200
        let maxAhead = Atomic<Int>(0)
        let taken = Mutex([Int]())
        let consumer = Thread {
            while let (i, value) = handOff.take() {
                #expect(i == value)
                taken.withLock { $0.append(i) }
                usleep(UInt32.random(in: 0...300))
            }
        }
        consumer.start()
        try await ParallelWork.run(count: count, concurrency: 4, work: { i -> Int in
            #expect(handOff.waitForTurn(i))
            let ahead = i - taken.withLock { $0.count }
            maxAhead.max(ahead, ordering: .relaxed)
            usleep(UInt32.random(in: 0...200))
            return i
        }, consume: { i, value in handOff.put(i, value) })
        handOff.finish()
        while taken.withLock({ $0.count }) < count { usleep(1000) }
        #expect(taken.withLock { $0 } == Array(0..<count))
        // A worker starts item i only when fewer than `window` items (counting the one the
        // consumer holds) lie between it and what was taken.
        #expect(maxAhead.load(ordering: .relaxed) <= 3)
    }

    @Test func eachRunsEveryIndexOnceAndStopsWhenCancelled() async throws {
        let seen = Mutex([Int]())
        try await ParallelWork.each(count: 500, concurrency: 3) { i in
            seen.withLock { $0.append(i) }
            if i % 7 == 0 { usleep(200) }
        }
        #expect(seen.withLock { $0.sorted() } == Array(0..<500))
        #expect(CampaignStore.intakeWindow(concurrency: 2) >= 16, "intake lets the workers run well ahead of the writer")

        let started = Atomic<Int>(0)
        let task = Task {
            try await ParallelWork.each(count: 100_000, concurrency: 2) { _ in
                started.add(1, ordering: .relaxed)
                usleep(100)
            }
        }
        while started.load(ordering: .relaxed) < 10 { try await Task.sleep(for: .milliseconds(1)) }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(started.load(ordering: .relaxed) < 100_000)
    }

    @Test func afterStopProducersAreReleasedAndLaterItemsDropped() {
        let handOff = OrderedHandOff<Int>(window: 1)
        handOff.put(1, 1)
        handOff.finish()
        #expect(handOff.take() == nil, "position 0 never came: position 1 is not taken out of order")
        let stopped = OrderedHandOff<Int>(window: 1)
        stopped.stop()
        #expect(!stopped.waitForTurn(5))
    }

    @Test func parallelIntakeStoresInInputOrderAndKeepsRowsOnlyInTheStore() async throws {
        let dir = try StoreTestSupport.scratch()
        let store = try CampaignStore.create(at: dir + "/dot", framework: try StoreTestSupport.framework())
        // Every example and issue-13 fixture return (distinct bytes), several per unit.
        let returns = StoreTestSupport.root.appendingPathComponent("Tests/Fixtures/returns").path
        let sources = SubmissionSource.expand([StoreTestSupport.submissions, returns])
            .filter { $0.displayName.hasSuffix(".xlsx") }
        #expect(sources.count > 25)
        let progress = Mutex([Int]())
        let intake = try await store.add(sources, options: RunOptions(progress: { p in progress.withLock { $0.append(p.done) } },
                                                                      concurrency: 3))
        #expect(intake.map(\.outcome) == Array(repeating: .stored, count: sources.count))
        #expect(progress.withLock { $0 } == Array(1...sources.count), "progress in input order")
        let history = try store.history()
        #expect(history.map(\.originalName) == sources.map(\.originalName))
        var seen: [String: Int] = [:]
        #expect(history.map(\.version) == history.map { r in
            let key = r.unit ?? "-"; seen[key, default: 0] += 1; return seen[key]! }, "versions per unit in input order")
        #expect(intake.allSatisfy { $0.file.rows.isEmpty })
        #expect(intake.contains { !$0.file.findings.isEmpty }, "findings are kept for the caller")
        for record in history { #expect(!(try store.checkedFile(of: record.id).rows.isEmpty)) }
    }
}

