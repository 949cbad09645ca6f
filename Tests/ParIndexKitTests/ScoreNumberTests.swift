import Testing
@testable import ParIndexKit

@Suite struct ScoreNumberTests {
    /// (text, expected value, expected ambiguity); nil value = not a number.
    static let cases: [(String, Double?, Bool)] = [
        ("0,25", 0.25, false),
        ("3,75", 3.75, false),
        ("24,607", 24.607, false),
        ("1.250,5", 1250.5, false),
        ("0.5", 0.5, false),
        ("1", 1, false),
        ("-0,5", -0.5, false),
        (" 2 ", 2, false),
        ("1.250", 1.25, true),
        ("12.500", 12.5, true),
        ("999.999", 999.999, true),
        ("0.250", 0.25, false),
        ("1250.000", 1250, false),
        ("1,250.5", 1250.5, false),
        ("1.250.000", 1_250_000, false),
        ("1,250,000", 1_250_000, false),
        ("1.250.000,75", 1_250_000.75, false),
        ("1 250,5", 1250.5, false),
        ("1\u{00A0}250", 1250, false),
        ("\u{00A0}0,75\u{00A0}", 0.75, false),
        ("\u{2212}0,5", -0.5, false),
        ("– 1", -1, false),
        ("+2", 2, false),
        ("71.79", 71.79, false),
        ("17,5", 17.5, false),
        (",5", 0.5, false),
        (".5", 0.5, false),
        ("0", 0, false),
        ("-0", 0, false),
        ("10%", nil, false),
        ("6,25%", nil, false),
        ("", nil, false),
        ("   ", nil, false),
        ("-", nil, false),
        ("−", nil, false),
        ("Thường xuyên", nil, false),
        ("1.", nil, false),
        ("1,", nil, false),
        ("1..2", nil, false),
        ("1,,2", nil, false),
        ("1.2.3", nil, false),
        ("1,5.5", nil, false),
        ("1.250,5,5", nil, false),
        ("1.25.000", nil, false),
        ("1 2", nil, false),
        ("1e3", nil, false),
        ("15/11/2023", nil, false),
        ("3,75/13", nil, false),
        ("2 điểm", nil, false),
        ("--1", nil, false),
        (String(repeating: "9", count: 80), nil, false),
    ]

    @Test(arguments: 0..<cases.count)
    func parses(_ index: Int) {
        let (text, expected, ambiguous) = Self.cases[index]
        let parsed = ScoreNumber.parse(text)
        if let expected {
            #expect(parsed != nil, "\(text) should parse")
            if let parsed {
                #expect(abs(parsed.value - expected) < 1e-9, "\(text) → \(parsed.value), expected \(expected)")
                #expect(parsed.isAmbiguous == ambiguous, "\(text) ambiguity")
                #expect(parsed.original == text)
            }
        } else {
            #expect(parsed == nil, "\(text) should not parse, got \(String(describing: parsed?.value))")
        }
    }

    @Test func negativeZeroIsPlainZero() {
        #expect(ScoreNumber.parse("-0,0")?.value.sign == .plus)
    }
}
