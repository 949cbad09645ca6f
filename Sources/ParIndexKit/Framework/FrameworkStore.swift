import Foundation
import Synchronization
import Yams

/// Why a framework or layout file could not be loaded or saved.
public struct FrameworkFileError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let reason: String
    public var description: String { reason }
}

/// Loads and saves frameworks as YAML (`.yaml`, `.yml`) or JSON (`.json`).
public enum FrameworkStore {
    /// Loads a framework file; with a `cache`, a file parsed before (same bytes) is taken
    /// from it and a newly parsed one is stored there.
    public static func load(path: String, cache: FrameworkCache? = nil) throws -> Framework {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw FrameworkFileError(path: path, reason: "không đọc được tệp bộ tiêu chí")
        }
        guard let cache else { return try decode(data, path: path) }
        return try cache.framework(for: data, kind: isJSON(path) ? "json" : "yaml") { try decode(data, path: path) }
    }

    private static func isJSON(_ path: String) -> Bool { path.lowercased().hasSuffix(".json") }

    private static func decode(_ data: Data, path: String) throws -> Framework {
        do {
            if isJSON(path) {
                return try JSONDecoder().decode(Framework.self, from: data)
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw FrameworkFileError(path: path, reason: "tệp bộ tiêu chí không phải văn bản UTF-8")
            }
            return try YAMLDecoder().decode(Framework.self, from: text)
        } catch let error as FrameworkFileError {
            throw error
        } catch {
            throw FrameworkFileError(path: path, reason: "tệp bộ tiêu chí sai cấu trúc (\(Self.describe(error)))")
        }
    }

    /// The framework as YAML text.
    public static func yaml(_ framework: Framework) throws -> String {
        let encoder = YAMLEncoder()
        encoder.options.allowUnicode = true
        encoder.options.width = -1
        encoder.options.sortKeys = false
        return try encoder.encode(framework)
    }

    /// Writes atomically (temporary file in the same folder, then rename).
    public static func save(_ framework: Framework, to path: String) throws {
        let text: String
        if path.lowercased().hasSuffix(".json") {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            text = String(decoding: try encoder.encode(framework), as: UTF8.self) + "\n"
        } else {
            text = try yaml(framework)
        }
        try AtomicFile.write(Data(text.utf8), to: path)
    }

    /// A short fingerprint of the framework's content, written into templates so a returned
    /// file can be matched to the framework version it was made from.
    public static func versionHash(_ framework: Framework) -> String {
        if let known = knownHashes.withLock({ $0.first { $0.framework == framework }?.hash }) { return known }
        let hash = computeVersionHash(framework)
        rememberVersionHash(hash, of: framework)
        return hash
    }

    /// The last frameworks hashed in this process (a run hashes the same framework in
    /// several places; comparing a copy of a framework with itself is quick, since its
    /// arrays and strings share storage, where encoding it to JSON is not).
    private static let knownHashes = Mutex<[(framework: Framework, hash: String)]>([])

    /// Records `hash` as `framework`'s version hash (a cache entry's, computed when stored).
    static func rememberVersionHash(_ hash: String, of framework: Framework) {
        knownHashes.withLock { known in
            known.removeAll { $0.framework == framework }
            known.insert((framework, hash), at: 0)
            if known.count > 4 { known.removeLast() }
        }
    }

    static func computeVersionHash(_ framework: Framework) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(framework)) ?? Data()
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 // FNV-1a 64
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    private static func describe(_ error: any Error) -> String {
        if case DecodingError.keyNotFound(let key, let ctx) = error {
            return "thiếu trường \"\(key.stringValue)\" tại \(ctx.codingPath.map(\.stringValue).joined(separator: "."))"
        }
        if case DecodingError.typeMismatch(_, let ctx) = error {
            return "sai kiểu dữ liệu tại \(ctx.codingPath.map(\.stringValue).joined(separator: "."))"
        }
        return "\(error)"
    }
}

extension FrameworkStore {
    /// A framework from a framework file (`.yaml`, `.yml`, `.json`) or directly from an
    /// appendix workbook (`.xlsx`), as every command's `--framework` accepts.
    public static func loadAny(path: String, cache: FrameworkCache? = nil) throws -> Framework {
        if path.lowercased().hasSuffix(".xlsx") {
            // The import records the file's name as the framework's source: part of the key.
            if let cache, let data = FileManager.default.contents(atPath: path) {
                return try cache.framework(for: data, kind: "xlsx:" + URL(fileURLWithPath: path).lastPathComponent) {
                    try FrameworkImporter().importWorkbook(path: path).framework
                }
            }
            return try FrameworkImporter().importWorkbook(path: path).framework
        }
        return try load(path: path, cache: cache)
    }
}
