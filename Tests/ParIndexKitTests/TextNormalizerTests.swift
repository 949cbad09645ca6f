import Foundation
import Testing
@testable import ParIndexKit

@Suite struct TextNormalizerTests {
    /// `isBlank` says what `collapseWhitespace(_:).isEmpty` says, on white space of every
    /// kind, invisible characters, controls and letters.
    /// The per-scalar folding table gives what folding the whole text through NFD does, on
    /// every letter of Vietnamese in both cases and forms, and on other scripts and marks.
    @Test func foldKeyAgreesWithTheSlowPath() {
        let lower = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
        let samples = [lower, lower.uppercased(), lower.decomposedStringWithCanonicalMapping,
                       "Điểm  chuẩn\n(tối đa)", "Lĩnh vực/Tiêu chí", "ÅÆØ ß İ ﬁ Ω № ½ ①", "Ελληνικά Кириллица 中文",
                       "a\u{0301}\u{0323}b", "\u{200B}x\u{00A0}y\u{3000}z", "", "   ", "123 4.5,6"]
        for text in samples {
            #expect(TextNormalizer.foldKey(text) == TextNormalizer.foldKeySlow(text), "\(text)")
        }
    }

    /// The byte-level fast path of `nfc` keeps exactly the texts that are NFC already
    /// (Latin up to U+02FF and precomposed Vietnamese), and normalises the others.
    @Test func nfcFastPathOnBytes() {
        for text in ["Điểm chuẩn", "Tiếng Việt có dấu: ỳ ỹ ự ở", "ASCII only", "", "\u{02FF}\u{1E00}\u{1EFF}",
                     "Đie\u{0302}\u{0309}m", "a\u{0300}", "\u{1F00}", "Ω", "中文", "\u{212B}"] {
            #expect(TextNormalizer.nfc(text) == text.precomposedStringWithCanonicalMapping, "\(text)")
            #expect(Array(TextNormalizer.nfc(text).utf8) == Array(text.precomposedStringWithCanonicalMapping.utf8), "\(text)")
        }
    }

    @Test func isBlankAgreesWithCollapsingWhiteSpace() {
        let pieces = ["", " ", "\t", "\n", "\r", "\u{00A0}", "\u{2003}", "\u{3000}", "\u{200B}", "\u{FEFF}", "\u{00AD}",
                      "\u{0001}", "\u{007F}", "a", "Đ", "\u{0301}", "1", "-"]
        for a in pieces { for b in pieces { for c in pieces {
            let text = a + b + c
            #expect(TextNormalizer.isBlank(text) == TextNormalizer.collapseWhitespace(text).isEmpty, "\(Array(text.unicodeScalars))")
        } } }
    }

    @Test func foldKeyUnifiesCaseAccentsFormsAndSpacing() {
        let nfd = "Điểm  chuẩn\n".decomposedStringWithCanonicalMapping
        #expect(!nfd.unicodeScalars.elementsEqual("Điểm  chuẩn\n".unicodeScalars)) // really decomposed
        for text in ["Điểm chuẩn", "ĐIỂM CHUẨN", nfd, "  điểm\u{00A0}chuẩn\t", "Diem chuan"] {
            #expect(TextNormalizer.foldKey(text) == "diem chuan", "\(text)")
        }
    }

    @Test func foldKeyRemovesEveryVietnameseDiacriticAndD() {
        #expect(TextNormalizer.foldKey("Đơn vị phối hợp") == "don vi phoi hop")
        #expect(TextNormalizer.foldKey("Mức tiêu năm 2020") == "muc tieu nam 2020")
        #expect(TextNormalizer.foldKey("ƯỚC, ĐẠT; ỔN ỹ ờ ự đ Đ") == "uoc dat on y o u d d")
        #expect(TextNormalizer.foldKey("Người thực hiện") == "nguoi thuc hien")
    }

    @Test func foldKeyTurnsPunctuationIntoSingleSpaces() {
        #expect(TextNormalizer.foldKey("Lĩnh vực/Tiêu chí/Tiêu chí thành phần") == "linh vuc tieu chi tieu chi thanh phan")
        #expect(TextNormalizer.foldKey("Nhiệm vụ, giải pháp") == "nhiem vu giai phap")
        #expect(TextNormalizer.foldKey("HĐND&UBND") == "hdnd ubnd")
        #expect(TextNormalizer.foldKey("  -- (1) --  ") == "1")
        #expect(TextNormalizer.foldKey("") == "")
        #expect(TextNormalizer.foldKey("!?") == "")
    }

    @Test func collapseWhitespaceHandlesUnicodeSpaces() {
        #expect(TextNormalizer.collapseWhitespace("  a\u{00A0}\u{00A0}b\r\n\tc\u{2003}d\u{2028}e  ") == "a b c d e")
        #expect(TextNormalizer.collapseWhitespace("x\u{200B}y") == "xy")
        #expect(TextNormalizer.collapseWhitespace(" \n ") == "")
    }

    @Test func nfcAndCleanRecompose() {
        let nfd = "Thường xuyên".decomposedStringWithCanonicalMapping
        #expect(TextNormalizer.nfc(nfd).unicodeScalars.elementsEqual("Thường xuyên".precomposedStringWithCanonicalMapping.unicodeScalars))
        #expect(TextNormalizer.clean(" \(nfd)\n ").unicodeScalars.count == "Thường xuyên".unicodeScalars.count)
    }

    @Test func editDistance() {
        #expect(EditDistance.between("cttbdt", "cttdt") == 1)
        #expect(EditDistance.between("kitten", "sitting") == 3)
        #expect(EditDistance.between("", "abc") == 3)
        #expect(EditDistance.between("abc", "abc") == 0)
        #expect(EditDistance.between("diem dat", "diem chuan", limit: 1) == 2) // capped at limit + 1
    }
}

/// The fast path of `collapseWhitespace` must agree with the full scan on Vietnamese text.
@Test(arguments: [
    ("Điểm chuẩn", "Điểm chuẩn"),
    ("Điểm\u{00A0}chuẩn", "Điểm chuẩn"),
    ("Điểm  chuẩn", "Điểm chuẩn"),
    (" Điểm chuẩn", "Điểm chuẩn"),
    ("Điểm chuẩn ", "Điểm chuẩn"),
    ("Điểm\u{200B}chuẩn", "Điểmchuẩn"),
    ("Điểm\u{2003}chuẩn", "Điểm chuẩn"),
    ("Điểm\u{3000}chuẩn", "Điểm chuẩn"),
    ("Điểm\u{FEFF}chuẩn", "Điểmchuẩn"),
    ("Tiêu chí\nthành phần", "Tiêu chí thành phần"),
    ("Ứng dụng CNTT", "Ứng dụng CNTT"),
])
func collapseWhitespaceFastPathAgrees(_ input: String, _ expected: String) {
    #expect(TextNormalizer.collapseWhitespace(input) == expected)
}
