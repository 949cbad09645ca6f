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
        let sink = Mutex(())
        try await onWorkers(count: count, concurrency: concurrency, item: { i, _ in
            let value = work(i)
            sink.withLock { _ in consume(i, value) }
            return true
        })
    }

    /// Calls `work` for each index in `0..<count` on `concurrency` threads, with no
    /// consumer and no lock between the threads: for work that hands its result on itself
    /// (the campaign intake gives each file to its writer). A lock around a consumer was
    /// where the intake's workers slept: a thread preempted while holding it held up the
    /// other one.
    public static func each(count: Int, concurrency: Int, work: @escaping @Sendable (Int) -> Void) async throws {
        try await onWorkers(count: count, concurrency: concurrency, item: { i, _ in
            work(i)
            return true
        })
    }

    /// Like ``run(count:concurrency:work:consume:)``, but `consume` sees the results in
    /// input order (0, 1, 2…), whatever order the threads finish them in: a result that
    /// finishes early waits for those before it. A thread does not start an item more than
    /// `window` places ahead of the next one to consume, so at most about `window` results
    /// wait in memory however slow one item is.
    public static func runOrdered<T: Sendable>(count: Int, concurrency: Int, window: Int = 64,
                                               work: @escaping @Sendable (Int) -> T,
                                               consume: @escaping @Sendable (Int, T) -> Void) async throws {
        let window = max(1, window)
        let order = OrderedHandOff<T>()
        try await onWorkers(count: count, concurrency: concurrency, item: { i, cancelled in
            guard order.waitForRoom(before: i, window: window, cancelled: cancelled) else { return false }
            order.deliver(i, work(i), consume)
            return true
        }, onCancel: { order.wakeAll() })
    }

    /// The thread pool behind both: `min(concurrency, count)` threads take the indices in
    /// turn and call `item` (false stops that thread) until they run out or the calling
    /// task is cancelled, which also calls `onCancel` and ends in `CancellationError`.
    private static func onWorkers(count: Int, concurrency: Int,
                                  item: @escaping @Sendable (Int, borrowing Atomic<Bool>) -> Bool,
                                  onCancel: @escaping @Sendable () -> Void = {}) async throws {
        let cancelled = Atomic<Bool>(false)
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let next = Atomic<Int>(0)
                let group = DispatchGroup()
                for _ in 0..<max(1, min(concurrency, count)) {
                    group.enter()
                    DispatchQueue.global(qos: .userInitiated).async {
                        while !cancelled.load(ordering: .relaxed) {
                            let i = next.add(1, ordering: .relaxed).oldValue
                            guard i < count, item(i, cancelled) else { break }
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
            onCancel()
        }
    }
}

/// Results waiting for their turn in ``ParallelWork/runOrdered(count:concurrency:window:work:consume:)``.
private final class OrderedHandOff<T>: @unchecked Sendable {
    private let condition = NSCondition()
    /// The position `consume` takes next.
    private var next = 0
    private var pending: [Int: T] = [:]

    /// Waits until item `i` is within `window` of the next to consume; false when cancelled.
    func waitForRoom(before i: Int, window: Int, cancelled: borrowing Atomic<Bool>) -> Bool {
        condition.lock(); defer { condition.unlock() }
        while i >= next + window {
            if cancelled.load(ordering: .relaxed) { return false }
            condition.wait()
        }
        return !cancelled.load(ordering: .relaxed)
    }

    /// Stores result `i`, then consumes every result now in turn.
    func deliver(_ i: Int, _ value: T, _ consume: (Int, T) -> Void) {
        condition.lock(); defer { condition.unlock() }
        pending[i] = value
        var advanced = false
        while let ready = pending.removeValue(forKey: next) {
            consume(next, ready)
            next += 1
            advanced = true
        }
        if advanced { condition.broadcast() }
    }

    func wakeAll() {
        condition.lock(); condition.broadcast(); condition.unlock()
    }
}
