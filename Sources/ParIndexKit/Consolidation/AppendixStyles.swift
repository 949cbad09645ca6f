import XLSX

/// The cell styles of official appendices: Times New Roman, borders on the table, bold
/// group rows, numbers in the Vietnamese locale (a decimal comma where the viewer honours
/// the format's locale, as LibreOffice and Vietnamese-locale Excel do).
enum AppendixStyles {
    /// `[$-42A]` is Vietnamese; `General` shows 0,25 and 1 as the seeds print them.
    static let scoreFormat = "[$-42A]General"
    static let percentFormat = "[$-42A]0.00"

    static let base = CellStyle(fontName: "Times New Roman", fontSize: 12, vertical: .center)
    static let heading = base.with { $0.bold = true; $0.fontSize = 13; $0.horizontal = .center; $0.wrap = true }
    static let subtitle = base.with { $0.italic = true; $0.horizontal = .center; $0.wrap = true }
    static let sectionTitle = base.with { $0.bold = true }
    static let header = base.with {
        $0.bold = true; $0.horizontal = .center; $0.wrap = true; $0.border = .thin; $0.fillColor = 0xD9E1F2
    }
    static let text = base.with { $0.wrap = true; $0.border = .thin; $0.vertical = .top }
    static let code = text.with { $0.horizontal = .center }
    static let number = text.with { $0.numberFormat = scoreFormat; $0.horizontal = .center }
    static let percent = text.with { $0.numberFormat = percentFormat; $0.horizontal = .center }
    static let note = base.with { $0.italic = true; $0.wrap = true; $0.vertical = .top }
    /// Signature block: the date line in italics, titles and names in bold (13 pt).
    static let signatureDate = base.with { $0.italic = true; $0.fontSize = 13; $0.horizontal = .center; $0.wrap = true }
    static let signatureTitle = base.with { $0.bold = true; $0.fontSize = 13; $0.horizontal = .center; $0.wrap = true }
    static let signatureNote = base.with { $0.italic = true; $0.horizontal = .center; $0.wrap = true }

    static func bold(_ style: CellStyle) -> CellStyle { style.with { $0.bold = true } }
    /// Rows that come from, or are about, invalid submissions.
    static func red(_ style: CellStyle) -> CellStyle { style.with { $0.fontColor = 0xC00000 } }
    static func warning(_ style: CellStyle) -> CellStyle { style.with { $0.fontColor = 0x9C5700 } }
}
