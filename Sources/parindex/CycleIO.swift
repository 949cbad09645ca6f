import ArgumentParser
import Foundation
import ParIndexKit
import ParIndexStore

/// Loading and writing with the one-line errors of the README.
enum CycleIO {
    /// True when `path` is a campaign (a folder holding `campaign.sqlite`, or a `.parindex` file).
    static func isCampaign(_ path: String) -> Bool {
        let ext = (path as NSString).pathExtension.lowercased()
        if ext == "parindex" || ext == "sqlite" { return true }
        return FileManager.default.fileExists(atPath: CampaignStore.databasePath(for: path))
    }

    /// The framework and the scores of `result`: a campaign (its framework, consolidation
    /// and latest appraisal) or a file read against `framework`; then `appraisal` applied.
    static func load(_ result: String, framework: String?, appraisal: String?,
                     limits: LimitOptions) throws -> (Framework, AppraisedScores) {
        if isCampaign(result) {
            let store = try CampaignOpener.open(result)
            var fw = store.framework
            if let framework { fw = try CommandContext.load(framework: framework, layout: nil).framework }
            var scores: AppraisedScores
            do { scores = try store.cycleScores() } catch {
                Console.reportUnreadable(result, error)
                throw ExitCode(2)
            }
            if let appraisal { scores = try apply(appraisal, to: scores, framework: fw, limits: limits) }
            return (fw, scores)
        }
        guard let framework else {
            throw ValidationError("Cần --framework BỘ_TIÊU_CHÍ (chỉ bỏ được khi kết quả là một đợt thu thập).")
        }
        let fw = try CommandContext.load(framework: framework, layout: nil).framework
        return (fw, try scores(result, appraisal: appraisal, framework: fw, limits: limits))
    }

    static func scores(_ path: String, appraisal: String?, framework: Framework,
                       limits: LimitOptions) throws -> AppraisedScores {
        let loaded: AppraisedScores
        do {
            loaded = try AppraisedScores.load(path: path, framework: framework, limits: limits.readLimits)
        } catch {
            Console.reportUnreadable(path, error)
            throw ExitCode(2)
        }
        guard let appraisal else { return loaded }
        return try apply(appraisal, to: loaded, framework: framework, limits: limits)
    }

    static func apply(_ appraisal: String, to scores: AppraisedScores, framework: Framework,
                      limits: LimitOptions) throws -> AppraisedScores {
        do {
            return scores.applying(try AppraisalReader.read(path: appraisal, framework: framework, limits: limits.readLimits))
        } catch {
            Console.reportUnreadable(appraisal, error)
            throw ExitCode(2)
        }
    }

    /// Runs `body` (which writes `path`) after creating the folder; errors in one line, exit 2.
    static func writing<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            return try body()
        } catch {
            Console.reportUnreadable(path, error)
            throw ExitCode(2)
        }
    }

    /// Writes a Codable value as pretty JSON, atomically.
    static func writeJSON<T: Encodable>(_ value: T, to path: String) throws {
        try writing(path) {
            try AtomicFile.write(try ReportJSON.encoder().encode(value) + Data("\n".utf8), to: path)
        }
    }
}
