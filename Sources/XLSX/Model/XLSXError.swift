/// Why a workbook could not be read or written. Every case has a one-line message in
/// Vietnamese (``message``) meant for the clerk who sent or opened the file.
public enum XLSXError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file does not exist or cannot be opened.
    case cannotOpen(String)
    /// The file is not a zip package at all (and not an OLE file either).
    case notAZip
    /// The zip is cut short or its directory is damaged.
    case truncated
    /// The zip is damaged in another way (bad checksum, inconsistent headers).
    case corrupt(String)
    /// An OLE compound file holding `EncryptedPackage`: a password-protected workbook.
    case encrypted
    /// An OLE compound file holding `Workbook`/`Book`: a legacy `.xls` file.
    case legacyXLS
    /// An OLE compound file holding `WordDocument`: a legacy Word `.doc` file.
    case legacyDOC
    /// A legacy `.xls` file whose compound-file or BIFF structure is damaged.
    case damagedLegacy(String)
    /// Delimited text (`.csv`), not a workbook.
    case delimitedText
    /// A file format recognised but not read (its name in the message).
    case unsupportedFormat(String)
    /// The package has no `xl/workbook.xml` (or the part the root relationship names).
    case missingWorkbook
    /// A part referenced by the workbook is absent, e.g. a sheet.
    case missingPart(String)
    /// A part's XML is not well formed.
    case malformedXML(part: String, line: Int, reason: String)
    /// A DTD or entity declaration was found; they are never processed.
    case forbiddenDTD(part: String)
    /// A cell points at a shared string that does not exist.
    case sharedStringOutOfRange(part: String, cell: String, index: Int, count: Int)
    /// A cell reference beyond 1,048,576 rows or 16,384 columns, or not a reference.
    case invalidCellReference(part: String, reference: String)
    /// A zip entry name is unsafe (`../`, absolute, backslash) or duplicated.
    case unsafeEntryName(String)
    /// A part's uncompressed size, the total, or the compression ratio passes a limit.
    case limitExceeded(part: String, limit: String)
    /// The file itself is larger than the limit (the limit spelt out).
    case fileTooLarge(limit: String)
    /// No sheet with this name.
    case sheetNotFound(String)
    /// Writing failed (libxlsxwriter's error or a file-system error).
    case writeFailed(String)

    /// The one-line reason in Vietnamese.
    public var message: String {
        switch self {
        case .cannotOpen(let why):
            return "không mở được tệp (\(why))"
        case .notAZip:
            return "không phải tệp Excel .xlsx (không đọc được cấu trúc nén zip)"
        case .truncated:
            return "tệp bị cắt cụt hoặc tải về chưa hết; đề nghị gửi lại tệp"
        case .corrupt(let why):
            return "tệp .xlsx bị hỏng (\(why))"
        case .encrypted:
            return "tệp được đặt mật khẩu; đề nghị gỡ mật khẩu rồi gửi lại"
        case .legacyXLS:
            return "tệp Excel định dạng cũ (.xls); đề nghị mở bằng Excel và lưu lại dưới dạng .xlsx"
        case .legacyDOC:
            return "tệp Word định dạng cũ (.doc); đề nghị mở bằng Word và lưu lại dưới dạng .docx"
        case .damagedLegacy(let why):
            return "tệp Excel .xls bị hỏng (\(why))"
        case .delimitedText:
            return "tệp văn bản CSV (giá trị phân tách bằng dấu phẩy), không phải bảng tính; đề nghị mở bằng Excel và lưu lại dưới dạng .xlsx"
        case .unsupportedFormat(let name):
            return "định dạng \(name) chưa đọc được; đề nghị lưu lại dưới dạng Excel .xlsx"
        case .missingWorkbook:
            return "tệp thiếu phần xl/workbook.xml, không phải bảng tính Excel hợp lệ"
        case .missingPart(let part):
            return "tệp thiếu phần \(part)"
        case .malformedXML(let part, let line, let reason):
            return "nội dung XML của phần \(part) bị lỗi ở dòng \(line) (\(reason))"
        case .forbiddenDTD(let part):
            return "phần \(part) chứa khai báo DTD hoặc thực thể (entity), không được phép"
        case .sharedStringOutOfRange(let part, let cell, let index, let count):
            return "ô \(cell) trong \(part) trỏ tới chuỗi dùng chung số \(index) nhưng tệp chỉ có \(count) chuỗi"
        case .invalidCellReference(let part, let reference):
            return "địa chỉ ô \"\(reference)\" trong \(part) không hợp lệ hoặc vượt quá giới hạn 1.048.576 dòng, 16.384 cột"
        case .unsafeEntryName(let name):
            return "tệp nén chứa tên phần không an toàn hoặc trùng lặp: \(name)"
        case .limitExceeded(let part, let limit):
            let bomb = limit.contains("nén") ? "; có thể là tệp nén độc hại (zip bomb)" : ""
            return "phần \(part) vượt giới hạn cho phép (\(limit))\(bomb)"
        case .fileTooLarge(let limit):
            return "tệp lớn quá giới hạn cho phép (\(limit)); đề nghị kiểm tra lại tệp hoặc tách nhỏ trước khi gửi"
        case .sheetNotFound(let name):
            return "không có trang tính \"\(name)\""
        case .writeFailed(let why):
            return "không ghi được tệp (\(why))"
        }
    }

    public var description: String { message }
}
