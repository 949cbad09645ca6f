import Testing
@testable import ParIndexKit

@Suite struct CodeHierarchyTests {
    /// Codes of the data rows (header rows left out) of a seed table.
    static func dataCodes(_ table: String) -> [String] {
        SeedTables.codeColumn(table).filter { $0 != "STT" && $0 != "stt" }
    }

    /// Checks each row's parent, given as the parent row's code text (nil for a root).
    static func check(_ codes: [String], parents expected: [String?], depths: [Int],
                      sourceLocation: SourceLocation = #_sourceLocation) {
        let hierarchy = CodeHierarchy(parsing: codes)
        #expect(codes.count == expected.count, sourceLocation: sourceLocation)
        let actual = hierarchy.parents.map { $0.map { codes[$0] } }
        for (i, code) in codes.enumerated() where i < expected.count {
            #expect(actual[i] == expected[i], "row \(i) `\(code)`", sourceLocation: sourceLocation)
        }
        #expect(hierarchy.depths == depths, sourceLocation: sourceLocation)
    }

    @Test func seed000() {
        let codes = Self.dataCodes(SeedTables.plan2020)
        #expect(codes == ["A", "1", "1.1", "1.2", "1.2.1", "1.2.2", "1.2.3", "1.2.4", "1.2.5", "2.2",
                          "2.2.1", "2.2.2", "2.2.3", "3.3", "-", "4", "4.1", "4.1.1", "4.1.2", "4.1.3",
                          "4.1.4", "4.2", "4.2.1", "4.2.2"])
        Self.check(codes, parents: [
            nil, "A", "1", "1", "1.2", "1.2", "1.2", "1.2", "1.2", "A",
            "2.2", "2.2", "2.2", "A", "3.3", "A", "4", "4.1", "4.1", "4.1",
            "4.1", "4", "4.2", "4.2",
        ], depths: [0, 1, 2, 2, 3, 3, 3, 3, 3, 1, 2, 2, 2, 1, 2, 1, 2, 3, 3, 3, 3, 2, 3, 3])
    }

    @Test func seed002() {
        let codes = Self.dataCodes(SeedTables.assignment2022)
        #expect(codes == ["I", "1.", "2.", "3.", "II", "4.", "III.1", "5.", "6.", "7.", "III.2", "8.", "9.",
                          "10.", "IV.1", "11.", "12.", "13.", "14.", "15.", "IV.2", "16.", "", "V", "17.",
                          "18.", "19."])
        Self.check(codes, parents: [
            nil, "I", "I", "I", nil, "II", nil, "III.1", "III.1", "III.1", nil, "III.2", "III.2",
            "III.2", nil, "IV.1", "IV.1", "IV.1", "IV.1", "IV.1", nil, "IV.2", "16.", nil, "V",
            "V", "V",
        ], depths: [0, 1, 1, 1, 0, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 2, 0, 1, 1, 1])
    }

    @Test func seed003() {
        let codes = Self.dataCodes(SeedTables.plan2023)
        #expect(codes == ["1", "1.1", "1.1.1", "1.2", "1.2.1", "1.2.2", "1.3", "2", "2.1", "2.1.1", "2.2",
                          "2.2.1", "3", "3.1", "3.1.1", "4", "4.1", "4.1.1", "4.2", "4.2.1", "4.2.2",
                          "4.2.3", "4.2.4", "4.3"])
        Self.check(codes, parents: [
            nil, "1", "1.1", "1", "1.2", "1.2", "1", nil, "2", "2.1", "2", "2.2", nil, "3", "3.1",
            nil, "4", "4.1", "4", "4.2", "4.2", "4.2", "4.2", "4",
        ], depths: [0, 1, 2, 1, 2, 2, 1, 0, 1, 2, 1, 2, 0, 1, 2, 0, 1, 2, 1, 2, 2, 2, 2, 1])
    }

    @Test func seed004() {
        let codes = Self.dataCodes(SeedTables.remediation2023)
        #expect(codes.count == 23)
        var parents: [String?] = Array(repeating: nil, count: 23)
        parents[10] = "10" // the continuation row (empty STT) under 10
        var depths = Array(repeating: 0, count: 23)
        depths[10] = 1
        Self.check(codes, parents: parents, depths: depths)
        #expect(CodeHierarchy(parsing: codes).codes[22] == .text("Tổng cộng: 21 nội dung"))
    }

    @Test func missingIntermediateFallsBackToGrandparent() {
        Self.check(["1", "1.2.3"], parents: [nil, "1"], depths: [0, 1])
        Self.check(["A", "1.2.3"], parents: [nil, "A"], depths: [0, 1])
        Self.check(["1", "1.1", "1.2.3"], parents: [nil, "1", "1"], depths: [0, 1, 1])
    }

    @Test func bulletsHangFromTheNearestNumberedRow() {
        Self.check(["3", "3.3", "-", "-"], parents: [nil, "3", "3.3", "3.3"], depths: [0, 1, 2, 2])
        let h = CodeHierarchy(parsing: ["3.3", "-", "+", "", "3.4"])
        #expect(h.parents == [nil, 0, 0, 0, nil])
        #expect(h.children(of: 0) == [1, 2, 3])
        #expect(h.roots == [0, 4])
        #expect(CodeHierarchy(parsing: ["-", ""]).parents == [nil, nil])
    }

    @Test func nearestPrecedingWins() {
        // A second `1.2` takes over for the rows after it.
        let h = CodeHierarchy(parsing: ["1", "1.2", "1.2.1", "1.2", "1.2.1"])
        #expect(h.parents == [nil, 0, 1, 0, 3])
    }

    @Test func sectionsContainNumberedRowsAndResetThem() {
        let h = CodeHierarchy(parsing: ["A", "1", "1.1", "B", "1.2", "1", "1.1"])
        #expect(h.parents == [nil, 0, 1, nil, 3, 3, 5])
        #expect(h.depths == [0, 1, 2, 0, 1, 1, 2])
    }

    @Test func romanGroups() {
        // `III.1` and `III.2` under a real `III`; with sections above.
        let h = CodeHierarchy(parsing: ["A", "I", "1", "III", "III.1", "5", "III.2", "III.2.1", "6", "B", "IV.1"])
        #expect(h.parents == [nil, 0, 1, 0, 3, 4, 3, 6, 7, nil, 9])
        #expect(h.depths == [0, 1, 2, 1, 2, 3, 2, 3, 4, 0, 1])
        #expect(h.parent(of: 10) == 9)
    }

    @Test func freeTextEndsTheBulletRun() {
        let h = CodeHierarchy(parsing: ["1", "Tổng cộng", "-"])
        #expect(h.parents == [nil, nil, nil])
    }
}
