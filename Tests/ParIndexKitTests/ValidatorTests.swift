import Foundation
import Testing
import XLSX
@testable import ParIndexKit

/// One test per rule on a small framework; each asserts the exact (rule, cell, code) set.
struct ValidatorTests {
    typealias F = ValidationFixture

    func findings(_ edit: (inout [[TestCell]]) -> Void, identity: TemplateIdentity? = nil,
                  layout: Layout? = F.layout) -> [Finding] {
        var rows = F.cleanRows()
        edit(&rows)
        return F.validate(F.submission(rows, identity: identity), layout: layout)
    }

    @Test func cleanSubmissionHasNoFinding() {
        let submission = F.submission()
        #expect(submission.table.rows.count == 10)
        #expect(F.validate(submission).isEmpty)
        // Also with the built-in plan layout (the framework's), and from a template of the right framework.
        #expect(F.validate(submission, layout: nil).isEmpty)
        #expect(F.validate(F.submission(identity: F.identity(unit: "VP"))).isEmpty)
    }

    @Test func scoreNotANumber() {
        let result = findings { $0[2][5] = "khoảng 1" }
        #expect(result.triples == [Triple(.scoreNotANumber, "F6", "1.1")])
        #expect(result[0].found == "khoảng 1")
        #expect(result[0].expected == "một số từ 0 đến 1")
        #expect(result[0].severity == .error && result[0].file == "don-vi.xlsx" && result[0].sheet == "Phụ lục")
        #expect(result[0].message == "Điểm tự đánh giá \"khoảng 1\" của tiêu chí 1.1 không phải là số; đề nghị ghi một số từ 0 đến 1")
        // In the điểm chuẩn column the framework's number is expected.
        let max = findings { $0[4][2] = "nửa điểm" }
        #expect(max.triples == [Triple(.scoreNotANumber, "C8", "1.2.1")])
        #expect(max[0].expected == "0,5")
    }

    @Test func scoreNegative() {
        let result = findings { $0[4][5] = "-0,5" }
        #expect(result.triples == [Triple(.scoreNegative, "F8", "1.2.1")])
        #expect(result[0].found == "-0,5")
    }

    @Test func scoreExceedsMaxUsesTheFrameworkMaxAndAVietnameseDecimalComma() {
        let result = findings { $0[4][5] = 1.5 }
        #expect(Set(result.triples) == [Triple(.scoreExceedsMax, "F8", "1.2.1"),
                                        Triple(.sumExceedsParent, "F7", "1.2")])
        let exceeds = result.first { $0.rule == .scoreExceedsMax }!
        #expect(exceeds.message == "Điểm tự đánh giá 1,5 vượt điểm chuẩn 0,5 của tiêu chí 1.2.1")
        #expect(exceeds.found == "1,5" && exceeds.expected == "một số từ 0 đến 0,5")
        // The framework's max counts even when the file's max was raised with the score.
        let raised = findings { $0[7][2] = 2; $0[7][5] = 1.5 }
        #expect(raised.triples == [Triple(.criterionMaxChanged, "C11", "2.1"), Triple(.scoreExceedsMax, "F11", "2.1")])
    }

    @Test func scoreAmbiguous() {
        let result = findings { $0[7][4] = "1.000" }
        #expect(result.triples == [Triple(.scoreAmbiguous, "E11", "2.1")])
        #expect(result[0].severity == .warning)
        #expect(result[0].found == "1.000" && result[0].expected == "1")
    }

    @Test func targetBelowPrev() {
        let result = findings { $0[2][4] = "0,5" }
        #expect(result.triples == [Triple(.targetBelowPrev, "E6", "1.1")])
        #expect(result[0].severity == .warning)
    }

    @Test func requiredMissingOnLeafRowsWithAMax() {
        // Blank self on 1.1, tasks on 2.1 (its group row 2 has none to carry), target on the
        // group 1.2: a group row holds its children's sums, so nothing is required there.
        let result = findings { $0[2][5] = nil; $0[7][6] = nil; $0[3][4] = nil }
        #expect(result.triples == [Triple(.requiredMissing, "F6", "1.1"), Triple(.requiredMissing, "G11", "2.1")])
        // Group rows without a max carry no scores: blanking row 2 and 2.2 changes nothing
        // except the tasks 2.2 carried for its bullet row.
        let groups = findings { $0[8][6] = nil }
        #expect(groups.triples == [Triple(.requiredMissing, "G13", "-")])
    }

    @Test func requiredMissingOnLeavesWhenTheLayoutHasNoMax() throws {
        let remediation = try LayoutLibrary.load("remediation")
        // Deadline required on leaves: 1.1, 1.2.1, 1.2.2, 2.1 and the bullet; not on the
        // groups 1 and 1.2, whose deadlines 1.2.1 would otherwise take.
        let result = findings({ $0[4][9] = nil; $0[3][9] = nil; $0[1][9] = nil; $0[9][9] = nil }, layout: remediation)
        #expect(result.triples == [Triple(.requiredMissing, "J8", "1.2.1"), Triple(.requiredMissing, "J13", "-")])
    }

    @Test func criterionUnknown() {
        let result = findings {
            $0.append(["2.3", "Tiêu chí không có trong bộ", 1, nil, 1, 1, "- Việc", "CTTĐT", nil, "Thường xuyên"])
        }
        #expect(result.triples == [Triple(.criterionUnknown, "A14", "2.3")])
        #expect(result[0].message == "Mã \"2.3\" ở dòng 14 không có trong bộ tiêu chí; đề nghị kiểm tra lại mã và tên tiêu chí")
    }

    @Test func criterionDuplicateReportsTheLaterRow() {
        let result = findings { $0.append($0[2]) }
        #expect(result.triples == [Triple(.criterionDuplicate, "A14", "1.1")])
        #expect(result[0].message.contains("dòng 6"))
    }

    @Test func criterionMissingForTheInferredUnit() {
        // Văn phòng leads 1.1, 1.2.1, 1.2.2 and the bullet; CTTĐT 2.1: Văn phòng is inferred.
        let result = findings { $0.remove(at: 4) }
        #expect(result.triples == [Triple(.criterionMissing, nil, "1.2.1")])
        #expect(result[0].message == "Thiếu tiêu chí 1.2.1 \"Công bố TTHC đúng hạn\" do đơn vị Văn phòng chủ trì")
        // The bullet row is named by its id.
        let bullet = findings { $0.remove(at: 9) }
        #expect(bullet.triples == [Triple(.criterionMissing, nil, "2.2-1")])
        // Văn phòng and CTTĐT lead one row each: a tie, no unit inferred, nothing reported.
        let tie = findings { $0.remove(at: 5); $0.remove(at: 4); $0.remove(at: 2) }
        #expect(tie.isEmpty)
    }

    @Test func criterionMissingForTheTemplateUnit() {
        let result = findings({ $0.remove(at: 7) }, identity: F.identity(unit: "CTTDT"))
        #expect(result.triples == [Triple(.criterionMissing, nil, "2.1")])
        #expect(findings({ $0.remove(at: 7) }, identity: F.identity(unit: "VP")).isEmpty)
    }

    @Test func criterionMaxChanged() {
        let result = findings { $0[7][2] = 2 }
        #expect(result.triples == [Triple(.criterionMaxChanged, "C11", "2.1")])
        #expect(result[0].found == "2" && result[0].expected == "1")
        let erased = findings { $0[7][2] = nil }
        #expect(erased.triples == [Triple(.criterionMaxChanged, "C11", "2.1")])
    }

    @Test func criterionTitleChangedIgnoresCaseSpacingAndNFD() {
        let result = findings {
            $0[2][1] = "Kiểm soát thủ tục hành chính"
            $0[7][1] = .text("  VẬN HÀNH   cổng dịch vụ công\n".decomposedStringWithCanonicalMapping)
        }
        #expect(result.triples == [Triple(.criterionTitleChanged, "B6", "1.1")])
        #expect(result[0].severity == .warning)
        #expect(result[0].expected == "Kiểm soát quy định thủ tục hành chính")
    }

    @Test func sumExceedsParent() {
        // The group 1.2's max lowered to 0,75: its children add up to 1, their scores too,
        // and group 1's children now add up to 1,75 instead of 2.
        let result = findings { $0[3][2] = "0,75"; $0[3][4] = "0,75"; $0[3][5] = "0,75" }
        #expect(result.triples == [Triple(.sumExceedsParent, "C5", "1"),
                                   Triple(.criterionMaxChanged, "C7", "1.2"), Triple(.sumExceedsParent, "C7", "1.2"),
                                   Triple(.sumExceedsParent, "E7", "1.2"), Triple(.sumExceedsParent, "F7", "1.2")])
        // A framework whose group max disagrees with its children: the clean file shows it.
        var framework = F.framework
        framework.criteria[0].children[0].max = 3
        let submission = F.submission({ var r = F.cleanRows(); r[1][2] = 3; return r }())
        let own = F.validate(submission, framework: framework)
        #expect(own.triples == [Triple(.sumExceedsParent, "C5", "1")])
        #expect(own[0].found == "2" && own[0].expected == "3")
    }

    @Test func unitUnknownSuggestsTheNearestUnit() {
        let result = findings { $0[7][7] = "CTTBDT"; $0[7][8] = "TTHCC; Phòng Quản trị" }
        #expect(result.triples == [Triple(.unitUnknown, "H11", "2.1"), Triple(.unitUnknown, "I11", "2.1")])
        #expect(result[0].message == "Đơn vị \"CTTBDT\" không có trong danh sách; có phải \"CTTĐT\"?")
        #expect(result[0].found == "CTTBDT" && result[0].expected == "CTTĐT")
        #expect(result[1].found == "Phòng Quản trị" && result[1].expected == nil)
    }

    @Test func unitNotLead() {
        let result = findings {
            $0[7][7] = "Văn phòng"             // 2.1 is led by CTTĐT
            $0[2][7] = "VĂN  PHÒNG"           // same unit, other spelling: fine
        }
        #expect(result.triples == [Triple(.unitNotLead, "H11", "2.1")])
        #expect(result[0].severity == .warning && result[0].expected == "CTTĐT")
    }

    @Test func deadlineInvalid() {
        let result = findings {
            $0[2][9] = "31/02/2023"; $0[4][9] = "abc"; $0[5][9] = "Trước ngày 15/13/2023"; $0[7][9] = "sớm"
        }
        #expect(result.triples == [Triple(.deadlineInvalid, "J6", "1.1"), Triple(.deadlineInvalid, "J8", "1.2.1"),
                                   Triple(.deadlineInvalid, "J9", "1.2.2"), Triple(.deadlineInvalid, "J11", "2.1")])
        #expect(result[0].message == "Thời gian hoàn thành \"31/02/2023\" của tiêu chí 1.1: ngày \"31/02/2023\" không có thật")
    }

    @Test func layoutColumnMissing() {
        // Without the tasks and target columns (both required by the layout).
        let (header1, rows1) = F.removingColumn(6, from: F.cleanRows())
        var header = header1, rows = rows1
        header.remove(at: 4); rows = rows.map { var r = $0; r.remove(at: 4); return r }
        let result = F.validate(F.submission(rows, header: header))
        #expect(result.triples == [Triple(.layoutColumnMissing, "A3", nil), Triple(.layoutColumnMissing, "A3", nil)])
        #expect(result.map(\.expected) == ["Mục tiêu năm 2023", "Nhiệm vụ, giải pháp"])
    }

    @Test func layoutComesFromTheTemplateThenTheFramework() throws {
        // No layout given: the identity's (remediation, needing a deadline on leaves) wins
        // over the framework's (plan).
        var rows = F.cleanRows()
        rows[2][9] = nil
        rows[1][9] = nil // else 1.1 takes the deadline of its group row
        let submission = F.submission(rows, identity: F.identity(unit: "VP", layout: "remediation"))
        #expect(Validator(framework: F.framework).validate(submission).triples == [Triple(.requiredMissing, "J6", "1.1")])
        rows[1][9] = "Thường xuyên"
        #expect(Validator(framework: F.framework).validate(F.submission(rows, identity: F.identity(unit: "VP", layout: "remediation"))).isEmpty)
        #expect(Validator(framework: F.framework).layout(for: submission)?.name == "remediation")
        // Without identity: the framework's plan layout, which does not require a deadline.
        #expect(Validator(framework: F.framework).validate(F.submission(rows)).isEmpty)
        // Without any layout, layout rules are skipped.
        var bare = F.framework
        bare.metadata.layout = nil
        let (header, noTasks) = F.removingColumn(6, from: F.cleanRows())
        #expect(Validator(framework: bare).validate(F.submission(noTasks, header: header)).isEmpty)
        #expect(Validator(framework: F.framework).validate(F.submission(noTasks, header: header)).triples
                == [Triple(.layoutColumnMissing, "A3", nil)])
    }

    @Test func templateOfAnotherFramework() {
        let result = findings({ _ in }, identity: F.identity(unit: "VP", hash: "0123456789abcdef"))
        #expect(result.triples == [Triple(.templateOtherFramework, nil, nil)])
        #expect(result[0].found == "0123456789abcdef" && result[0].expected == FrameworkStore.versionHash(F.framework))
    }

    @Test func everyKindOfErrorAtOnce() {
        var rows = F.cleanRows()
        rows[2][5] = "khoảng 1"                       // 1.1 self: not a number
        rows[2][1] = "Kiểm soát thủ tục"              // 1.1 title changed
        rows[4][4] = "-0,5"                           // 1.2.1 target negative and below prev
        rows[5][7] = "CTTĐT"                          // 1.2.2 lead: not Văn phòng
        rows[4][9] = "abc"                            // 1.2.1 deadline
        rows[5][5] = 1.5                              // 1.2.2 self above 0,5
        rows[5][4] = "0.250"                          // 1.2.2 target: 0 and a dot, not ambiguous
        rows[5][3] = "1.000"                          // 1.2.2 prev ambiguous; target below prev
        rows[7][2] = 2                                // 2.1 max changed
        rows[7][7] = "CTTBDT"                         // 2.1 lead unknown
        rows[7][6] = nil                              // 2.1 tasks missing
        rows.remove(at: 8)                            // 2.2 removed: the bullet's tasks are missing too
        rows.append(["1.1", "Kiểm soát quy định thủ tục hành chính", 1, 1, 1, 1, "- x", "Văn phòng", nil, nil]) // duplicate
        rows.append(["9.9", "Không có", nil, nil, nil, nil, nil, nil, nil, nil]) // unknown
        // The bullet now hangs under 2.1: it is 2.1-1, unknown; 2.2-1 (Văn phòng) is missing.
        let identity = F.identity(unit: "VP", hash: "ffffffffffffffff")
        var layout = F.layout
        layout.columns.append(LayoutColumn(role: .evidence, header: "Tài liệu kiểm chứng", required: true))
        let result = F.validate(F.submission(rows, identity: identity), layout: layout)
        let expected: [Triple] = [
            Triple(.layoutColumnMissing, "A3", nil),
            Triple(.criterionTitleChanged, "B6", "1.1"), Triple(.scoreNotANumber, "F6", "1.1"),
            Triple(.sumExceedsParent, "F7", "1.2"),
            Triple(.scoreNegative, "E8", "1.2.1"), Triple(.targetBelowPrev, "E8", "1.2.1"),
            Triple(.deadlineInvalid, "J8", "1.2.1"),
            Triple(.scoreAmbiguous, "D9", "1.2.2"), Triple(.scoreExceedsMax, "D9", "1.2.2"),
            Triple(.targetBelowPrev, "E9", "1.2.2"), Triple(.scoreExceedsMax, "F9", "1.2.2"),
            Triple(.unitNotLead, "H9", "1.2.2"),
            Triple(.criterionMaxChanged, "C11", "2.1"), Triple(.requiredMissing, "G11", "2.1"),
            Triple(.unitUnknown, "H11", "2.1"),
            Triple(.criterionUnknown, "A12", "-"),
            Triple(.criterionDuplicate, "A13", "1.1"),
            Triple(.criterionUnknown, "A14", "9.9"),
            Triple(.templateOtherFramework, nil, nil), Triple(.criterionMissing, nil, "2.2-1"),
        ]
        #expect(result.triples == expected)
        // Every validation rule fires. The appraisal rules belong to reading an appraisal
        // back; the rules about how real returns are read (merged cells, explanation rows,
        // hidden stale rows, legacy text) and the consolidation-only ones are tested in
        // ReturnsTests on workbooks that have them.
        let elsewhere: Set<RuleID> = [.appraisalLowered, .appraisalRaised, .cellMerged, .rowExplanation, .rowHiddenStale,
                                      .textLegacyEncoding, .valueDiffersFromLead, .submissionSuperseded]
        #expect(Set(result.map(\.rule)) == Set(RuleID.allCases).subtracting(elsewhere), "every rule fires")
    }
}
