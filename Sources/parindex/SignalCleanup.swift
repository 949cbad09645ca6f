import Dispatch
import Foundation
import XLSX

/// Ctrl-C (SIGINT) and SIGTERM during a run: every temporary file being written (the
/// writers register them in ``TemporaryFiles``) is removed, then the process exits with
/// 128 + the signal number (130, 143), the shell's convention. Outputs are renamed into
/// place only when complete, so an interrupted run leaves either the old file or none —
/// never a half-written one, never a stray `.tmp-` file.
enum SignalCleanup {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    /// Installs the handlers once, before any work starts.
    static func install() {
        guard sources.isEmpty else { return }
        // A serial queue of its own: it gets a thread even while every worker of the global
        // queues is busy reading files in `concurrentPerform`.
        let queue = DispatchQueue(label: "parindex.signal-cleanup")
        for signalNumber in [SIGINT, SIGTERM] {
            // The default action would kill the process before the source could run.
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler { terminate(signal: signalNumber) }
            source.resume()
            sources.append(source)
        }
    }

    /// Removes the temporary files and exits without running anything else.
    static func terminate(signal signalNumber: Int32) -> Never {
        let removed = TemporaryFiles.removeAll()
        let name = signalNumber == SIGINT ? "Ctrl-C (SIGINT)" : signalNumber == SIGTERM ? "SIGTERM" : "tín hiệu \(signalNumber)"
        var message = "\nparindex: đã dừng do \(name); không có tệp kết quả nào bị ghi dở"
        if !removed.isEmpty { message += " (đã xóa \(removed.count) tệp tạm)" }
        message += "\n"
        message.withCString { _ = write(STDERR_FILENO, $0, strlen($0)) }
        _exit(128 + signalNumber)
    }
}
