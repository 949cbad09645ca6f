import XLSX

/// What an upload is by its first bytes, decided before anything parses it. The name the
/// browser sent plays no part.
public enum ContentKind: String, Sendable, Codable {
    /// A zip package (`PK\x03\x04`): `.xlsx` and kin.
    case zip
    /// An OLE compound file: legacy `.xls`, or a password-protected workbook.
    case ole
    /// Anything else.
    case other

    public static func sniff<C: Collection<UInt8>>(_ bytes: C) -> ContentKind {
        let head = Array(bytes.prefix(8))
        if head.count >= 4, head[0..<4] == [0x50, 0x4B, 0x03, 0x04] { return .zip }
        if head == [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] { return .ole }
        return .other
    }

    /// The extension the stored copy gets (chosen from the content, never from the name).
    public var storedExtension: String {
        switch self {
        case .zip: "xlsx"
        case .ole: "xls"
        case .other: "bin"
        }
    }

    /// The one-line reason an `other` upload is refused without being parsed: the reader's
    /// own wording, so the page and the command line say the same thing.
    public static var notAWorkbookReason: String { XLSXError.notAZip.message }
}
