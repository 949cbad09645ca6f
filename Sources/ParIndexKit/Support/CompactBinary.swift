import Foundation

/// The primitives of our compact binary forms (``CheckedFileCodec``, ``FrameworkCodec``):
/// LEB128 varints (signed ones zigzag-encoded), doubles as their 8-byte IEEE bit pattern
/// (little-endian), and strings through a table local to the blob: `0` is nil, `1` a new
/// string (varint length, UTF-8 bytes) appended to the table, `k + 2` the table's `k`-th
/// string.
///
/// The writer keys its table by the strings' UTF-8 bytes (Swift's own `String` hashing
/// normalises to NFC first, which cost more than the rest of the encoding), and only
/// strings of at most ``CompactWriter/internedLength`` bytes are looked up: longer texts
/// (titles, messages) are rarely repeated and are written whole, though they still take
/// their place in the table so both sides count alike.
enum CompactBinary {
    /// Truncated or malformed input.
    struct Malformed: Error {}
}

/// A string hashed and compared by its UTF-8 bytes (canonically equivalent texts with
/// other bytes are other keys, so each comes back with its very bytes).
struct UTF8Key: Hashable {
    let text: String

    func hash(into hasher: inout Hasher) {
        var copy = text
        copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    static func == (a: UTF8Key, b: UTF8Key) -> Bool {
        a.text.utf8.count == b.text.utf8.count && a.text.utf8.elementsEqual(b.text.utf8)
    }
}

struct CompactWriter {
    var bytes: [UInt8] = []
    private var table: [UTF8Key: UInt64] = [:]
    private var tableCount: UInt64 = 0
    /// Longer strings are written whole every time (see ``CompactBinary``).
    static let internedLength = 64

    mutating func uint(_ value: UInt64) {
        var v = value
        while v >= 0x80 { bytes.append(UInt8(truncatingIfNeeded: v) | 0x80); v >>= 7 }
        bytes.append(UInt8(v))
    }
    mutating func int(_ value: Int) {
        let v = Int64(value)
        uint(UInt64(bitPattern: (v << 1) ^ (v >> 63)))
    }
    mutating func optionalInt(_ value: Int?) {
        if let value { uint(1); int(value) } else { uint(0) }
    }
    mutating func flag(_ value: Bool) { uint(value ? 1 : 0) }
    mutating func double(_ value: Double) {
        var bits = value.bitPattern.littleEndian
        withUnsafeBytes(of: &bits) { bytes.append(contentsOf: $0) }
    }
    mutating func optionalDouble(_ value: Double?) {
        if let value { uint(1); double(value) } else { uint(0) }
    }
    /// The table index of the strings written through ``string(_:slot:)``, by slot.
    private var slots: [UInt64] = []

    /// A string of a small fixed set (an enum's raw value), `slot` naming it (0 ..< 64):
    /// the same bytes ``string(_:)`` writes, its table entry remembered by slot instead of
    /// looked up by hashing on every use.
    mutating func string(_ value: String, slot: Int) {
        if slot < slots.count, slots[slot] != .max { uint(slots[slot] + 2); return }
        let index = tableIndex(of: value)
        string(value)
        if slots.count <= slot { slots.append(contentsOf: repeatElement(.max, count: slot + 1 - slots.count)) }
        slots[slot] = index ?? tableCount - 1
    }

    /// The table index `value` already has, if looked up and present.
    private func tableIndex(of value: String) -> UInt64? {
        value.utf8.count <= Self.internedLength ? table[UTF8Key(text: value)] : nil
    }

    mutating func string(_ value: String?) {
        guard var value else { uint(0); return }
        let short = value.utf8.count <= Self.internedLength
        if short, let k = table[UTF8Key(text: value)] { uint(k + 2); return }
        if short { table[UTF8Key(text: value)] = tableCount }
        tableCount += 1
        uint(1)
        value.withUTF8 { utf8 in uint(UInt64(utf8.count)); bytes.append(contentsOf: utf8) }
    }
}

struct CompactReader {
    let raw: UnsafeRawBufferPointer
    var at = 0
    private var table: [String] = []
    init(_ raw: UnsafeRawBufferPointer, at: Int = 0) { self.raw = raw; self.at = at }

    var isAtEnd: Bool { at == raw.count }

    mutating func uint() throws -> UInt64 {
        var result: UInt64 = 0, shift: UInt64 = 0
        while true {
            guard at < raw.count, shift < 64 else { throw CompactBinary.Malformed() }
            let byte = raw[at]
            at += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
    }
    mutating func int() throws -> Int {
        let v = try uint()
        return Int(truncatingIfNeeded: Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1))))
    }
    mutating func optionalInt() throws -> Int? { try flag() ? try int() : nil }
    mutating func flag() throws -> Bool {
        switch try uint() {
        case 0: return false
        case 1: return true
        default: throw CompactBinary.Malformed()
        }
    }
    /// A count of items still to read: never more than the bytes left (each item takes one at least).
    mutating func count() throws -> Int {
        let n = try uint()
        guard n <= UInt64(raw.count - at) else { throw CompactBinary.Malformed() }
        return Int(n)
    }
    mutating func smallUInt() throws -> Int {
        let n = try uint()
        guard n <= UInt64(Int32.max) else { throw CompactBinary.Malformed() }
        return Int(n)
    }
    mutating func double() throws -> Double {
        guard raw.count - at >= 8 else { throw CompactBinary.Malformed() }
        var bits: UInt64 = 0
        withUnsafeMutableBytes(of: &bits) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[at..<at + 8])) }
        at += 8
        return Double(bitPattern: UInt64(littleEndian: bits))
    }
    mutating func optionalDouble() throws -> Double? { try flag() ? try double() : nil }
    mutating func string() throws -> String? {
        let tag = try uint()
        switch tag {
        case 0: return nil
        case 1:
            let length = try count()
            let s = String(decoding: UnsafeRawBufferPointer(rebasing: raw[at..<at + length]), as: UTF8.self)
            at += length
            table.append(s)
            return s
        default:
            guard tag - 2 < UInt64(table.count) else { throw CompactBinary.Malformed() }
            return table[Int(tag - 2)]
        }
    }
    mutating func required() throws -> String {
        guard let s = try string() else { throw CompactBinary.Malformed() }
        return s
    }
}
