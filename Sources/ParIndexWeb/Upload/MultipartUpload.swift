import Foundation
import Hummingbird
import MultipartKit
import NIOCore

/// One file from a multipart request: the name the browser showed (for display only), its
/// bytes, or the reason it was not kept.
public struct UploadedFile: Sendable {
    /// The field it came in (`files`, `framework`…).
    public var field: String
    /// The browser's file name reduced to a last path component, NFC: shown, escaped, never
    /// used as a path.
    public var displayName: String
    /// The content, when within the size limit.
    public var bytes: [UInt8]
    /// Set when the file was over the size limit (its bytes were drained, not kept).
    public var tooLarge: Bool
    /// The size as sent.
    public var size: Int

    public init(field: String, displayName: String, bytes: [UInt8], tooLarge: Bool = false, size: Int? = nil) {
        self.field = field; self.displayName = displayName; self.bytes = bytes
        self.tooLarge = tooLarge; self.size = size ?? bytes.count
    }
}

/// A parsed multipart/form-data body: text fields and files, within ``UploadLimits``.
public struct MultipartUpload: Sendable {
    public var fields: [String: String] = [:]
    public var files: [UploadedFile] = []

    /// Why a request is refused as a whole.
    public enum Refusal: Error, Sendable {
        case notMultipart
        case tooManyFiles(Int)
        case requestTooLarge(Int)
        case malformed

        /// The Vietnamese sentence shown for it.
        public var message: String {
            switch self {
            case .notMultipart: "yêu cầu không phải biểu mẫu tải tệp (multipart/form-data)"
            case .tooManyFiles(let n): "mỗi lần chỉ gửi được tối đa \(n) tệp; hãy chia thành nhiều lần"
            case .requestTooLarge(let n): "tổng dung lượng gửi một lần vượt \(n >> 20) MiB"
            case .malformed: "dữ liệu tải lên bị hỏng hoặc không đầy đủ"
            }
        }
    }

    /// Reads the request body chunk by chunk: memory stays within the limits whatever the
    /// client sends.
    public static func read(_ request: Request, limits: UploadLimits) async throws -> MultipartUpload {
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data"),
              let boundary = boundary(of: type) else { throw Refusal.notMultipart }
        let collector = Collector(limits: limits)
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { collector.header($0, $1) }
        parser.onBody = { collector.body(&$0) }
        parser.onPartComplete = { collector.complete() }
        var total = 0
        for try await chunk in request.body {
            total += chunk.readableBytes
            if total > limits.maxRequestBytes { throw Refusal.requestTooLarge(limits.maxRequestBytes) }
            do { try parser.execute(chunk) } catch { throw Refusal.malformed }
            if let refusal = collector.refusal { throw refusal }
        }
        guard collector.finished else { throw Refusal.malformed }
        return collector.result
    }

    static func boundary(of contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value.isEmpty || value.count > 200 ? nil : value
        }
        return nil
    }

    /// `C:\fakepath\a.xlsx` → `a.xlsx`; control characters dropped; NFC; at most 200 characters.
    static func displayName(_ raw: String) -> String {
        let last = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(String.UnicodeScalarView(last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
        let name = String(clean.precomposedStringWithCanonicalMapping.prefix(200))
        return name.isEmpty ? "(không tên)" : name
    }

    /// Parameters of a `Content-Disposition` header: `name`, `filename`.
    static func dispositionParameters(_ value: String) -> [String: String] {
        var out: [String: String] = [:]
        var rest = Substring(value)
        while let semi = rest.firstIndex(of: ";") {
            rest = rest[rest.index(after: semi)...].drop(while: { $0 == " " })
            guard let eq = rest.firstIndex(of: "=") else { break }
            let key = rest[..<eq].lowercased()
            var after = rest[rest.index(after: eq)...]
            var val = ""
            if after.first == "\"" {
                after = after.dropFirst()
                var escaped = false
                var end = after.endIndex
                for i in after.indices {
                    let c = after[i]
                    if escaped { val.append(c); escaped = false } else if c == "\\" { escaped = true }
                    else if c == "\"" { end = i; break } else { val.append(c) }
                }
                rest = end < after.endIndex ? after[after.index(after: end)...] : after[after.endIndex...]
            } else {
                let end = after.firstIndex(of: ";") ?? after.endIndex
                val = String(after[..<end])
                rest = after[end...]
            }
            out[key] = val
        }
        if let star = out["filename*"], let tick = star.range(of: "''") {
            out["filename"] = String(star[tick.upperBound...]).removingPercentEncoding ?? out["filename"]
        }
        return out
    }

    /// Accumulates parts as the parser reports them (used on one task only).
    private final class Collector {
        let limits: UploadLimits
        var result = MultipartUpload()
        var refusal: Refusal?
        var finished = false
        private var inPart = false
        private var headers: [String: String] = [:]
        private var bytes: [UInt8] = []
        private var size = 0

        init(limits: UploadLimits) { self.limits = limits }

        /// The size cap of the current part, decided once from its headers (the parser
        /// calls `body` for every run of bytes between carriage returns).
        private var cap: Int?

        func header(_ name: String, _ value: String) {
            if !inPart { inPart = true; headers = [:]; bytes = []; size = 0; cap = nil; finished = false }
            headers[name.lowercased()] = value
        }

        private var disposition: [String: String] { dispositionParameters(headers["content-disposition"] ?? "") }

        func body(_ buffer: inout ByteBuffer) {
            if !inPart { inPart = true; headers = [:]; bytes = []; size = 0; cap = nil }
            let limit: Int
            if let cap { limit = cap } else {
                limit = disposition["filename"] != nil ? limits.maxFileBytes : UploadLimits.maxFieldBytes
                cap = limit
            }
            let n = buffer.readableBytes
            size += n
            if size <= limit { buffer.readWithUnsafeReadableBytes { bytes.append(contentsOf: $0); return $0.count } }
            else { buffer.moveReaderIndex(forwardBy: n) }
        }

        func complete() {
            defer { inPart = false; cap = nil; finished = true }
            let params = disposition
            let field = params["name"] ?? ""
            if let filename = params["filename"] {
                // An empty file input sends a part with an empty name and no bytes: not a file.
                if filename.isEmpty && size == 0 { return }
                if result.files.count >= limits.maxFiles { refusal = .tooManyFiles(limits.maxFiles); return }
                let tooLarge = size > limits.maxFileBytes
                result.files.append(UploadedFile(field: field, displayName: displayName(filename),
                                                 bytes: tooLarge ? [] : bytes, tooLarge: tooLarge, size: size))
            } else if size <= UploadLimits.maxFieldBytes {
                result.fields[field] = String(decoding: bytes, as: UTF8.self)
            }
        }
    }
}
