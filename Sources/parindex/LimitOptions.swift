import ArgumentParser
import XLSX

/// Per-file reading limits, shared by every command that reads workbooks. A file over a
/// limit is refused with its reason (`parindex: <file>: …`, exit status 2 or 1 as the
/// command documents) and the other files go on. Defaults are ``ReadLimits/default``, far
/// above anything a real submission reaches; they are spelt out in the Vietnamese help
/// (the options are optional so that ArgumentParser does not add an English "default:").
struct LimitOptions: ParsableArguments {
    static let defaults = ReadLimits.default

    @Option(name: .customLong("max-part-mib"),
            help: ArgumentHelp("""
                Dung lượng giải nén tối đa của một phần trong tệp .xlsx, tính bằng MiB \
                (mặc định \(LimitOptions.defaults.maxPartBytes >> 20)).
                """, valueName: "MiB"))
    var maxPartMiB: Int?

    @Option(name: .customLong("max-total-mib"),
            help: ArgumentHelp("""
                Tổng dung lượng giải nén tối đa của một tệp, tính bằng MiB \
                (mặc định \(LimitOptions.defaults.maxTotalBytes >> 20)).
                """, valueName: "MiB"))
    var maxTotalMiB: Int?

    @Option(name: .customLong("max-ratio"),
            help: ArgumentHelp("""
                Tỉ lệ nén tối đa (giải nén ÷ nén) của một phần, xét khi phần đó đã giải nén quá \
                \(LimitOptions.defaults.ratioAllowanceBytes >> 20) MiB; vượt là dấu hiệu tệp nén độc hại \
                (zip bomb) (mặc định \(LimitOptions.defaults.maxCompressionRatio)).
                """, valueName: "N"))
    var maxRatio: Int?

    @Option(name: .customLong("max-cells"),
            help: ArgumentHelp("""
                Số ô tối đa đọc từ một trang tính (mặc định \(LimitOptions.grouped(LimitOptions.defaults.maxCellsPerSheet))).
                """, valueName: "N"))
    var maxCells: Int?

    @Option(name: .customLong("max-shared-strings"),
            help: ArgumentHelp("""
                Số chuỗi dùng chung (sharedStrings) tối đa của một tệp \
                (mặc định \(LimitOptions.grouped(LimitOptions.defaults.maxSharedStrings))).
                """, valueName: "N"))
    var maxSharedStrings: Int?

    @Option(name: .customLong("max-string-kib"),
            help: ArgumentHelp("""
                Độ dài tối đa của nội dung một ô, tính bằng KiB theo UTF-8 \
                (mặc định \(LimitOptions.defaults.maxStringBytes >> 10)).
                """, valueName: "KiB"))
    var maxStringKiB: Int?

    @Option(name: .customLong("max-file-mib"),
            help: ArgumentHelp("""
                Dung lượng tối đa của một tệp nhận vào (trước khi giải nén), tính bằng MiB \
                (mặc định \(LimitOptions.defaults.maxFileBytes >> 20)).
                """, valueName: "MiB"))
    var maxFileMiB: Int?

    func validate() throws {
        let values: [(String, Int?)] = [
            ("--max-part-mib", maxPartMiB), ("--max-total-mib", maxTotalMiB), ("--max-ratio", maxRatio),
            ("--max-cells", maxCells), ("--max-shared-strings", maxSharedStrings), ("--max-string-kib", maxStringKiB),
            ("--max-file-mib", maxFileMiB),
        ]
        for case (let name, let value?) in values where value < 1 {
            throw ValidationError("\(name) phải là số nguyên dương (đang là \(value)).")
        }
    }

    /// The limits the reader enforces: the defaults, overridden by the options given.
    /// Sizes too large to count in bytes are capped rather than overflowing.
    var readLimits: ReadLimits {
        var limits = Self.defaults
        if let maxPartMiB { limits.maxPartBytes = Self.scaled(maxPartMiB, shift: 20) }
        if let maxTotalMiB { limits.maxTotalBytes = Self.scaled(maxTotalMiB, shift: 20) }
        if let maxRatio { limits.maxCompressionRatio = maxRatio }
        if let maxCells { limits.maxCellsPerSheet = maxCells }
        if let maxSharedStrings { limits.maxSharedStrings = maxSharedStrings }
        if let maxStringKiB { limits.maxStringBytes = Self.scaled(maxStringKiB, shift: 10) }
        if let maxFileMiB { limits.maxFileBytes = Self.scaled(maxFileMiB, shift: 20) }
        return limits
    }

    private static func scaled(_ value: Int, shift: Int) -> Int {
        value > Int.max >> shift ? Int.max : value << shift
    }

    /// `50.000.000`: thousands grouped with dots, as in the reader's messages.
    static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(".") }
            out.append(ch)
        }
        return out
    }
}
