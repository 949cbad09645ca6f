import CXlsxWriter
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks made before calling libxlsxwriter, so that bad input becomes a Swift error with
/// a Vietnamese reason instead of a silent truncation or an abort inside C.
enum WriterChecks {
    /// Excel's longest cell text, in UTF-16 code units.
    static let maxStringLength = 32_767
    /// Excel's longest formula, in characters.
    static let maxFormulaLength = 8_192
    /// libxlsxwriter copies format fields (font name, number format) and defined names into
    /// 128-byte buffers, truncating silently beyond 127 bytes.
    static let maxFieldBytes = 127

    static func fail(_ reason: String) -> XLSXError { .writeFailed(reason) }

    /// Turns a libxlsxwriter return code into a Swift error that carries `lxw_strerror`'s text.
    static func check(_ error: lxw_error, _ context: @autoclosure () -> String) throws {
        guard error != LXW_NO_ERROR else { return }
        let text = lxw_strerror(error).map { String(cString: $0) } ?? "lỗi \(error.rawValue)"
        throw fail("\(context()): \(text)")
    }

    static func check(row: Int) throws {
        guard (1...CellReference.maxRow).contains(row) else {
            throw fail("dòng \(row) nằm ngoài giới hạn 1–1.048.576 dòng của Excel")
        }
    }

    static func check(column: Int) throws {
        guard (1...CellReference.maxColumn).contains(column) else {
            throw fail("cột \(column) nằm ngoài giới hạn 1–16.384 cột (A–XFD) của Excel")
        }
    }

    static func check(_ ref: CellReference) throws {
        try check(row: ref.row)
        try check(column: ref.column)
    }

    /// Checks both corners and that the range is not reversed.
    static func check(_ range: CellRange) throws {
        try check(range.first)
        try check(range.last)
        guard range.first.row <= range.last.row, range.first.column <= range.last.column else {
            throw fail("vùng \(range.a1) bị đảo ngược (ô đầu phải ở trên, bên trái ô cuối)")
        }
    }

    static func check(text: String, at ref: CellReference) throws {
        // A text never has more UTF-16 units than UTF-8 bytes: count them only when needed.
        let utf8 = text.utf8
        if utf8.count > maxStringLength {
            let length = text.utf16.count
            guard length <= maxStringLength else {
                throw fail("nội dung ô \(ref.a1) dài \(length) ký tự, vượt giới hạn 32.767 ký tự của Excel")
            }
        }
        let hasNUL = utf8.withContiguousStorageIfAvailable { bytes in
            bytes.isEmpty ? false : memchr(bytes.baseAddress!, 0, bytes.count) != nil
        } ?? utf8.contains(0)
        guard !hasNUL else {
            throw fail("nội dung ô \(ref.a1) chứa ký tự NUL, không ghi được vào Excel")
        }
    }

    static func check(number: Double, at ref: CellReference) throws {
        guard number.isFinite else {
            throw fail("giá trị số ở ô \(ref.a1) không hữu hạn (NaN hoặc vô cực), không ghi được vào Excel")
        }
    }

    static func check(formula: String, at ref: CellReference) throws {
        let length = formula.unicodeScalars.count
        guard length <= maxFormulaLength else {
            throw fail("công thức ở ô \(ref.a1) dài \(length) ký tự, vượt giới hạn 8.192 ký tự của Excel")
        }
        guard !formula.isEmpty, formula != "=" else {
            throw fail("công thức ở ô \(ref.a1) bị để trống")
        }
        guard !formula.utf8.contains(0) else {
            throw fail("công thức ở ô \(ref.a1) chứa ký tự NUL")
        }
    }

    /// Checks a text against a limit counted in characters, as libxlsxwriter counts them.
    static func check(_ text: String, maxCharacters: Int, what: String) throws {
        let length = text.unicodeScalars.count
        guard length <= maxCharacters else {
            throw fail("\(what) dài \(length) ký tự, tối đa \(maxCharacters) ký tự")
        }
        guard !text.utf8.contains(0) else {
            throw fail("\(what) chứa ký tự NUL")
        }
    }

    /// Checks a text that libxlsxwriter copies into a fixed 128-byte buffer.
    static func check(field text: String, what: String) throws {
        let bytes = text.utf8.count
        guard bytes <= maxFieldBytes else {
            throw fail("\(what) dài \(bytes) byte (UTF-8), tối đa \(maxFieldBytes) byte")
        }
        guard !text.utf8.contains(0) else {
            throw fail("\(what) chứa ký tự NUL")
        }
    }

    static func check(color: UInt32, what: String) throws {
        guard color <= 0xFF_FFFF else {
            throw fail("mã màu \(what) 0x\(String(color, radix: 16, uppercase: true)) không hợp lệ (phải là 0xRRGGBB)")
        }
    }

    /// Excel's sheet-name rules. `existing` holds the names already used.
    static func check(sheetName name: String, existing: [String]) throws {
        guard !name.isEmpty else { throw fail("tên trang tính không được để trống") }
        let length = name.utf16.count
        guard length <= 31 else {
            throw fail("tên trang tính \"\(name)\" dài \(length) ký tự, tối đa 31 ký tự")
        }
        let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]
        if let bad = name.first(where: { forbidden.contains($0) }) {
            throw fail("tên trang tính \"\(name)\" chứa ký tự không được phép \"\(bad)\" (không dùng [ ] : * ? / \\)")
        }
        guard !name.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
            throw fail("tên trang tính \"\(name)\" chứa ký tự điều khiển")
        }
        guard !name.hasPrefix("'"), !name.hasSuffix("'") else {
            throw fail("tên trang tính \"\(name)\" không được bắt đầu hoặc kết thúc bằng dấu nháy đơn (')")
        }
        guard name.lowercased() != "history" else {
            throw fail("tên trang tính \"\(name)\" được Excel dành riêng, hãy chọn tên khác")
        }
        let folded = name.lowercased()
        if let clash = existing.first(where: { $0.lowercased() == folded }) {
            throw fail("đã có trang tính tên \"\(clash)\"; tên trang tính không được trùng nhau (không phân biệt chữ hoa, chữ thường)")
        }
    }

    /// The sheet name as it appears in a formula: `'Tên trang'`, quotes doubled.
    static func quoted(sheetName name: String) -> String {
        "'" + name.replacing("'", with: "''") + "'"
    }
}
