import Foundation

/// Whether a Python module the fixture scripts need (openpyxl, xlsxwriter) can be imported,
/// so that a test making its fixture at run time is skipped with a message, not failed,
/// on a machine without it.
public enum PythonModule {
    /// True when `python3 -c "import <name>"` succeeds.
    public static func isAvailable(_ name: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import \(name)"]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
