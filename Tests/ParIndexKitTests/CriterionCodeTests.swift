import Testing
@testable import ParIndexKit

@Suite struct CriterionCodeTests {
    static let cases: [(String, CriterionCode, String)] = [
        ("A", .section("A"), "A"),
        ("B", .section("B"), "B"),
        ("I", .roman(1, []), "I"),
        ("II", .roman(2, []), "II"),
        ("III", .roman(3, []), "III"),
        ("IV", .roman(4, []), "IV"),
        ("V", .roman(5, []), "V"),
        ("IX", .roman(9, []), "IX"),
        ("XIV", .roman(14, []), "XIV"),
        ("III.1", .roman(3, [1]), "III.1"),
        ("IV.2", .roman(4, [2]), "IV.2"),
        ("IV.2.1", .roman(4, [2, 1]), "IV.2.1"),
        ("II.", .roman(2, []), "II"),
        ("1", .numeric([1]), "1"),
        ("1.", .numeric([1]), "1"),
        ("17.", .numeric([17]), "17"),
        ("1.2", .numeric([1, 2]), "1.2"),
        ("1.2.3", .numeric([1, 2, 3]), "1.2.3"),
        ("2.2.1", .numeric([2, 2, 1]), "2.2.1"),
        ("1.2.", .numeric([1, 2]), "1.2"),
        ("3)", .numeric([3]), "3"),
        (" 4.1 ", .numeric([4, 1]), "4.1"),
        ("a", .item("a"), "a"),
        ("b)", .item("b"), "b"),
        ("-", .bullet("-"), ""),
        ("+", .bullet("+"), ""),
        ("*", .bullet("*"), ""),
        ("•", .bullet("•"), ""),
        ("", .none, ""),
        ("  ", .none, ""),
        ("IIII", .text("IIII"), "IIII"),
        ("1..2", .text("1..2"), "1..2"),
        ("Tổng cộng: 21 nội dung", .text("Tổng cộng: 21 nội dung"), "Tổng cộng: 21 nội dung"),
    ]

    /// Plain numeric codes (digit groups and dots, a final `.` or `)`) take a byte-level
    /// fast path: it gives what the general parse gives, and leaves every other shape to it.
    @Test func plainNumericCodesParseAsTheGeneralPathDoes() {
        let cases: [(String, CriterionCode)] = [
            ("1.2.3", .numeric([1, 2, 3])), ("2.", .numeric([2])), ("1)", .numeric([1])), ("0", .numeric([0])),
            ("0012.9999", .numeric([12, 9999])), (" 1.2 ", .numeric([1, 2])), ("1..2", .text("1..2")), (".1", .text(".1")),
            ("1.2..", .text("1.2..")), ("12345", .text("12345")), (".", .text(".")), (")", .text(")")), ("", .none),
            ("1.a", .text("1.a")), ("III.1", .roman(3, [1])), ("A", .section("A")), ("-", .bullet("-")),
        ]
        for (text, expected) in cases {
            #expect(CriterionCode(parsing: text) == expected, "\(text)")
            #expect(CriterionCode(parsing: text).isUnnumbered == CriterionCode(parsing: text).normalized.isEmpty, "\(text)")
        }
    }

    @Test(arguments: 0..<cases.count)
    func parses(_ index: Int) {
        let (text, code, normalized) = Self.cases[index]
        let parsed = CriterionCode(parsing: text)
        #expect(parsed == code, "\(text)")
        #expect(parsed.normalized == normalized, "\(text)")
    }

    @Test func trailingDotIsTheSameCode() {
        #expect(CriterionCode(parsing: "1.") == CriterionCode(parsing: "1"))
        #expect(CriterionCode(parsing: "1.2.") == CriterionCode(parsing: "1.2"))
    }

    @Test func ancestry() {
        let c = CriterionCode.init(parsing:)
        #expect(c("1").isAncestor(of: c("1.2.3")))
        #expect(c("1.2").isAncestor(of: c("1.2.3")))
        #expect(c("1.").isAncestor(of: c("1.2")))
        #expect(!c("1.2").isAncestor(of: c("1.2")))
        #expect(!c("1.2.3").isAncestor(of: c("1.2")))
        #expect(!c("1.2").isAncestor(of: c("1.3.1")))
        #expect(!c("1").isAncestor(of: c("11.1")))
        #expect(c("III").isAncestor(of: c("III.1")))
        #expect(c("III.1").isAncestor(of: c("III.1.2")))
        #expect(!c("III.1").isAncestor(of: c("III.2")))
        #expect(!c("II").isAncestor(of: c("III.1")))
        #expect(!c("A").isAncestor(of: c("1")))
        #expect(!c("-").isAncestor(of: c("-")))
    }

    @Test func structural() {
        #expect(CriterionCode(parsing: "A").isStructural)
        #expect(CriterionCode(parsing: "III.1").isStructural)
        #expect(CriterionCode(parsing: "1.2").isStructural)
        #expect(!CriterionCode(parsing: "-").isStructural)
        #expect(!CriterionCode(parsing: "").isStructural)
    }
}
