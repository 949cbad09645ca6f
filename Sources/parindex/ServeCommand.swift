import ArgumentParser
import Foundation
import ParIndexKit
import ParIndexWeb
import XLSX

/// `parindex serve`: the local web page for the coordinating clerk and each unit.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Mở trang web điều phối: tạo đợt thu, gửi liên kết nộp bài cho đơn vị, nhận và kiểm tra tệp, tổng hợp.",
        discussion: """
        Mặc định chỉ mở trên máy này (127.0.0.1). Để các máy khác trong mạng cơ quan vào được, dùng \
        --host 0.0.0.0 cùng --admin-password-file <tệp chứa mật khẩu điều phối>.
        """
    )

    @Option(name: .long, help: "Địa chỉ mở trang (mặc định 127.0.0.1: chỉ máy này).")
    var host = "127.0.0.1"

    @Option(name: .long, help: "Cổng (mặc định 8080; 0 để hệ thống chọn cổng trống).")
    var port = 8080

    @Option(name: .long, help: "Thư mục dữ liệu: đợt thu, tệp đã nhận, bảng tổng hợp (mặc định ./parindex-data).")
    var data: String?

    @Option(name: .customLong("admin-password-file"), help: "Tệp chứa mật khẩu điều phối (dòng đầu); bắt buộc khi --host không phải 127.0.0.1.")
    var adminPasswordFile: String?

    @Option(name: .customLong("public-url"), help: "Địa chỉ các đơn vị dùng để vào trang, ghi trong liên kết (ví dụ http://may-chu:8080).")
    var publicURL: String?

    @Flag(name: .customLong("secure-cookies"), help: "Đặt cờ Secure cho cookie (khi trang được phục vụ qua HTTPS bởi máy chủ trung gian).")
    var secureCookies = false

    @Option(name: .customLong("max-upload-mib"), help: "Dung lượng tối đa mỗi tệp tải lên, MiB (mặc định 20).")
    var maxUploadMiB = 20

    @Option(name: .customLong("max-files"), help: "Số tệp tối đa mỗi lần gửi (mặc định 20).")
    var maxFiles = 20

    @Option(name: .long, help: "Tạo đợt thu từ bộ tiêu chí này khi bắt đầu (nếu chưa có đợt thu).")
    var framework: String?

    @Flag(name: .long, help: "Chạy thử: đợt thu từ bộ tiêu chí mẫu và các bài nộp mẫu (Examples/), dữ liệu trong thư mục tạm.")
    var demo = false

    @OptionGroup(title: "Giới hạn khi đọc tệp") var limits: LimitOptions

    func validate() throws {
        if maxUploadMiB < 1 || maxUploadMiB > 1024 { throw ValidationError("--max-upload-mib phải từ 1 đến 1024.") }
        if maxFiles < 1 || maxFiles > 500 { throw ValidationError("--max-files phải từ 1 đến 500.") }
        if port < 0 || port > 65535 { throw ValidationError("--port phải từ 0 đến 65535.") }
    }

    func run() async throws {
        do { try await serve() } catch let error as ExitCode { throw error } catch {
            Console.writeError("parindex: serve: \(error)\n")
            throw ExitCode(2)
        }
    }

    private func serve() async throws {
        let password = try adminPasswordFile.map(PasswordHash.load(passwordFile:))
        let uploadLimits = UploadLimits(maxFileBytes: maxUploadMiB << 20, maxFiles: maxFiles, readLimits: limits.readLimits)
        let config = ServeConfiguration(host: host, port: port, password: password, secureCookies: secureCookies,
                                        publicURL: publicURL, limits: uploadLimits)
        try config.validate()
        let folder: String
        if let data { folder = data } else if demo {
            folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("parindex-demo-\(ProcessInfo.processInfo.processIdentifier)")
        } else { folder = "parindex-data" }
        let desk = try CampaignDesk(dataDirectory: URL(fileURLWithPath: folder, isDirectory: true), limits: uploadLimits)

        var issued: [(String, SecretToken)] = []
        let start = demo ? (framework ?? "Examples/frameworks/tu-danh-gia-huyen-2023.yaml") : framework
        if let start, await !desk.hasCampaign {
            let fw: Framework
            do { fw = try FrameworkStore.loadAny(path: start) } catch {
                throw ServeError("\(start): \((error as? XLSXError)?.message ?? "\(error)")")
            }
            let tokens = try await desk.createCampaign(framework: fw, deadline: nil)
            issued = fw.units.compactMap { u in tokens[u.code].map { (u.name, $0) } }
            if demo { try await loadDemoReturns(into: desk) }
        }

        let app = try await WebApp(configuration: config, desk: desk)
        let links = issued
        let shownHost = HostPolicy.isLoopback(host) ? host : (publicURL ?? host)
        try await app.application { port in
            let base = publicURL ?? "http://\(shownHost.contains(":") && !shownHost.hasPrefix("http") ? "[\(shownHost)]" : shownHost):\(port)"
            var text = "parindex serve: trang điều phối \(base)/ (dữ liệu: \(folder))\n"
            if !links.isEmpty {
                text += "Liên kết nộp bài của các đơn vị (chỉ hiện một lần):\n"
                for (name, token) in links { text += "  \(name): \(base)/nop/\(token.text)\n" }
            }
            text += "Nhấn Ctrl-C để dừng.\n"
            FileHandle.standardOutput.write(Data(text.utf8))
        }.runService()
    }

    /// The shipped example returns, received as if the coordinator had uploaded them.
    private func loadDemoReturns(into desk: CampaignDesk) async throws {
        let folder = "Examples/submissions"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder))?.sorted() ?? []
        let uploads = names.filter { $0.hasSuffix(".xlsx") || $0.hasSuffix(".txt") }.compactMap { name -> UploadedFile? in
            FileManager.default.contents(atPath: "\(folder)/\(name)").map {
                UploadedFile(field: "files", displayName: name, bytes: Array($0))
            }
        }
        _ = await desk.receive(uploads, unit: nil, by: .coordinator)
        // A corrected second version of one return, so the history shows two versions.
        let again = "Examples/resubmissions/VHTT - tu danh gia 2023 (lan 2).xlsx"
        if let data = FileManager.default.contents(atPath: again) {
            _ = await desk.receive([UploadedFile(field: "files", displayName: (again as NSString).lastPathComponent, bytes: Array(data))],
                                   unit: nil, by: .coordinator)
        }
    }
}
