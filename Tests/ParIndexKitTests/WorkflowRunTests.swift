import Foundation
import Synchronization
import Testing
import XLSX
@testable import ParIndexKit

/// The runs every front end calls, in process: sources by path or bytes, progress,
/// cancellation, annotation from what was read, Codable results.
struct WorkflowRunTests {
    static let submissions = ExampleWorkflowTests.submissions
    static func example(_ name: String) -> String { (submissions as NSString).appendingPathComponent(name) }

    @Test func validationRunReportsEveryFileInOrderWithProgress() async throws {
        let calls = Atomic<Int>(0)
        let run = ValidationRun(framework: try ExampleWorkflowTests.framework(),
                                options: RunOptions(progress: { _ in calls.add(1, ordering: .relaxed) }))
        let sources = SubmissionSource.expand([Self.submissions])
        let result = try await run.run(sources)
        #expect(result.report.files.map(\.file) == sources.map(\.displayName))
        #expect(calls.load(ordering: .relaxed) == sources.count)
        let byName = Dictionary(uniqueKeysWithValues: result.report.files.map { (($0.file as NSString).lastPathComponent, $0) })
        #expect(byName["VHTT - tu danh gia 2023.xlsx"]?.status == .invalid)
        #expect(byName["mau-TCKH.xlsx"]?.status == .valid)
        #expect(byName["ghi-chu.txt"]?.status == .skipped)
        // The result round-trips through JSON (what a web page receives).
        let decoded = try JSONDecoder().decode(ValidationResult.self, from: Data(try ReportJSON.string(result).utf8))
        #expect(decoded.report.files.map(\.findings) == result.report.files.map(\.findings))
    }

    @Test func bytesSourceIsReadInMemoryAndItsNameNeverBecomesAPath() async throws {
        let dir = try ExampleWorkflowTests.scratch()
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.example("VHTT - tu danh gia 2023.xlsx")))
        let hostileName = "../../khong-duoc-ghi.xlsx"
        let run = ValidationRun(framework: try ExampleWorkflowTests.framework(), annotateInto: dir.path)
        let fromBytes = try await run.run([.bytes(data, name: hostileName)])
        let fromPath = try await run.run([.file(path: Self.example("VHTT - tu danh gia 2023.xlsx"))])
        #expect(fromBytes.report.files[0].file == hostileName)
        #expect(fromBytes.report.files[0].findings.map(\.rule) == fromPath.report.files[0].findings.map(\.rule))
        #expect(fromBytes.report.files[0].findings.allSatisfy { $0.file == hostileName })
        // The annotated copy is named by position inside the folder, not by the client's name.
        #expect(fromBytes.annotatedCopies.map(\.path) == [dir.appendingPathComponent("tai-len-1 - kiem tra.xlsx").path])
        #expect(!FileManager.default.fileExists(atPath: dir.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("khong-duoc-ghi - kiem tra.xlsx").path))
        let copy = try XLSXReader(path: fromBytes.annotatedCopies[0].path!)
        #expect(copy.sheets.first?.name == AnnotatedCopy.findingsSheet)
    }

    @Test func consolidationRunMatchesConsolidatingCheckedFiles() async throws {
        let fw = try ExampleWorkflowTests.framework()
        let layout = try LayoutLibrary.load(LayoutLibrary.defaultName(for: fw))
        let sources = SubmissionSource.expand([Self.submissions])
        let run = ConsolidationRun(framework: fw, layout: layout)
        let fromFiles = try await run.run(sources)
        let checker = FileChecker(framework: fw, layout: layout)
        let checked = sources.map { checker.check($0).file }
        let fromChecked = run.consolidate(checked.map { ConsolidationRun.Input(file: $0) })
        #expect(fromFiles.consolidation.rows.map(\.values) == fromChecked.consolidation.rows.map(\.values))
        #expect(fromFiles.figures == fromChecked.figures)
        #expect(fromFiles.figures.files == sources.count)
        #expect(fromFiles.figures.unitsNotSubmitted.contains("CNVPDKDD"))
        // Checked files survive JSON (the campaign store keeps them so).
        let again = try checked.map { try JSONDecoder().decode(CheckedFile.self, from: JSONEncoder().encode($0)) }
        #expect(again.map(\.rows) == checked.map(\.rows))
    }

    @Test func cancellingTheCallingTaskStopsTheRun() async throws {
        let dir = try ExampleWorkflowTests.scratch()
        let source = Self.example("Phong Noi vu - tu cham 2023.xlsx")
        var sources: [SubmissionSource] = []
        for i in 0..<400 {
            let path = dir.appendingPathComponent("f\(i).xlsx").path
            try FileManager.default.linkItem(atPath: source, toPath: path)
            sources.append(.file(path: path))
        }
        let done = Atomic<Int>(0)
        // Cancelled from the progress callback (a worker thread) after five files, so a
        // busy test pool cannot delay the cancellation until the run is over.
        let handle = Mutex<Task<ValidationResult, any Error>?>(nil)
        let run = ValidationRun(framework: try ExampleWorkflowTests.framework(),
                                options: RunOptions(progress: { _ in
                                    if done.add(1, ordering: .relaxed).newValue == 5 { handle.withLock { $0?.cancel() } }
                                }))
        let all = sources
        let task = Task { try await run.run(all) }
        handle.withLock { $0 = task }
        if done.load(ordering: .relaxed) >= 5 { task.cancel() }
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(done.load(ordering: .relaxed) < sources.count)
    }

    @Test func templateRunWritesOneTemplatePerLeadUnit() async throws {
        let dir = try ExampleWorkflowTests.scratch()
        let fw = try ExampleWorkflowTests.framework()
        let run = TemplateRun(framework: fw, layout: try LayoutLibrary.load(LayoutLibrary.defaultName(for: fw)))
        let written = try await run.run(run.jobsForAllLeadUnits(in: dir.path))
        #expect(written.count == 7 && written.allSatisfy { $0.error == nil })
        for w in written { #expect(try Submission.read(path: w.path).identity?.unitCode == w.unit) }
    }
}

/// A source read whole (for hashing) is bounded by `ReadLimits.maxFileBytes` before any of
/// its bytes are read.
@Suite("Submission source size bound")
struct SubmissionSourceLimitTests {
    @Test func fileAndBytesOverTheLimitAreRefusedBySize() throws {
        let dir = try ExampleWorkflowTests.scratch()
        let path = dir.appendingPathComponent("lon.xlsx").path
        try Data(repeating: 0x50, count: 5_000).write(to: URL(fileURLWithPath: path))
        var limits = ReadLimits.default
        limits.maxFileBytes = 4_096
        #expect(throws: XLSXError.fileTooLarge(limit: "4 KiB")) { try SubmissionSource.file(path: path).data(limits: limits) }
        #expect(throws: XLSXError.fileTooLarge(limit: "4 KiB")) {
            try SubmissionSource.bytes(Data(count: 4_097), name: "tai-len.xlsx").data(limits: limits)
        }
        limits.maxFileBytes = 5_000
        #expect(try SubmissionSource.file(path: path).data(limits: limits).count == 5_000)
        #expect(XLSXError.fileTooLarge(limit: "4 KiB").message.hasPrefix("tệp lớn quá giới hạn cho phép (4 KiB)"))
    }

    @Test func missingFileIsCannotOpen() {
        #expect(throws: XLSXError.self) { try SubmissionSource.file(path: "/nonexistent/x.xlsx").data() }
    }
}
