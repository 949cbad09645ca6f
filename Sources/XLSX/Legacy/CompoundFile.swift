/// Just enough of the OLE compound-file layout ([MS-CFB]) to pull one named stream out
/// of a legacy Office file held in memory, so its BIFF records can be checked *before*
/// libfreexl allocates anything. Every chain walk is bounded by the number of sectors, so a
/// looping or out-of-range chain ends in an error, never in a hang.
struct CompoundFile {
    let bytes: [UInt8]
    private let sectorShift: Int
    private let miniSectorShift: Int
    private let miniCutoff: Int
    private let fat: [UInt32]
    private let directory: [UInt8]

    enum Failure: Error {
        case malformed(String)
    }

    private static let endOfChain: UInt32 = 0xFFFF_FFFE

    init(bytes: [UInt8]) throws {
        self.bytes = bytes
        guard bytes.count >= 512, Array(bytes[0..<8]) == FileSniffer.oleMagic else {
            throw Failure.malformed("không có phần đầu OLE")
        }
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> UInt32 {
            UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
        }
        sectorShift = u16(0x1E)
        miniSectorShift = u16(0x20)
        guard sectorShift == 9 || sectorShift == 12, miniSectorShift == 6 else {
            throw Failure.malformed("kích thước khối OLE không hợp lệ")
        }
        miniCutoff = Int(u32(0x38))
        let sectorSize = 1 << sectorShift
        let sectorCount = max(0, (bytes.count - sectorSize) / sectorSize + 1)

        // FAT sector numbers: 109 in the header, then the DIFAT chain.
        var fatSectors: [UInt32] = []
        for i in 0..<109 {
            let s = u32(0x4C + 4 * i)
            if s < 0xFFFF_FFFA { fatSectors.append(s) }
        }
        var difat = u32(0x44)
        var guardSteps = 0
        while difat < 0xFFFF_FFFA {
            guardSteps += 1
            guard guardSteps <= sectorCount, Int(difat) < sectorCount else { throw Failure.malformed("chuỗi DIFAT hỏng") }
            let base = (Int(difat) + 1) << sectorShift
            guard base + sectorSize <= bytes.count else { throw Failure.malformed("chuỗi DIFAT hỏng") }
            for i in 0..<(sectorSize / 4 - 1) {
                let s = u32(base + 4 * i)
                if s < 0xFFFF_FFFA { fatSectors.append(s) }
            }
            difat = u32(base + sectorSize - 4)
        }
        guard fatSectors.count <= sectorCount else { throw Failure.malformed("bảng FAT quá lớn") }
        var fat: [UInt32] = []
        fat.reserveCapacity(fatSectors.count * sectorSize / 4)
        for s in fatSectors {
            let base = (Int(s) + 1) << sectorShift
            guard Int(s) < sectorCount, base + sectorSize <= bytes.count else { throw Failure.malformed("khối FAT nằm ngoài tệp") }
            for i in 0..<(sectorSize / 4) { fat.append(u32(base + 4 * i)) }
        }
        self.fat = fat
        directory = try Self.chain(bytes: bytes, fat: fat, sectorShift: sectorShift, start: u32(0x30), size: nil)
        // The mini FAT and mini stream are read only for small streams.
        miniFATStart = u32(0x3C)
    }

    private let miniFATStart: UInt32

    private func chain(start: UInt32, size: Int?) throws -> [UInt8] {
        try Self.chain(bytes: bytes, fat: fat, sectorShift: sectorShift, start: start, size: size)
    }

    /// The bytes of a regular-sector chain, cut to `size` when given.
    private static func chain(bytes: [UInt8], fat: [UInt32], sectorShift: Int, start: UInt32, size: Int?) throws -> [UInt8] {
        let sectorSize = 1 << sectorShift
        var out: [UInt8] = []
        if let size { out.reserveCapacity(min(size, bytes.count)) }
        var sector = start
        var steps = 0
        while sector != Self.endOfChain {
            if let size, out.count >= size { break }
            steps += 1
            guard steps <= fat.count, Int(sector) < fat.count else { throw Failure.malformed("chuỗi khối hỏng") }
            let base = (Int(sector) + 1) << sectorShift
            guard base + sectorSize <= bytes.count + sectorSize, base < bytes.count else {
                throw Failure.malformed("khối nằm ngoài tệp")
            }
            out.append(contentsOf: bytes[base..<min(base + sectorSize, bytes.count)])
            sector = fat[Int(sector)]
        }
        if let size {
            guard out.count >= size else { throw Failure.malformed("luồng ngắn hơn khai báo") }
            out.removeLast(out.count - size)
        }
        return out
    }

    /// The stream with one of these names (the first found, in directory order), or nil.
    func stream(named names: [String]) throws -> (name: String, data: [UInt8])? {
        let wanted = names.map { FileSniffer.utf16($0) }
        var root: (start: UInt32, size: Int)?
        var found: (name: String, start: UInt32, size: Int)?
        var entry = 0
        while entry + 128 <= directory.count {
            let e = Array(directory[entry..<(entry + 128)])
            let length = Int(e[64]) | Int(e[65]) << 8
            let type = e[66]
            let start = UInt32(e[116]) | UInt32(e[117]) << 8 | UInt32(e[118]) << 16 | UInt32(e[119]) << 24
            let size = Int(e[120]) | Int(e[121]) << 8 | Int(e[122]) << 16 | Int(e[123]) << 24
            if type == 5 { root = (start, size) }
            if type == 2, found == nil, length >= 4, length <= 64 {
                let name = Array(e[0..<(length - 2)])
                if let i = wanted.firstIndex(of: name) { found = (names[i], start, size) }
            }
            entry += 128
        }
        guard let found else { return nil }
        guard found.size <= bytes.count else { throw Failure.malformed("luồng \(found.name) lớn hơn tệp") }
        if found.size >= miniCutoff {
            return (found.name, try chain(start: found.start, size: found.size))
        }
        // A small stream lives in the mini stream (64-byte sectors, its own FAT).
        guard let root else { throw Failure.malformed("thiếu mục gốc") }
        let ministream = try chain(start: root.start, size: min(root.size, bytes.count))
        let miniFATBytes = try chain(start: miniFATStart, size: nil)
        var miniFAT: [UInt32] = []
        miniFAT.reserveCapacity(miniFATBytes.count / 4)
        var i = 0
        while i + 4 <= miniFATBytes.count {
            miniFAT.append(UInt32(miniFATBytes[i]) | UInt32(miniFATBytes[i + 1]) << 8
                           | UInt32(miniFATBytes[i + 2]) << 16 | UInt32(miniFATBytes[i + 3]) << 24)
            i += 4
        }
        let mini = 1 << miniSectorShift
        var out: [UInt8] = []
        out.reserveCapacity(found.size)
        var sector = found.start
        var steps = 0
        while out.count < found.size {
            steps += 1
            guard steps <= miniFAT.count, Int(sector) < miniFAT.count else { throw Failure.malformed("chuỗi khối nhỏ hỏng") }
            let base = Int(sector) << miniSectorShift
            guard base + mini <= ministream.count else { throw Failure.malformed("khối nhỏ nằm ngoài luồng") }
            out.append(contentsOf: ministream[base..<(base + mini)])
            sector = miniFAT[Int(sector)]
        }
        out.removeLast(out.count - found.size)
        return (found.name, out)
    }
}
