/// Bounds that protect the reader against hostile files (zip bombs, huge strings).
/// The defaults are far above anything a real submission reaches.
public struct ReadLimits: Hashable, Sendable {
    /// Largest uncompressed size of one part, in bytes.
    public var maxPartBytes: Int
    /// Largest total of uncompressed bytes read from one file.
    public var maxTotalBytes: Int
    /// Largest compression ratio (uncompressed ÷ compressed) accepted for a part once it
    /// has produced more than ``ratioAllowanceBytes``.
    public var maxCompressionRatio: Int
    /// Bytes a part may produce before the ratio check applies.
    public var ratioAllowanceBytes: Int
    /// Largest number of shared strings.
    public var maxSharedStrings: Int
    /// Largest length of one cell's text, in UTF-8 bytes.
    public var maxStringBytes: Int
    /// Largest number of cells read from one sheet.
    public var maxCellsPerSheet: Int
    /// Largest grid (declared rows × columns, summed over sheets) a legacy `.xls` may
    /// declare: libfreexl allocates that many cells when it opens the file. The default,
    /// one full Excel 97 sheet (65,536 × 256), costs about 256 MiB.
    public var maxLegacyGridCells: Int
    /// Largest size of one file as received (compressed), in bytes. A file is read whole
    /// into memory when it is hashed for the campaign store or the result cache, or read
    /// as a legacy `.xls`: this bound applies before any of its bytes are read.
    public var maxFileBytes: Int

    public init(maxPartBytes: Int = 512 << 20,
                maxTotalBytes: Int = 1 << 30,
                maxCompressionRatio: Int = 200,
                ratioAllowanceBytes: Int = 16 << 20,
                maxSharedStrings: Int = 5_000_000,
                maxStringBytes: Int = 1 << 20,
                maxCellsPerSheet: Int = 50_000_000,
                maxLegacyGridCells: Int = 16_777_216,
                maxFileBytes: Int = 256 << 20) {
        self.maxPartBytes = maxPartBytes
        self.maxTotalBytes = maxTotalBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.ratioAllowanceBytes = ratioAllowanceBytes
        self.maxSharedStrings = maxSharedStrings
        self.maxStringBytes = maxStringBytes
        self.maxCellsPerSheet = maxCellsPerSheet
        self.maxLegacyGridCells = maxLegacyGridCells
        self.maxFileBytes = maxFileBytes
    }

    public static let `default` = ReadLimits()
}
