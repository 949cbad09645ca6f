import Foundation

/// The one JSON style of every machine-readable output (`validate --json`,
/// `inspect --json`, `campaign status --json`, the web API): keys sorted so outputs diff
/// cleanly, slashes unescaped, dates as ISO 8601; pretty-printed, except the streamed
/// listings of `inspect`, which are compact with one row per line.
public enum ReportJSON {
    /// A configured encoder.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// The same style on one line (keys sorted, slashes unescaped, ISO 8601 dates): the
    /// encoding `inspect --json` streams (see ``WorkbookListing``), too long to indent.
    public static func compactEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// The value as JSON text.
    public static func string(_ value: some Encodable) throws -> String {
        String(decoding: try encoder().encode(value), as: UTF8.self)
    }
}
