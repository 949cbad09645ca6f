import ArgumentParser
import XLSX

/// Per-file reading limits, shared by every command that reads workbooks. The defaults
/// (``ReadLimits/default``) are far above anything a real submission reaches; a file over
/// a limit is refused with its reason and the other files go on.
struct LimitOptions: ParsableArguments {
    @Option(name: .customLong("max-part-mib"), help: "Giới hạn dung lượng giải nén của một phần trong tệp, MiB (mặc định 512).")
    var maxPartMiB: Int = ReadLimits.default.maxPartBytes >> 20

    @Option(name: .customLong("max-total-mib"), help: "Giới hạn tổng dung lượng giải nén của một tệp, MiB (mặc định 1024).")
    var maxTotalMiB: Int = ReadLimits.default.maxTotalBytes >> 20

    @Option(name: .customLong("max-ratio"), help: "Tỉ lệ nén tối đa của một phần sau 16 MiB đầu (mặc định 200).")
    var maxRatio: Int = ReadLimits.default.maxCompressionRatio

    @Option(name: .customLong("max-cells"), help: "Số ô tối đa trong một trang tính (mặc định 50.000.000).")
    var maxCells: Int = ReadLimits.default.maxCellsPerSheet

    @Option(name: .customLong("max-shared-strings"), help: "Số chuỗi dùng chung tối đa (mặc định 5.000.000).")
    var maxSharedStrings: Int = ReadLimits.default.maxSharedStrings

    @Option(name: .customLong("max-string-kib"), help: "Độ dài tối đa của nội dung một ô, KiB (mặc định 1024).")
    var maxStringKiB: Int = ReadLimits.default.maxStringBytes >> 10

    func validate() throws {
        for (name, value) in [("--max-part-mib", maxPartMiB), ("--max-total-mib", maxTotalMiB), ("--max-ratio", maxRatio),
                              ("--max-cells", maxCells), ("--max-shared-strings", maxSharedStrings),
                              ("--max-string-kib", maxStringKiB)] where value <= 0 {
            throw ValidationError("\(name) phải là số dương")
        }
    }

    var readLimits: ReadLimits {
        var limits = ReadLimits.default
        limits.maxPartBytes = maxPartMiB << 20
        limits.maxTotalBytes = maxTotalMiB << 20
        limits.maxCompressionRatio = maxRatio
        limits.maxCellsPerSheet = maxCells
        limits.maxSharedStrings = maxSharedStrings
        limits.maxStringBytes = maxStringKiB << 10
        return limits
    }
}
