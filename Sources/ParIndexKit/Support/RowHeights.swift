/// Row heights for wrapped text. Neither libxlsxwriter nor LibreOffice's PDF export fits
/// row heights to wrapped text, so templates set them from an estimate: words wrapped
/// greedily into lines of about one character per unit of column width (Times New Roman
/// 12 pt; a little less when bold).
enum RowHeights {
    /// Height of one line of 12-point Times New Roman, in points.
    static let lineHeight = 15.75

    /// The number of lines `text` takes in a column `width` characters wide.
    static func lines(_ text: String, width: Double, bold: Bool = false, fontSize: Double = 12) -> Int {
        let capacity = max(1, Int(((width - 1) * (bold ? 0.8 : 0.88) * 12 / fontSize).rounded(.down)))
        // Fast path: fewer UTF-8 bytes than the line holds characters, and no line break.
        if text.utf8.count <= capacity && !text.utf8.contains(0x0A) { return 1 }
        var total = 0
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var lines = 1
            var used = 0
            for word in paragraph.split(separator: " ") {
                let length = word.count
                if used == 0 {
                    used = length
                } else if used + 1 + length <= capacity {
                    used += 1 + length
                } else {
                    lines += 1
                    used = length
                }
                while used > capacity { lines += 1; used -= capacity }
            }
            total += lines
        }
        return max(1, total)
    }

    /// A row height (points, at most Excel's 409) for `lines` lines of text.
    static func height(lines: Int, fontSize: Double = 12) -> Double {
        min(409, Double(lines) * lineHeight * fontSize / 12 + 3)
    }

    /// The height a row needs so every cell's text is visible.
    static func height(cells: [(text: String, width: Double, bold: Bool)], minimumLines: Int = 1,
                       fontSize: Double = 12) -> Double {
        let lines = cells.map { Self.lines($0.text, width: $0.width, bold: $0.bold, fontSize: fontSize) }
            .max() ?? 1
        return height(lines: max(lines, minimumLines), fontSize: fontSize)
    }
}
