import Foundation
import Testing
import XLSX

/// `styles.xml` is read only as far as the reader needs (number formats, fonts' names,
/// `cellXfs`), in whatever order the elements come.
@Suite("Reader styles")
struct ReaderStylesTests {
    let dir = TempDir()

    private func read(styles: String) throws -> [Cell] {
        var book = TestWorkbook()
        book.sheets = [("S", nil, TestWorkbook.sheet(
            #"<row r="1"><c r="A1" s="1"><v>45352</v></c><c r="B1" s="2"><v>3</v></c><c r="C1"><v>4</v></c></row>"#))]
        book.styles = styles
        return try readAllRows(XLSXReader(path: try book.write(in: dir)))[0].cells
    }

    private static let numFmts = #"<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>"#
    private static let fonts = #"<fonts count="2"><font><name val="Calibri"/></font><font><sz val="12"/><name val=".VnTime"/></font></fonts>"#
    private static let cellXfs = #"<cellXfs count="3"><xf numFmtId="0" fontId="0"/><xf numFmtId="164" fontId="1"/><xf numFmtId="2" fontId="1"/></cellXfs>"#

    private func expectStyled(_ cells: [Cell], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(cells.map(\.fontName) == [".VnTime", ".VnTime", "Calibri"], sourceLocation: sourceLocation)
        guard cells.count == 3 else { return }
        if case .date(let date) = cells[0].value {
            #expect(date.year == 2024 && date.month == 3 && date.day == 1, sourceLocation: sourceLocation)
        } else {
            Issue.record("A1 should be a date, got \(cells[0].value)", sourceLocation: sourceLocation)
        }
        #expect(cells[1].value == .number(3), sourceLocation: sourceLocation)
    }

    @Test func schemaOrderWithEverythingAfterCellXfs() throws {
        let styles = "<styleSheet xmlns=\"\(TestWorkbook.mainNS)\">\(Self.numFmts)\(Self.fonts)"
            + #"<fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders>"#
            + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0"/></cellStyleXfs>"#
            + Self.cellXfs
            + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
            + #"<dxfs count="1"><dxf><font><name val="Arial"/></font><numFmt numFmtId="165" formatCode="0.0"/></dxf></dxfs>"#
            + "</styleSheet>"
        expectStyled(try read(styles: styles))
    }

    @Test func cellXfsBeforeFonts() throws {
        let styles = "<styleSheet xmlns=\"\(TestWorkbook.mainNS)\">\(Self.numFmts)\(Self.cellXfs)"
            + #"<fills count="1"><fill/></fills>"# + Self.fonts + "</styleSheet>"
        expectStyled(try read(styles: styles))
    }

    @Test func cellXfsAfterOtherElements() throws {
        let styles = "<styleSheet xmlns=\"\(TestWorkbook.mainNS)\"><extLst/>\(Self.fonts)"
            + #"<borders count="1"><border/></borders>"# + Self.numFmts
            + #"<cellStyleXfs count="1"><xf numFmtId="14" fontId="0"/></cellStyleXfs>"# + Self.cellXfs + "</styleSheet>"
        expectStyled(try read(styles: styles))
    }

    @Test func nothingAfterCellXfsIsParsed() throws {
        // What follows cellXfs (here broken XML) is neither needed nor read.
        let styles = "<styleSheet xmlns=\"\(TestWorkbook.mainNS)\">\(Self.numFmts)\(Self.fonts)\(Self.cellXfs)<dxfs><oops></styleSheet>"
        expectStyled(try read(styles: styles))
    }

    @Test func aDTDInStylesIsStillRefused() throws {
        var book = TestWorkbook()
        book.sheets = [("S", nil, TestWorkbook.sheet(""))]
        book.styles = "<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY a \"b\">]><styleSheet>\(Self.fonts)\(Self.cellXfs)</styleSheet>"
        expectOpenError(try book.write(in: dir), .forbiddenDTD(part: "xl/styles.xml"))
    }
}
