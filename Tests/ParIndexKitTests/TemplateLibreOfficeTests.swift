import Foundation
import Testing
@testable import ParIndexKit

/// Opens a template in LibreOffice (`soffice --headless --convert-to pdf`): a check that
/// another producer's reader accepts what libxlsxwriter wrote and can print it.
@Suite struct TemplateLibreOfficeTests {
    static let soffice: String? = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/lib/libreoffice/program/soffice",
                                   "/opt/homebrew/bin/soffice", "/Applications/LibreOffice.app/Contents/MacOS/soffice"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: soffice != nil, "LibreOffice (soffice) không có trên máy này: bỏ qua kiểm tra xuất PDF"),
          .timeLimit(.minutes(2)))
    func convertsToPDF() throws {
        let framework = try TemplateFixtures.framework("000-van-phong-ubnd-dak-nong-2020")
        let builder = TemplateBuilder(framework: framework, layout: try TemplateBuilder.defaultLayout(for: framework))
        let folder = try TemplateFixtures.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("mau-NCKSTTHC.xlsx").path
        try builder.write(unit: try builder.selector.unit(named: "NCKSTTHC"), to: path)

        // A private profile, so parallel runs do not fight over one user installation.
        let profile = folder.appendingPathComponent("lo-profile")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.soffice))
        process.arguments = ["-env:UserInstallation=\(profile.absoluteString)", "--headless", "--norestore",
                             "--convert-to", "pdf", "--outdir", folder.path, path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        let pdf = folder.appendingPathComponent("mau-NCKSTTHC.pdf").path
        let data = try #require(FileManager.default.contents(atPath: pdf), "no PDF written")
        #expect(data.count > 1_000)
        #expect(data.starts(with: Array("%PDF".utf8)))
        // Two sheets print: the table (landscape) and the instructions.
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.components(separatedBy: "/Type/Page").count - 1 + text.components(separatedBy: "/Type /Page").count - 1 >= 2)
    }
}
