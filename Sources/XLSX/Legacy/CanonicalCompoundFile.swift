/// A fresh OLE compound file holding only the workbook stream we extracted: what libfreexl
/// is given instead of the file as received.
///
/// libfreexl 1.0.6 parses the compound file's FAT, DIFAT, mini FAT and directory itself,
/// and follows a stream's sector chain past its declared size; a damaged container makes it
/// read other bytes than ``CompoundFile`` extracted, so the checks of ``BIFFScan`` would not
/// hold for what it reads. In the canonical file the stream sits in consecutive 512-byte
/// sectors with one FAT and one directory sector, so libfreexl reads exactly ``stream``.
/// The stream is padded with zero bytes to whole sectors and at least 4,096 bytes (it stays
/// out of the mini stream); libfreexl ends a stream at the first zero record.
struct CanonicalCompoundFile {
    /// The stream as libfreexl will read it: the extracted bytes and the zero padding.
    let stream: [UInt8]
    /// The whole file.
    let bytes: [UInt8]

    /// `name` is the stream's directory name (`Workbook` or `Book`).
    init(stream original: [UInt8], name: String) {
        var stream = original
        let padded = max(4096, (stream.count + 511) / 512 * 512)
        stream += [UInt8](repeating: 0, count: padded - stream.count)
        self.stream = stream

        let streamSectors = stream.count / 512
        var fatSectors = 1
        while (streamSectors + 1 + fatSectors + 127) / 128 > fatSectors { fatSectors += 1 }
        let end: UInt32 = 0xFFFF_FFFE, free: UInt32 = 0xFFFF_FFFF, fatMark: UInt32 = 0xFFFF_FFFD
        var out: [UInt8] = []
        out.reserveCapacity(512 * (2 + streamSectors + fatSectors))

        // Header: version 3, little-endian, 512-byte sectors, 64-byte mini sectors, no DIFAT.
        out += FileSniffer.oleMagic
        out += [UInt8](repeating: 0, count: 16)
        out += Self.le16(0x003E) + Self.le16(3) + Self.le16(0xFFFE) + Self.le16(9) + Self.le16(6)
        out += [UInt8](repeating: 0, count: 6)
        out += Self.le32(0) + Self.le32(UInt32(fatSectors)) + Self.le32(UInt32(streamSectors))
        out += Self.le32(0) + Self.le32(4096) + Self.le32(end) + Self.le32(0) + Self.le32(end) + Self.le32(0)
        for i in 0..<109 {
            out += Self.le32(i < fatSectors ? UInt32(streamSectors + 1 + i) : free)
        }
        // Sectors 0..<streamSectors: the stream; then the directory; then the FAT.
        out += stream
        out += Self.entry("Root Entry", type: 5, child: 1, start: end, size: 0)
        out += Self.entry(name, type: 2, child: free, start: 0, size: UInt32(stream.count))
        out += Self.entry("", type: 0, child: free, start: 0, size: 0)
        out += Self.entry("", type: 0, child: free, start: 0, size: 0)
        var fat = [UInt32](repeating: free, count: fatSectors * 128)
        for s in 0..<streamSectors { fat[s] = s == streamSectors - 1 ? end : UInt32(s + 1) }
        fat[streamSectors] = end
        for s in 0..<fatSectors { fat[streamSectors + 1 + s] = fatMark }
        for value in fat { out += Self.le32(value) }
        bytes = out
    }

    /// One 128-byte directory entry (an empty one when `type` is 0).
    private static func entry(_ name: String, type: UInt8, child: UInt32, start: UInt32, size: UInt32) -> [UInt8] {
        var e = [UInt8](repeating: 0, count: 128)
        if type != 0 {
            let utf16: [UInt8] = name.utf16.prefix(31).flatMap { le16($0) } + [0, 0]
            e.replaceSubrange(0..<utf16.count, with: utf16)
            e.replaceSubrange(64..<66, with: le16(UInt16(utf16.count)))
            e[66] = type
            e[67] = 1 // black
        }
        e.replaceSubrange(68..<80, with: le32(0xFFFF_FFFF) + le32(0xFFFF_FFFF) + le32(child))
        e.replaceSubrange(116..<124, with: le32(start) + le32(size))
        return e
    }

    private static func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
    private static func le32(_ v: UInt32) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)] }
}
