import Foundation
import Testing

/// Headless LibreOffice, for tests that prove another producer opens what we write.
enum LibreOffice {
    static let soffice: String? = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/lib/libreoffice/program/soffice"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    static let skipMessage: Comment = "LibreOffice (soffice) không có trên máy này: bỏ qua kiểm tra mở tệp bằng LibreOffice"

    /// Converts every file in one run (`pdf`, `csv`, `ods`…) into `outdir`; returns the exit status.
    @discardableResult
    static func convert(_ files: [String], to format: String, outdir: URL) throws -> Int32 {
        guard let soffice else { return -1 }
        let profile = outdir.appendingPathComponent("lo-profile-\(UUID().uuidString)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice)
        process.arguments = ["-env:UserInstallation=\(profile.absoluteString)", "--headless", "--norestore",
                             "--convert-to", format, "--outdir", outdir.path] + files
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: profile)
        return process.terminationStatus
    }
}
