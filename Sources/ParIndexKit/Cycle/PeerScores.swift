import Foundation
import XLSX

/// Self-assessments of peer units (one file per unit on the whole framework, such as the
/// communes of a district), read to be ranked together by `results`.
public struct PeerScores: Sendable {
    /// The sheets read, in the order of the paths.
    public var sheets: [ScoreSheet]
    /// Files that could not be read, with the reason (Vietnamese), in order.
    public var unreadable: [(path: String, reason: String)]

    /// Reads every path; a sheet without an entity is named after the unit its file
    /// belongs to (template identity or inferred), else after the file name.
    public static func load(paths: [String], framework: Framework, limits: ReadLimits = .default) -> PeerScores {
        var result = PeerScores(sheets: [], unreadable: [])
        let directory = UnitDirectory(units: framework.units)
        for path in paths {
            do {
                var sheet = try ScoreSheetReader.load(path: path, framework: framework, limits: limits)
                if sheet.entity == nil {
                    sheet.entity = (try? Submission.read(path: path, limits: limits))?.unit(in: directory)?.name
                        ?? (path as NSString).lastPathComponent
                }
                result.sheets.append(sheet)
            } catch {
                result.unreadable.append((path, FileChecker.describe(error)))
            }
        }
        return result
    }
}
