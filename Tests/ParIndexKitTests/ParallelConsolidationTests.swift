import Foundation
import Synchronization
import Testing
import PackageTestSupport
import XLSX
@testable import ParIndexKit

/// Consolidating on several threads gives the appendix one thread gives: files finish in
/// any order, the result keeps input order.
struct ParallelConsolidationTests {
    /// The example returns, each several times under its own name (a long run in input
    /// order that threads finish out of order).
    static func sources(copies: Int, in dir: URL) throws -> [SubmissionSource] {
        let examples = SubmissionSource.expand([ExampleWorkflowTests.submissions])
        var sources: [SubmissionSource] = []
        for copy in 0..<copies {
            for case .file(let path, _) in examples {
                let name = String(format: "%02d ", copy) + (path as NSString).lastPathComponent
                let target = dir.appendingPathComponent(name).path
                try FileManager.default.copyItem(atPath: path, toPath: target)
                sources.append(.file(path: target))
            }
        }
        return sources.reversed()
    }

    @Test func parallelConsolidationWritesTheSameAppendixAsOneThread() async throws {
        let dir = try ExampleWorkflowTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inputs = dir.appendingPathComponent("bai-nop")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        let sources = try Self.sources(copies: 4, in: inputs)
        let fw = try ExampleWorkflowTests.framework()
        let layout = try LayoutLibrary.load(LayoutLibrary.defaultName(for: fw))
        var paths: [String] = []
        for concurrency in [1, 2, 4] {
            let run = ConsolidationRun(framework: fw, layout: layout, options: RunOptions(concurrency: concurrency))
            let result = try await run.run(sources)
            // Input order, whatever order the files finished in.
            #expect(result.consolidation.inputs.map(\.file) == sources.map(\.displayName))
            var fromLedger: [String] = []
            result.consolidation.ledger.forEach { if fromLedger.last != $0.file { fromLedger.append($0.file) } }
            #expect(fromLedger == sources.map(\.displayName))
            let path = dir.appendingPathComponent("tong-hop-\(concurrency).xlsx").path
            try result.write(to: path)
            paths.append(path)
        }
        for path in paths.dropFirst() {
            let diff = PackageDiff(original: paths[0], edited: path)
            // Only the creation time may differ.
            #expect(try diff.changedParts().subtracting(["docProps/core.xml"]).isEmpty)
            #expect(try diff.addedParts().isEmpty)
        }
    }
}

/// ``ParallelWork/runOrdered(count:concurrency:window:work:consume:)`` hands results over
/// in input order and never runs far ahead of the consumer.
struct OrderedParallelWorkTests {
    @Test func resultsAreConsumedInInputOrderWithinTheWindow() async throws {
        let consumed = Mutex([Int]())
        let started = Mutex([Int: Int]())   // item → items consumed when it started
        let window = 4
        try await ParallelWork.runOrdered(count: 200, concurrency: 4, window: window, work: { i in
            started.withLock { $0[i] = consumed.withLock { $0.count } }
            // Uneven work: every fifth item is slow, so later ones finish first.
            if i % 5 == 0 { usleep(2_000) }
            return i * 10
        }, consume: { i, value in
            #expect(value == i * 10)
            consumed.withLock { $0.append(i) }
        })
        #expect(consumed.withLock { $0 } == Array(0..<200))
        // No item started more than `window` places ahead of the next one to consume.
        for (item, done) in started.withLock({ $0 }) { #expect(item < done + window) }
    }
}
