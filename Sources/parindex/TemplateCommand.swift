import ArgumentParser
import Foundation
import ParIndexKit

/// `parindex template`: blank templates (biểu mẫu) for the units that lead criteria.
struct TemplateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Lập biểu mẫu trống (.xlsx) cho đơn vị chủ trì: các tiêu chí đơn vị chủ trì, ô cần điền mở khóa, phần còn lại khóa.",
        discussion: """
        Ví dụ:
          parindex template --framework bo-tieu-chi.yaml --unit NCKSTTHC -o mau-NCKSTTHC.xlsx
          parindex template --framework phu-luc-2023.xlsx --all --out-dir mau/

        Trang tính được bảo vệ để tránh sửa nhầm. Mật khẩu (--password) được lưu theo kiểu băm cũ 16 bit của Excel: chỉ chống sửa nhầm, không phải bảo mật.
        """
    )

    @Option(name: .long, help: "Bộ tiêu chí: tệp .yaml/.json, hoặc bảng phụ lục .xlsx.")
    var framework: String

    @Option(name: .long, help: "Bố cục: tên có sẵn (plan, remediation, assignment, self-assessment) hoặc tệp .yaml (mặc định: bố cục của bộ tiêu chí, nếu không có thì plan).")
    var layout: String?

    @Option(name: .long, help: "Đơn vị: mã, tên hoặc tên gọi khác.")
    var unit: String?

    @Flag(name: .long, help: "Lập biểu mẫu cho mọi đơn vị có chủ trì ít nhất một tiêu chí.")
    var all = false

    @Option(name: .shortAndLong, help: "Tệp .xlsx cần ghi (với --unit).")
    var output: String?

    @Option(name: .customLong("out-dir"), help: "Thư mục ghi các biểu mẫu (với --all); tên tệp theo mã đơn vị, ví dụ mau-NCKSTTHC.xlsx.")
    var outDir: String?

    @Option(name: .long, help: "Mật khẩu bảo vệ trang tính (kiểu băm cũ của Excel: chỉ chống sửa nhầm).")
    var password: String?

    func validate() throws {
        if all {
            guard unit == nil else { throw ValidationError("Dùng --unit hoặc --all, không dùng cả hai.") }
            guard outDir != nil else { throw ValidationError("--all cần --out-dir THƯ_MỤC.") }
            guard output == nil else { throw ValidationError("Với --all, dùng --out-dir thay cho -o.") }
        } else {
            guard unit != nil else { throw ValidationError("Cần --unit ĐƠN_VỊ (hoặc --all --out-dir THƯ_MỤC).") }
            guard output != nil else { throw ValidationError("Cần -o TỆP.xlsx.") }
            guard outDir == nil else { throw ValidationError("--out-dir chỉ dùng với --all.") }
        }
    }

    func run() async throws {
        let context = try CommandContext.load(framework: framework, layout: layout)
        let run = TemplateRun(framework: context.framework, layout: context.layout, password: password)
        let jobs: [TemplateRun.Job]
        if all, let outDir {
            jobs = run.jobsForAllLeadUnits(in: outDir)
            guard !jobs.isEmpty else {
                Console.writeError("parindex: \(framework): không đơn vị nào trong bộ tiêu chí chủ trì tiêu chí nào\n")
                throw ExitCode(2)
            }
            do {
                try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)
            } catch {
                Console.writeError("parindex: \(outDir): không tạo được thư mục\n")
                throw ExitCode(2)
            }
        } else if let unit, let output {
            do { jobs = [try run.job(unitNamed: unit, path: output)] } catch {
                Console.reportUnreadable(unit, error)
                throw ExitCode(2)
            }
        } else { jobs = [] }

        for written in try await run.run(jobs) {
            if let error = written.error {
                Console.writeError("parindex: \(written.errorSubject ?? written.path): \(error)\n")
                throw ExitCode(2)
            }
            print("Đã ghi \(written.path): \(written.unit) (\(written.unitName)), \(written.inputRows ?? 0) tiêu chí chủ trì, bố cục \(context.layout.name).")
        }
    }
}
