import Foundation
import Synchronization
import XLSX

/// A compact, versioned binary form of ``CheckedFile`` — what the campaign store and the
/// result cache keep for every file — written and read by hand, without Codable or JSON
/// in the hot path (decoding 1,000 stored files with `JSONDecoder` took longer than
/// reading the workbooks again).
///
/// Layout (version 1): the magic `PXC` and a version byte, then the fields of
/// ``CheckedFile`` in declaration order. Integers are LEB128 varints (signed ones
/// zigzag-encoded), doubles their 8-byte IEEE bit pattern (little-endian), so every value
/// comes back bit for bit. Strings go through a table local to the blob: `0` is nil, `1`
/// a new string (varint length, UTF-8 bytes) appended to the table, `k + 2` the table's
/// `k`-th string — a file name, sheet name or role repeated on every finding and row
/// costs one byte (``CompactBinary``: the encoder looks up only short strings, by bytes). Enums are written by their raw value (a string), so adding a case
/// never shifts the meaning of stored data. The rare nested ``Layout`` of a template
/// identity is kept as its JSON text and decoded once per distinct text (memoised).
///
/// Decoding never traps: truncated or corrupt input throws ``CheckedFileCodec/Corrupt``.
public enum CheckedFileCodec {
    /// The format version written by ``encode(_:)``.
    public static let version: UInt8 = 1
    static let magic: [UInt8] = Array("PXC".utf8)

    /// The input is not a blob this codec wrote (truncated, corrupt, or a newer version).
    public struct Corrupt: Error, CustomStringConvertible, Sendable {
        public var description: String { "dữ liệu đã lưu bị hỏng" }
    }

    /// The binary form of `file`.
    public static func encode(_ file: CheckedFile) -> [UInt8] {
        var w = CompactWriter()
        w.bytes.reserveCapacity(256 + file.rows.count * 48 + file.findings.count * 96)
        w.bytes.append(contentsOf: magic)
        w.bytes.append(version)
        w.string(file.file)
        w.string(file.status.rawValue)
        w.string(file.reason)
        w.string(file.unit)
        w.string(file.sheet)
        if let id = file.identity {
            w.uint(1)
            w.string(id.frameworkTitle); w.string(id.frameworkHash); w.optionalInt(id.year)
            w.string(id.unitCode); w.string(id.unitName); w.string(id.layout)
            w.string(id.layoutDefinition.map(layoutJSON))
            w.string(id.generator)
        } else {
            w.uint(0)
        }
        w.uint(UInt64(file.findings.count))
        for f in file.findings {
            w.string(f.severity.rawValue); w.string(f.rule.rawValue); w.string(f.file); w.string(f.sheet)
            if let cell = f.cell { w.uint(1); w.uint(UInt64(cell.row)); w.uint(UInt64(cell.column)) } else { w.uint(0) }
            w.string(f.code); w.string(f.message); w.string(f.found); w.string(f.expected)
        }
        w.uint(UInt64(file.rows.count))
        for row in file.rows {
            w.int(row.row)
            switch row.fate {
            case .criterion(let id): w.uint(0); w.string(id)
            case .unknown(let code): w.uint(1); w.string(code)
            case .duplicate(let code, let first): w.uint(2); w.string(code); w.int(first)
            case .skipped(let reason): w.uint(3); w.string(reason)
            case .explanation(let of, let r, let text): w.uint(4); w.string(of); w.int(r); w.string(text)
            case .hiddenStale(let code, let visible): w.uint(5); w.string(code); w.int(visible)
            }
            w.uint(UInt64(row.values.count))
            // Sorted by role, so equal rows give equal bytes (dictionary order varies).
            for role in ColumnRole.allCases {
                guard let value = row.values[role] else { continue }
                w.string(role.rawValue, slot: role.ordinal)
                switch value {
                case .number(let n): w.uint(0); w.double(n)
                case .ambiguous(let n, let original): w.uint(1); w.double(n); w.string(original)
                case .text(let s): w.uint(2); w.string(s)
                case .notApplicable(let s): w.uint(3); w.string(s)
                }
            }
        }
        if let v = file.version {
            w.uint(1)
            if let m = v.modified { w.uint(1); w.double(m) } else { w.uint(0) }
            w.int(v.resubmission); w.string(v.name)
        } else {
            w.uint(0)
        }
        return w.bytes
    }

    /// Reads a blob written by ``encode(_:)``; throws ``Corrupt`` on anything else.
    public static func decode(_ bytes: some ContiguousBytes) throws -> CheckedFile {
        do {
            return try bytes.withUnsafeBytes { raw in try decode(raw) }
        } catch is CompactBinary.Malformed {
            throw Corrupt()
        }
    }

    private static func decode(_ raw: UnsafeRawBufferPointer) throws -> CheckedFile {
        guard raw.count >= 4, raw[0] == magic[0], raw[1] == magic[1], raw[2] == magic[2], raw[3] == version else {
            throw Corrupt()
        }
        var r = CompactReader(raw, at: 4)
        let name = try r.required()
        guard let status = FileStatus(rawValue: try r.required()) else { throw Corrupt() }
        var file = CheckedFile(file: name, status: status, reason: try r.string(), unit: try r.string(), sheet: try r.string())
        if try r.flag() {
            let title = try r.required(), hash = try r.required(), year = try r.optionalInt()
            let unitCode = try r.required(), unitName = try r.required(), layoutName = try r.required()
            let definition = try r.string().map(layout)
            file.identity = TemplateIdentity(frameworkTitle: title, frameworkHash: hash, year: year, unitCode: unitCode,
                                             unitName: unitName, layout: layoutName, layoutDefinition: definition,
                                             generator: try r.required())
        }
        let findings = try r.count()
        file.findings.reserveCapacity(findings)
        for _ in 0..<findings {
            guard let severity = Severity(rawValue: try r.required()), let rule = RuleID(rawValue: try r.required()) else {
                throw Corrupt()
            }
            let path = try r.required(), sheet = try r.string()
            var cell: CellReference?
            if try r.flag() {
                let row = try r.smallUInt(), column = try r.smallUInt()
                cell = CellReference(row: row, column: column)
            }
            file.findings.append(Finding(rule: rule, file: path, sheet: sheet, cell: cell, code: try r.string(),
                                         message: try r.required(), found: try r.string(), expected: try r.string(),
                                         severity: severity))
        }
        let rows = try r.count()
        file.rows.reserveCapacity(rows)
        for _ in 0..<rows {
            let number = try r.int()
            let fate: RowFate
            switch try r.uint() {
            case 0: fate = .criterion(id: try r.required())
            case 1: fate = .unknown(code: try r.required())
            case 2: fate = .duplicate(code: try r.required(), firstRow: try r.int())
            case 3: fate = .skipped(reason: try r.required())
            case 4: fate = .explanation(of: try r.required(), row: try r.int(), text: try r.required())
            case 5: fate = .hiddenStale(code: try r.required(), visibleRow: try r.int())
            default: throw Corrupt()
            }
            let count = try r.count()
            var values: [ColumnRole: ScoreValue] = [:]
            values.reserveCapacity(count)
            for _ in 0..<count {
                guard let role = ColumnRole(rawValue: try r.required()) else { throw Corrupt() }
                switch try r.uint() {
                case 0: values[role] = .number(try r.double())
                case 1: values[role] = .ambiguous(try r.double(), original: try r.required())
                case 2: values[role] = .text(try r.required())
                case 3: values[role] = .notApplicable(try r.required())
                default: throw Corrupt()
                }
            }
            file.rows.append(ExtractedRow(row: number, fate: fate, values: values))
        }
        if try r.flag() {
            let modified: Double? = try r.flag() ? try r.double() : nil
            file.version = SubmissionVersion(modified: modified, resubmission: try r.int(), name: try r.required())
        }
        guard r.isAtEnd else { throw Corrupt() }
        return file
    }

    // MARK: - Nested layouts (JSON, memoised by text)

    private static let layouts = Mutex<[String: Layout]>([:])
    private static let layoutTexts = Mutex<[Layout: String]>([:])

    /// The sorted-key JSON of a layout (memoised).
    static func layoutJSON(_ layout: Layout) -> String {
        if let text = layoutTexts.withLock({ $0[layout] }) { return text }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: (try? encoder.encode(layout)) ?? Data(), as: UTF8.self)
        layoutTexts.withLock { if $0.count < 64 { $0[layout] = text } }
        return text
    }

    private static func layout(_ text: String) throws -> Layout {
        if let layout = layouts.withLock({ $0[text] }) { return layout }
        guard let layout = try? JSONDecoder().decode(Layout.self, from: Data(text.utf8)) else { throw Corrupt() }
        layouts.withLock { if $0.count < 64 { $0[text] = layout } }
        return layout
    }
}
