import Testing
@testable import ParIndexKit

/// The letter's number and date, and the appendix reference completed from them.
struct DocumentHeadingTests {
    static let letter = [
        "UBND TỈNH ĐẮK NÔNG", "VĂN PHÒNG", "Số: 642 /VPUBND-HCQT", "V/v phân công nhiệm vụ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Đắk Nông, ngày 28 tháng 7 năm 2020",
        "Thực hiện Kế hoạch số 379/KH-UBND ngày 16 tháng 7 năm 2020 của UBND tỉnh về việc cải thiện Chỉ số CCHC",
    ]

    @Test func readsTheHeadingNotTheBody() {
        let heading = DocumentHeading(lines: Self.letter)
        #expect(heading.number == "642/VPUBND-HCQT")
        #expect(heading.symbol == "VPUBND-HCQT")
        #expect(heading.date == .init(day: 28, month: 7, year: 2020))
        // Only the body names a number and a date: neither is the letter's.
        let body = DocumentHeading(lines: Array(Self.letter.suffix(1)))
        #expect(body.number == nil && body.symbol == nil && body.date == nil)
    }

    @Test func blankNumberAndDateAreKnownAsBlank() {
        let nfd = "Ninh Sơn, ngày    tháng 7 năm 2022".decomposedStringWithCanonicalMapping
        let heading = DocumentHeading(lines: ["Số:   /KH-UBND", nfd])
        #expect(heading.number == nil)
        #expect(heading.symbol == "KH-UBND")
        #expect(heading.date == nil)
        #expect(heading.fill("Kèm theo Kế hoạch số /KH-UBND ngày / /2022 của UBND huyện") == nil)
    }

    @Test func fillsABlankNumberAndDate() {
        let heading = DocumentHeading(number: "87/KH-UBND", symbol: "KH-UBND", date: .init(day: 28, month: 3, year: 2023))
        #expect(heading.fill("Kèm theo Kế hoạch số /KH-UBND ngày / /2023 của UBND huyện")
                == "Kèm theo Kế hoạch số 87/KH-UBND ngày 28 tháng 3 năm 2023 của UBND huyện")
        #expect(heading.fill("Kèm theo Kế hoạch số: /KH-UBND ngày    tháng 3 năm 2023\ncủa UBND huyện")
                == "Kèm theo Kế hoạch số 87/KH-UBND ngày 28 tháng 3 năm 2023 của UBND huyện")
        // Only the date is missing.
        #expect(heading.fill("Kèm theo Kế hoạch số 87/KH-UBND ngày tháng năm 2023")
                == "Kèm theo Kế hoạch số 87/KH-UBND ngày 28 tháng 3 năm 2023")
    }

    @Test func leavesCompleteOrInconsistentReferencesAlone() {
        let heading = DocumentHeading(lines: Self.letter)
        // Complete already (even with another number: the reference is what was typed).
        #expect(heading.fill("Ban hành kèm theo Công văn số 642/PPUBND-HCQT ngày 11 tháng 7 năm 2020") == nil)
        // Another document's symbol, another month: not this letter's.
        #expect(heading.fill("Kèm theo Kế hoạch số /KH-UBND ngày tháng 3 năm 2020") == nil)
        // The same symbol and month: filled.
        #expect(heading.fill("Kèm theo Công văn số /VPUBND-HCQT ngày tháng 7 năm 2020")
                == "Kèm theo Công văn số 642/VPUBND-HCQT ngày 28 tháng 7 năm 2020")
    }
}
