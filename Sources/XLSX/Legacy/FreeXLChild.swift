import CFreeXLChild

/// Runs libfreexl on one `.xls` file in a forked child process (`CFreeXLChild`) and
/// returns what it read.
///
/// libfreexl 1.0.6 trusts record lengths and counts from the file: a second or short
/// `DIMENSION` record leaves a sheet's declared size larger than its cell array, which it
/// then walks and frees past the end; an `SST` string's rich-text or phonetic size sends
/// its read pointer gigabytes away; sheets without `DIMENSION` get cell arrays sized from
/// row and column numbers, reallocated without freeing the old ones. A pre-scan cannot
/// follow every such path, so libfreexl never runs in the caller's process: the child gets
/// a memory budget, a CPU-time limit and no core file; the parent a wall-clock deadline
/// and a cap on what it reads back. Whatever happens in the child becomes an
/// ``XLSXError``.
enum FreeXLChild {
    /// The bounds of one run for a file of `fileBytes` bytes.
    static func limits(fileBytes: Int, limits: ReadLimits) -> fxc_limits {
        let file = UInt64(max(fileBytes, 0))
        // libfreexl holds the file's streams, 16 bytes per declared cell (sometimes twice:
        // it reallocates without freeing) and the shared strings.
        let memory = UInt64(64 << 20) + 4 * file + 32 * UInt64(max(limits.maxLegacyGridCells, 0))
        // It reads tens of MB a second; a few seconds more cover the cell walk.
        let cpu = UInt32(clamping: 3 + file / (2 << 20))
        // Each cell written back takes at most about 32 bytes for 6 in the file.
        let output = UInt64(64 << 20) + 8 * file
        return fxc_limits(memory_bytes: memory, cpu_seconds: cpu,
                          wall_milliseconds: UInt32(clamping: (UInt64(cpu) * 4 + 10) * 1000),
                          max_output_bytes: output,
                          max_rows: UInt32(CellReference.maxRow), max_columns: UInt32(CellReference.maxColumn))
    }

    /// Reads the file at `path` (`fileBytes` long) with libfreexl in a child process.
    static func read(path: String, fileBytes: Int, limits: ReadLimits) throws -> FreeXLDump {
        try read(path: path, bounds: Self.limits(fileBytes: fileBytes, limits: limits))
    }

    /// Reads the file at `path` with libfreexl in a child process within `bounds`.
    static func read(path: String, bounds: fxc_limits) throws -> FreeXLDump {
        var bounds = bounds
        var result = fxc_read_workbook(path, &bounds)
        defer { fxc_result_free(&result) }
        switch result.status {
        case FXC_STATUS_DONE:
            let bytes = Array(UnsafeBufferPointer(start: result.data, count: result.size))
            do {
                return try FreeXLDump(bytes: bytes)
            } catch {
                throw XLSXError.damagedLegacy("thư viện đọc .xls trả về dữ liệu không đầy đủ")
            }
        case FXC_STATUS_CRASHED:
            throw XLSXError.damagedLegacy("cấu trúc tệp bất thường, thư viện đọc .xls dừng với lỗi")
        case FXC_STATUS_TIMED_OUT:
            throw XLSXError.damagedLegacy("cấu trúc tệp bất thường, đọc quá \(bounds.cpu_seconds) giây chưa xong")
        case FXC_STATUS_OUTPUT_TOO_LARGE:
            throw XLSXError.limitExceeded(part: "Workbook",
                                          limit: "nội dung đọc được quá \(LimitText.bytes(Int(clamping: bounds.max_output_bytes)))")
        case FXC_STATUS_FAILED where result.detail == 3: // the child's own allocation failed
            throw XLSXError.damagedLegacy("không đủ bộ nhớ để đọc tệp")
        case FXC_STATUS_FAILED:
            throw XLSXError.damagedLegacy("cấu trúc tệp bất thường, thư viện đọc .xls dừng với lỗi")
        default:
            throw XLSXError.cannotOpen("không tạo được tiến trình đọc tệp .xls")
        }
    }
}
