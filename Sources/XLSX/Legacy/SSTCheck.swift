/// Follows libfreexl 1.0.6's reading of the shared-string table (`SST` and its `CONTINUE`
/// records) position by position, and reports the first place it would read outside the
/// record it holds.
///
/// libfreexl adds each string's rich-text run count × 4 and phonetic-block size, both from
/// the file, to its read position; what passes the record's end is carried as a skip into
/// the next record, where it reads the next string's length that far away (an unmapped
/// address: a crash; a mapped one: garbage strings). The check mirrors its arithmetic,
/// including its quirks (a second `SST` continues the first; the skip left after a string
/// completed in a `CONTINUE` is dropped), so it refuses exactly the tables it would read
/// out of bounds and no well-formed one. Where libfreexl itself gives up with an error code
/// (a zero-length string, more than 2²⁰ strings) the check stops: that file is refused anyway.
struct SSTCheck {
    /// Why the table would be read out of bounds, once found.
    private(set) var failure: String?
    private var started = false
    /// libfreexl stopped reading the table with an error of its own.
    private var stopped = false
    private var count = 0
    private var index = 0
    /// A string split over records: its length, the characters read, the extra bytes to skip.
    private var pendingLength = 0
    private var pendingOffset = 0
    private var pendingSkip = 0
    /// Bytes to skip at the start of the next record.
    private var nextSkip = 0

    /// Feeds one record libfreexl passes to its SST parser: an `SST`, or a `CONTINUE`
    /// right after one.
    mutating func record(_ bytes: [UInt8], body: Int, length: Int) {
        guard failure == nil, !stopped else { return }
        func byte(_ at: Int) -> Int { Int(bytes[body + at]) }
        func u16(_ at: Int) -> Int { byte(at) | byte(at + 1) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        var p: Int
        if !started {
            started = true
            guard length >= 8 else { return fail("bản ghi SST quá ngắn") }
            count = u32(4)
            guard count <= 1 << 20 else { stopped = true; return }
            p = 8
        } else {
            p = 0
            if pendingLength > 0 {
                // Completing a string split at the previous record's end: a flags byte, then
                // the remaining characters.
                guard length >= 1 else { return fail("chuỗi trong bảng SST vượt quá bản ghi") }
                let wide = byte(0) & 0x01 != 0
                p = 1
                let remaining = pendingLength - pendingOffset
                let needed = wide ? remaining * 2 : remaining
                guard p + needed <= length else {
                    if !wide { stopped = true; return } // libfreexl: "crafted file"
                    return fail("chuỗi trong bảng SST vượt quá bản ghi")
                }
                p += needed + pendingSkip
                pendingSkip = p >= length ? Self.unsigned(p - length) : 0 // kept where libfreexl keeps it
                nextSkip = 0
                index += 1
                pendingLength = 0
                pendingOffset = 0
            }
        }
        while index < count {
            if p >= length { return }
            p += nextSkip
            // The string's header: length, flags, optional run count and phonetic size.
            guard p + 3 <= length else { return fail("vị trí chuỗi trong bảng SST nằm ngoài bản ghi") }
            let characters = u16(p)
            let flags = byte(p + 2)
            var header = 3
            var runs = 0, phonetic = 0
            if flags & 0x08 != 0 {
                guard p + header + 2 <= length else { return fail("vị trí chuỗi trong bảng SST nằm ngoài bản ghi") }
                runs = u16(p + header)
                header += 2
            }
            if flags & 0x04 != 0 {
                guard p + header + 4 <= length else { return fail("vị trí chuỗi trong bảng SST nằm ngoài bản ghi") }
                phonetic = u32(p + header)
                header += 4
            }
            p += header
            // libfreexl: int + int × 4, stored in an unsigned int.
            pendingSkip = Self.unsigned(Int(Int32(truncatingIfNeeded: phonetic)) + runs * 4)
            nextSkip = 0
            pendingOffset = 0
            pendingLength = characters
            let wide = flags & 0x01 != 0
            let required = wide ? characters * 2 : characters
            let available = length - p
            if required > available {
                pendingOffset = wide ? available / 2 : available
                return
            }
            if characters == 0 { stopped = true; return } // libfreexl: "crafted file"
            p += required + pendingSkip
            nextSkip = p >= length ? Self.unsigned(p - length) : 0
            pendingLength = 0
            pendingSkip = 0
            index += 1
        }
    }

    private mutating func fail(_ why: String) {
        failure = why
    }

    /// A value as libfreexl's `unsigned int` holds it.
    private static func unsigned(_ value: Int) -> Int { Int(UInt32(truncatingIfNeeded: value)) }
}
