/// Builds small BIFF8 `.xls` files record by record, so tests can make both ordinary
/// legacy workbooks and the malformed ones that upset libfreexl (a second or short
/// `DIMENSION`, an `SST` string whose extra-data size points far away) without fixtures.
/// The compound file holds one `Workbook` stream in regular 512-byte sectors.
struct TestLegacyWorkbook {
    /// One BIFF record: type and body (the 4-byte header is added).
    struct Record {
        var type: UInt16
        var body: [UInt8]

        /// A record whose header declares `length` while carrying `body` (for framing tests).
        var declaredLength: Int?

        init(_ type: UInt16, _ body: [UInt8], declaredLength: Int? = nil) {
            self.type = type
            self.body = body
            self.declaredLength = declaredLength
        }

        var bytes: [UInt8] { le16(type) + le16(UInt16(declaredLength ?? body.count)) + body }
    }

    /// A worksheet: its name and the records between its `BOF` and `EOF`.
    struct Sheet {
        var name: String
        var records: [Record]
    }

    /// Shared strings (written as one `SST` record unless `sst` is given).
    var strings: [String] = []
    /// Replaces the generated `SST` record (and any `CONTINUE` after it).
    var sst: [Record]?
    /// Records of the globals substream before the `BOUNDSHEET`s (formats, XFs…).
    var globals: [Record] = []
    var sheets: [Sheet] = []

    // MARK: - Records

    static func bof(sheet: Bool) -> Record {
        Record(0x0809, le16(0x0600) + le16(sheet ? 0x0010 : 0x0005) + le16(0x0DBB) + le16(0x07CC)
               + le32(0) + le32(0x0006))
    }

    static let eof = Record(0x000A, [])

    /// `DIMENSION`: rows `0..<rows`, columns `0..<columns`.
    static func dimension(rows: UInt32, columns: UInt16) -> Record {
        Record(0x0200, le32(0) + le32(rows) + le16(0) + le16(columns) + le16(0))
    }

    static func number(row: UInt16, column: UInt16, _ value: Double) -> Record {
        Record(0x0203, le16(row) + le16(column) + le16(0) + le64(value.bitPattern))
    }

    static func labelSST(row: UInt16, column: UInt16, index: UInt32) -> Record {
        Record(0x00FD, le16(row) + le16(column) + le16(0) + le32(index))
    }

    /// An XLUnicodeRichExtendedString: Latin-1 characters, optional rich-text runs
    /// (`runs`, 4 bytes each) and phonetic block (`phonetic` bytes); the run and phonetic
    /// data themselves are `extra` (so a size can lie about them).
    static func sstString(_ text: String, runs: UInt16? = nil, phonetic: UInt32? = nil, extra: [UInt8] = []) -> [UInt8] {
        let chars = Array(text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })
        var flags: UInt8 = 0
        if runs != nil { flags |= 0x08 }
        if phonetic != nil { flags |= 0x04 }
        var out = le16(UInt16(chars.count)) + [flags]
        if let runs { out += le16(runs) }
        if let phonetic { out += le32(phonetic) }
        return out + chars + extra
    }

    static func sstRecord(total: UInt32, unique: UInt32, _ strings: [[UInt8]]) -> Record {
        Record(0x00FC, le32(total) + le32(unique) + strings.flatMap { $0 })
    }

    static func continueRecord(_ body: [UInt8]) -> Record { Record(0x003C, body) }

    // MARK: - Bytes

    /// The `Workbook` stream: globals (BOF, BOUNDSHEETs, SST, EOF), then each sheet.
    var stream: [UInt8] {
        let sst = self.sst ?? [Self.sstRecord(total: UInt32(strings.count), unique: UInt32(strings.count),
                                              strings.map { Self.sstString($0) })]
        func boundSheets(_ offsets: [Int]) -> [Record] {
            zip(sheets, offsets).map { sheet, offset in
                let name = Array(sheet.name.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })
                return Record(0x0085, le32(UInt32(offset)) + [0, 0, UInt8(name.count), 0] + name)
            }
        }
        // Sizes do not depend on the offsets, so lay out once with zeros, then for real.
        let globalsLength = ([Self.bof(sheet: false)] + globals + boundSheets(sheets.map { _ in 0 }) + sst + [Self.eof])
            .reduce(0) { $0 + $1.bytes.count }
        var offsets: [Int] = []
        var at = globalsLength
        for sheet in sheets {
            offsets.append(at)
            at += ([Self.bof(sheet: true)] + sheet.records + [Self.eof]).reduce(0) { $0 + $1.bytes.count }
        }
        var out: [UInt8] = []
        for record in [Self.bof(sheet: false)] + globals + boundSheets(offsets) + sst + [Self.eof] { out += record.bytes }
        for sheet in sheets {
            for record in [Self.bof(sheet: true)] + sheet.records + [Self.eof] { out += record.bytes }
        }
        return out
    }

    /// The whole `.xls` file.
    var bytes: [UInt8] { Self.compoundFile(stream: stream) }

    /// An OLE compound file (version 3, 512-byte sectors) holding `stream` as `Workbook`.
    /// The stream is padded with zero bytes to 4,096 so that it lives in regular sectors.
    static func compoundFile(stream original: [UInt8]) -> [UInt8] {
        var stream = original
        if stream.count < 4096 { stream += [UInt8](repeating: 0, count: 4096 - stream.count) }
        let streamSectors = (stream.count + 511) / 512
        var fatSectors = 1
        while (streamSectors + 1 + fatSectors + 127) / 128 > fatSectors { fatSectors += 1 }
        let directorySector = streamSectors
        let firstFAT = streamSectors + 1
        let end: UInt32 = 0xFFFF_FFFE, free: UInt32 = 0xFFFF_FFFF

        var header = [UInt8](repeating: 0, count: 512)
        func put(_ bytes: [UInt8], at offset: Int) { header.replaceSubrange(offset..<(offset + bytes.count), with: bytes) }
        put([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], at: 0)
        put(le16(0x003E) + le16(3) + le16(0xFFFE) + le16(9) + le16(6), at: 0x18)
        put(le32(UInt32(fatSectors)) + le32(UInt32(directorySector)) + le32(0) + le32(4096)
            + le32(end) + le32(0) + le32(end) + le32(0), at: 0x2C)
        for i in 0..<109 { put(le32(i < fatSectors ? UInt32(firstFAT + i) : free), at: 0x4C + 4 * i) }

        var body = stream + [UInt8](repeating: 0, count: streamSectors * 512 - stream.count)
        // Directory: root entry, then the Workbook stream, then two empty entries.
        func entry(_ name: String, type: UInt8, child: UInt32, start: UInt32, size: UInt32) -> [UInt8] {
            var e = [UInt8](repeating: 0, count: 128)
            let utf16: [UInt8] = name.utf16.flatMap { le16($0) } + [0, 0]
            e.replaceSubrange(0..<utf16.count, with: utf16)
            e.replaceSubrange(64..<66, with: le16(UInt16(utf16.count)))
            e[66] = type
            e[67] = 1 // black
            e.replaceSubrange(68..<80, with: le32(free) + le32(free) + le32(child))
            e.replaceSubrange(116..<124, with: le32(start) + le32(size))
            return e
        }
        body += entry("Root Entry", type: 5, child: 1, start: end, size: 0)
        body += entry("Workbook", type: 2, child: free, start: 0, size: UInt32(stream.count))
        var empty = [UInt8](repeating: 0, count: 128)
        empty.replaceSubrange(68..<80, with: le32(free) + le32(free) + le32(free))
        body += empty + empty
        // FAT: the stream's chain, the directory's, the FAT's own sectors.
        var fat: [UInt32] = (0..<streamSectors).map { $0 == streamSectors - 1 ? end : UInt32($0 + 1) }
        fat.append(end)
        fat += [UInt32](repeating: 0xFFFF_FFFD, count: fatSectors)
        fat += [UInt32](repeating: free, count: fatSectors * 128 - fat.count)
        body += fat.flatMap { le32($0) }
        return header + body
    }
}

func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
func le64(_ v: UInt64) -> [UInt8] { (0..<8).map { UInt8((v >> (8 * UInt64($0))) & 0xFF) } }
