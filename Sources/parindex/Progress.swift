import Foundation
import Synchronization

/// A one-line progress bar on stderr, drawn only when stderr is a terminal.
final class ProgressBar: Sendable {
    private let label: String
    private let enabled: Bool
    private let lastDrawn = Mutex<Int>(-1)

    init(label: String) {
        self.label = label
        self.enabled = isatty(STDERR_FILENO) == 1
    }

    func update(_ done: Int, _ total: Int) {
        guard enabled, total > 0 else { return }
        let width = 30
        let filled = done * width / total
        let shouldDraw = lastDrawn.withLock { last -> Bool in
            guard filled != last || done == total else { return false }
            last = filled
            return true
        }
        guard shouldDraw else { return }
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        Console.writeError("\r\(label) [\(bar)] \(done)/\(total)")
        if done == total { Console.writeError("\n") }
    }
}
