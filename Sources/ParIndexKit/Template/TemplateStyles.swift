import XLSX

/// The cell styles of a template: Times New Roman, the national header, a bordered table
/// whose given cells are locked and whose to-fill cells are open (required ones tinted).
struct TemplateStyles {
    static let font = "Times New Roman"
    /// Tint of required to-fill cells (light yellow).
    static let requiredFill: UInt32 = 0xFFF2CC
    /// Tint of the header row (light grey).
    static let headerFill: UInt32 = 0xD9D9D9
    /// Tint of group rows (very light grey).
    static let groupFill: UInt32 = 0xF2F2F2

    /// Scores as offices write them (`0,5`, `13`, `0,375`): `General` in the Vietnamese
    /// locale shows the decimals a score has and no trailing zeros.
    static let scoreFormat = "[$-42A]General"
    /// Sums (group rows, Tổng cộng): the same, with zero shown as an empty cell until
    /// the unit types its scores.
    static let sumFormat = "[$-42A]General;-General;;@"

    let base = CellStyle(fontName: font, fontSize: 12)

    var nationalParent: CellStyle { base.with { $0.wrap = true; $0.horizontal = .center; $0.vertical = .top } }
    var nationalLeft: CellStyle { base.with { $0.bold = true; $0.wrap = true; $0.horizontal = .center; $0.vertical = .top } }
    var nationalRight: CellStyle { base.with { $0.bold = true; $0.horizontal = .center; $0.vertical = .top } }
    var title: CellStyle { base.with { $0.fontSize = 14; $0.bold = true; $0.wrap = true; $0.horizontal = .center; $0.vertical = .center } }
    var unitLine: CellStyle { base.with { $0.fontSize = 13; $0.italic = true; $0.wrap = true; $0.horizontal = .center; $0.vertical = .center } }
    var header: CellStyle {
        base.with {
            $0.bold = true; $0.wrap = true; $0.horizontal = .center; $0.vertical = .center
            $0.border = .thin; $0.fillColor = Self.headerFill
        }
    }

    /// A table cell of `column`: locked on group rows and given columns, open on to-fill
    /// columns of input rows (tinted when required).
    func cell(_ column: LayoutColumn, row: TemplateRow) -> CellStyle {
        base.with {
            $0.wrap = true
            $0.vertical = .center
            $0.border = .thin
            $0.horizontal = Self.alignment(column.role)
            if column.role.isScore { $0.numberFormat = column.numberFormat ?? Self.scoreFormat }
            else if let format = column.numberFormat { $0.numberFormat = format }
            if row.criterion.isGroup {
                $0.bold = true
                $0.fillColor = Self.groupFill
            } else if row.isInput && !column.given {
                $0.locked = false
                if column.required { $0.fillColor = Self.requiredFill }
            }
        }
    }

    /// A group row's sum of its children: locked, with zero shown empty.
    func sum(_ cell: CellStyle) -> CellStyle {
        cell.with { $0.locked = true; $0.numberFormat = Self.sumFormat }
    }

    /// A cell of the `Tổng cộng` row: bold, locked, sums with zero shown empty.
    func total(_ column: LayoutColumn) -> CellStyle {
        base.with {
            $0.bold = true; $0.wrap = true; $0.vertical = .center; $0.border = .thin
            $0.horizontal = column.role == .title ? .left : Self.alignment(column.role)
            if column.role.isScore { $0.numberFormat = Self.sumFormat }
        }
    }

    // Signature block.
    var signatureDate: CellStyle { base.with { $0.italic = true; $0.fontSize = 13; $0.horizontal = .center; $0.wrap = true } }
    var signatureTitle: CellStyle { base.with { $0.bold = true; $0.fontSize = 13; $0.horizontal = .center; $0.wrap = true } }
    var signatureNote: CellStyle { base.with { $0.italic = true; $0.horizontal = .center; $0.wrap = true } }

    // Instructions sheet.
    var instructionsTitle: CellStyle { base.with { $0.fontSize = 14; $0.bold = true; $0.horizontal = .center } }
    var instructionsHeading: CellStyle { base.with { $0.bold = true; $0.wrap = true; $0.vertical = .top } }
    var instructionsText: CellStyle { base.with { $0.wrap = true; $0.vertical = .top } }
    var sample: CellStyle { base.with { $0.border = .thin; $0.fillColor = Self.requiredFill } }

    static func alignment(_ role: ColumnRole) -> CellStyle.HorizontalAlignment {
        switch role {
        case .code, .max, .prev, .target, .selfScore, .appraised, .deadline: .center
        default: .left
        }
    }
}
