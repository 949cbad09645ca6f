import Foundation
import Testing
@testable import ParIndexKit

@Suite struct ColumnRoleTests {
    @Test func rawValuesAreTheJSONNames() {
        #expect(ColumnRole.allCases.map(\.rawValue) == [
            "code", "title", "max", "prev", "target", "tasks", "lead", "coop", "deadline",
            "person", "self", "evidence", "appraised", "note",
        ])
        let json = try! JSONEncoder().encode([ColumnRole.selfScore])
        #expect(String(decoding: json, as: UTF8.self) == #"["self"]"#)
    }

    /// Hashing and equality go by the case's position: one ordinal per case, in order, so
    /// dictionaries keyed by role keep every role apart.
    @Test func ordinalsAreTheCasesPositions() {
        #expect(ColumnRole.allCases.map(\.ordinal) == Array(0..<ColumnRole.allCases.count))
        let roles = Dictionary(uniqueKeysWithValues: ColumnRole.allCases.map { ($0, $0.rawValue) })
        #expect(roles.count == ColumnRole.allCases.count && roles.allSatisfy { ColumnRole(rawValue: $0.value) == $0.key })
        #expect(Set(ColumnRole.allCases.map(\.hashValue)).count == ColumnRole.allCases.count)
    }

    @Test func defaultHeaders() {
        #expect(ColumnRole.code.defaultHeader() == "STT")
        #expect(ColumnRole.title.defaultHeader() == "Lĩnh vực/Tiêu chí/Tiêu chí thành phần")
        #expect(ColumnRole.prev.defaultHeader(year: 2020) == "Điểm đạt năm 2019")
        #expect(ColumnRole.target.defaultHeader(year: 2020) == "Mục tiêu năm 2020")
        #expect(ColumnRole.prev.defaultHeader() == "Điểm đạt năm trước")
        #expect(ColumnRole.prev.headerTemplate == "Điểm đạt năm {prevYear}")
        #expect(ColumnRole.selfScore.defaultHeader() == "Điểm tự đánh giá")
        #expect(ColumnRole.note.defaultHeader(year: 2024) == "Ghi chú")
    }

    @Test func everyDefaultHeaderIsRecognisedAsItsOwnRole() {
        let matcher = HeaderMatcher()
        for role in ColumnRole.allCases {
            #expect(matcher.role(forHeader: role.defaultHeader(year: 2024)) == role, "\(role)")
            #expect(role.defaultHeader(year: 2024) == role.defaultHeader(year: 2024).precomposedStringWithCanonicalMapping)
        }
    }

    @Test func scoreRoles() {
        #expect(Set(ColumnRole.allCases.filter(\.isScore)) == [.max, .prev, .target, .selfScore, .appraised])
    }
}
