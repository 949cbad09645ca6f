import Foundation

/// When a return was made, to tell which of two returns of one unit is the later one
/// (`… lần 1`, `… lần 2 (bổ sung)`) with plain files. The one place that decides
/// precedence between plain files: ``isLater(than:)``. (A campaign store decides by the
/// version it received instead.)
///
/// Order: the file's modification time (whole seconds), then the resubmission number in
/// the name (`lần 2` > `lần 1` > none), then the name itself. The template identity
/// carries no date, so it does not take part.
public struct SubmissionVersion: Codable, Hashable, Sendable {
    /// Seconds since 1970 of the file's last modification; nil when unknown.
    public var modified: Double?
    /// `N` of `lần N` in the file name; 0 when absent.
    public var resubmission: Int
    /// The file name (last path component).
    public var name: String

    public init(modified: Double?, resubmission: Int, name: String) {
        self.modified = modified; self.resubmission = resubmission; self.name = name
    }

    /// A return known by its name only (an upload).
    public init(name: String) {
        self.init(modified: nil, resubmission: Self.resubmissionNumber(in: name), name: name)
    }

    /// The version of a file on disk: its modification time and name.
    public init(path: String) {
        // `lstat` as `FileManager.attributesOfItem` does (a link's own time), without
        // building its dictionary of every attribute (a few percent of `validate`).
        var info = stat()
        let modified: Double? = lstat(path, &info) == 0
            ? (Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1_000_000_000).rounded(.down) : nil
        let name = (path as NSString).lastPathComponent
        self.init(modified: modified, resubmission: Self.resubmissionNumber(in: name), name: name)
    }

    /// True when this return replaces `other` (both of one unit).
    public func isLater(than other: SubmissionVersion) -> Bool {
        if let a = modified, let b = other.modified, a != b { return a > b }
        if resubmission != other.resubmission { return resubmission > other.resubmission }
        return name.compare(other.name, options: [.numeric, .caseInsensitive]) == .orderedDescending
    }

    /// `N` in `lần N`, `lan N`, `L N`-free forms such as `lan2`, `(lần 3)`; 0 when absent.
    static func resubmissionNumber(in name: String) -> Int {
        let key = TextNormalizer.foldKey((name as NSString).deletingPathExtension)
        var best = 0
        var search = key[...]
        while let range = search.range(of: "lan") {
            let before = search[..<range.lowerBound].last
            var rest = search[range.upperBound...].drop { $0 == " " || $0 == "_" || $0 == "-" || $0 == "." }
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            if (before == nil || !(before!.isLetter)), !digits.isEmpty, digits.count <= 3, let n = Int(digits) {
                best = max(best, n)
            }
            rest = search[range.upperBound...]
            search = rest
        }
        return best
    }
}
