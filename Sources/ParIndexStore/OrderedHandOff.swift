import Foundation

/// Hands values made by several worker threads to one consumer thread in input order,
/// with at most `window` positions ahead of the consumer in flight: memory stays bounded
/// however many items there are, and the consumer (the store's one writer) works while
/// the workers read the next files.
///
/// Producers call ``waitForTurn(_:)`` before making item `i` and ``put(_:_:)`` after; the
/// consumer loops on ``take()``. The lowest position not yet taken never waits, so the
/// pipeline cannot deadlock.
final class OrderedHandOff<Value: Sendable>: @unchecked Sendable {
    // All state is guarded by `condition`.
    private let condition = NSCondition()
    private var pending: [Int: Value] = [:]
    private var next = 0
    private var finished = false
    private var stopped = false
    let window: Int

    init(window: Int) { self.window = max(1, window) }

    /// Blocks until position `i` is within the window; false when the consumer stopped.
    func waitForTurn(_ i: Int) -> Bool {
        condition.lock(); defer { condition.unlock() }
        while i >= next + window && !stopped { condition.wait() }
        return !stopped
    }

    /// Hands over the value of position `i`.
    func put(_ i: Int, _ value: Value) {
        condition.lock(); defer { condition.unlock() }
        pending[i] = value
        condition.broadcast()
    }

    /// No more values will be put (all done, or the run was cancelled).
    func finish() {
        condition.lock(); defer { condition.unlock() }
        finished = true
        condition.broadcast()
    }

    /// The consumer gives up (an error): waiting producers are released.
    func stop() {
        condition.lock(); defer { condition.unlock() }
        stopped = true
        pending.removeAll()
        condition.broadcast()
    }

    /// The next value in input order, waiting for it; nil once the producers finished
    /// without it (a cancelled run: later values are dropped, order is never broken).
    func take() -> (Int, Value)? {
        condition.lock(); defer { condition.unlock() }
        while true {
            if stopped { return nil }
            if let value = pending.removeValue(forKey: next) {
                next += 1
                condition.broadcast()
                return (next - 1, value)
            }
            if finished { return nil }
            condition.wait()
        }
    }
}
