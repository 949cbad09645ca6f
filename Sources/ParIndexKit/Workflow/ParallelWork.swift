import Foundation
import Synchronization

/// Runs blocking per-file work on worker threads (every core), off the caller's
/// executor: an `async` caller — a web server's event loop — is never blocked. Results are
/// handed to a consumer one at a time with their input position, as they finish.
/// Cancelling the calling task stops taking new items; the call then throws
/// `CancellationError`.
public enum ParallelWork {
    /// The number of active cores.
    public static var defaultConcurrency: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Calls `work` for each index in `0..<count` on `concurrency` threads and `consume`
    /// (serialised) with each result.
    public static func run<T: Sendable>(count: Int, concurrency: Int,
                                        work: @escaping @Sendable (Int) -> T,
                                        consume: @escaping @Sendable (Int, T) -> Void) async throws {
        let cancelled = Atomic<Bool>(false)
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let next = Atomic<Int>(0)
                let sink = Mutex(())
                let group = DispatchGroup()
                let workers = max(1, min(concurrency, count))
                for _ in 0..<workers {
                    group.enter()
                    DispatchQueue.global(qos: .userInitiated).async {
                        while !cancelled.load(ordering: .relaxed) {
                            let i = next.add(1, ordering: .relaxed).oldValue
                            guard i < count else { break }
                            let value = work(i)
                            sink.withLock { _ in consume(i, value) }
                        }
                        group.leave()
                    }
                }
                group.notify(queue: .global()) {
                    if cancelled.load(ordering: .relaxed) { continuation.resume(throwing: CancellationError()) }
                    else { continuation.resume() }
                }
            }
        } onCancel: {
            cancelled.store(true, ordering: .relaxed)
        }
    }
}
