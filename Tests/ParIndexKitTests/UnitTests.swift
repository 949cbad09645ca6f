import Foundation
import Testing
@testable import ParIndexKit

@Suite struct UnitNameTests {
    /// The key without splitting (no word `va`) is the key the word-by-word rule gives.
    @Test func keyDropsOnlyTheWordVa() {
        func reference(_ text: String) -> String {
            TextNormalizer.foldKey(text).split(separator: " ").filter { $0 != "va" }.joined(separator: " ")
        }
        for text in ["Văn phòng HĐND và UBND huyện", "và", "Và Nội vụ", "Tài chính và", "va", "vam va vav ava",
                     "Văn hóa", "VA", "v a", "và và", "", "  ", "Phòng Tư pháp", "X00001", "UBND xã Số 1", "vá", "Vạn"] {
            #expect(UnitName.key(text) == reference(text), "\(text)")
        }
    }

    @Test func keyFoldsAmpersandAndVa() {
        let keys = Set([
            "Văn phòng HĐND&UBND huyện", "Văn phòng HĐND và UBND huyện", "văn phòng hđnd & ubnd huyện",
            "VĂN PHÒNG HĐND VÀ UBND HUYỆN".decomposedStringWithCanonicalMapping, " Văn  phòng\nHĐND & UBND huyện ",
        ].map(UnitName.key))
        #expect(keys == ["van phong hdnd ubnd huyen"])
        #expect(UnitName.key("Tài chính – Kế hoạch") == UnitName.key("Tài chính - Kế hoạch"))
        #expect(UnitName.key("Phòng Tài chính và Kế hoạch") == UnitName.key("Phòng Tài chính – Kế hoạch"))
        #expect(UnitName.key("CTTĐT") == "cttdt")
        #expect(UnitName.key("Phòng Nội vụ") != UnitName.key("Phòng Tư pháp"))
    }

    @Test func splitsOnSemicolonsAndLines() {
        #expect(UnitName.split("Phòng Nội vụ; Văn phòng HĐND&UBND; Tài chính – Kế hoạch; Tư pháp; Văn hóa và Thông tin")
                == ["Phòng Nội vụ", "Văn phòng HĐND&UBND", "Tài chính – Kế hoạch", "Tư pháp", "Văn hóa và Thông tin"])
        #expect(UnitName.split("- Phòng Nội vụ\n- Văn phòng Sở.\n\n") == ["Phòng Nội vụ", "Văn phòng Sở"])
        #expect(UnitName.split("Văn phòng Sở; Trung tâm TTKT& UDKHCN") == ["Văn phòng Sở", "Trung tâm TTKT& UDKHCN"])
    }

    @Test func splitsOnCommaBeforeACapitalisedUnit() {
        #expect(UnitName.split("Văn phòng HĐND&UBND, Phòng Văn hóa và Thông tin; Trung tâm Văn hóa – TT-TT")
                == ["Văn phòng HĐND&UBND", "Phòng Văn hóa và Thông tin", "Trung tâm Văn hóa – TT-TT"])
        #expect(UnitName.split("NCKSTTHC, TTHCC") == ["NCKSTTHC", "TTHCC"])
        #expect(UnitName.split("huyện; Phòng Tài nguyên và Môi trường, Chi nhánh Văn phòng đăng ký đất đai; UBND các xã, thị trấn")
                == ["huyện", "Phòng Tài nguyên và Môi trường", "Chi nhánh Văn phòng đăng ký đất đai", "UBND các xã, thị trấn"])
    }

    @Test func collectivePhrasesStayWhole() {
        #expect(UnitName.split("Các phòng, đơn vị liên quan") == ["Các phòng, đơn vị liên quan"])
        #expect(UnitName.split("Các phòng, ban, ngành đoàn thể, UBND các xã, thị trấn")
                == ["Các phòng, ban, ngành đoàn thể, UBND các xã, thị trấn"])
        #expect(UnitName.split("Các phòng, ban liên quan và UBND các xã, thị trấn")
                == ["Các phòng, ban liên quan và UBND các xã, thị trấn"])
        #expect(UnitName.split("Phòng Nội vụ, các phòng ban liên quan") == ["Phòng Nội vụ", "các phòng ban liên quan"])
        #expect(UnitName.split("Văn phòng HĐND&UBND huyện; UBND các xã, thị trấn")
                == ["Văn phòng HĐND&UBND huyện", "UBND các xã, thị trấn"])
    }

    @Test func keepsDisplayTextCleanAndDropsDuplicates() {
        let nfd = "Phòng  Nội vụ".decomposedStringWithCanonicalMapping
        let parts = UnitName.split("\(nfd);\u{00A0}Phòng Nội vụ ; PHÒNG NỘI VỤ;;")
        #expect(parts.count == 1)
        #expect(parts.first?.unicodeScalars.elementsEqual("Phòng Nội vụ".unicodeScalars) == true)
        #expect(UnitName.split("") == [])
        #expect(UnitName.split(" ; \n - ") == [])
    }
}

@Suite struct UnitDirectoryTests {
    static let directory = UnitDirectory(units: [
        Unit(code: "NCKSTTHC", name: "Phòng Nghiên cứu - Kiểm soát thủ tục hành chính"),
        Unit(code: "CTTĐT", name: "Cổng Thông tin điện tử"),
        Unit(code: "TTHCC", name: "Trung tâm Hành chính công"),
        Unit(code: "HCQT", name: "Phòng Hành chính - Quản trị"),
        Unit(code: "VP", name: "Văn phòng HĐND và UBND huyện", aliases: ["VP HĐND-UBND"]),
        Unit(code: "NV", name: "Phòng Nội vụ"),
        Unit(code: "TCKH", name: "Phòng Tài chính - Kế hoạch"),
        Unit(code: "TP", name: "Phòng Tư pháp"),
    ])

    @Test func resolvesCodesNamesAndAliases() {
        let d = Self.directory
        #expect(d.resolve("NCKSTTHC")?.code == "NCKSTTHC")
        #expect(d.resolve("cttđt")?.code == "CTTĐT")
        #expect(d.resolve("CTTDT")?.code == "CTTĐT")
        #expect(d.resolve("Văn phòng HĐND&UBND huyện")?.code == "VP")
        #expect(d.resolve("văn phòng hđnd & ubnd huyện")?.code == "VP")
        #expect(d.resolve("vp hđnd - ubnd")?.code == "VP")
        #expect(d.resolve("Phòng  Nội vụ".decomposedStringWithCanonicalMapping)?.code == "NV")
    }

    @Test func resolvesWithoutPhongPrefixOrHuyenSuffix() {
        let d = Self.directory
        #expect(d.resolve("Tài chính – Kế hoạch")?.code == "TCKH")
        #expect(d.resolve("Tư pháp")?.code == "TP")
        #expect(d.resolve("Văn phòng HĐND&UBND")?.code == "VP")
        #expect(d.resolve("Phòng Văn hóa và Thông tin") == nil)
        #expect(d.resolve("") == nil)
    }

    @Test func suggestsTheClosestUnit() {
        let d = Self.directory
        #expect(d.resolve("CTTBDT") == nil)
        #expect(d.suggest("CTTBDT")?.code == "CTTĐT")
        #expect(d.suggest("TTHC")?.code == "TTHCC")
        #expect(d.suggest("Phòng Nội vu")?.code == "NV")
        #expect(d.suggest("Phòng Nôi vủ")?.code == "NV")
        #expect(d.suggest("Trung tâm Hanh chinh cong")?.code == "TTHCC")
        #expect(d.suggest("Phòng Văn hóa và Thông tin") == nil)
        #expect(d.suggest("XY") == nil)
    }

    @Test func conflictsAreReported() {
        let d = UnitDirectory(units: [Unit(code: "A", name: "Văn phòng"), Unit(code: "B", name: "VĂN PHÒNG")])
        #expect(d.resolve("văn phòng")?.code == "A")
        #expect(d.conflicts == ["van phong": ["A", "B"]])
    }

    @Test func unitIsCodable() throws {
        let unit = Unit(code: "CTTĐT", name: "Cổng Thông tin điện tử", aliases: ["CTTBDT"])
        let data = try JSONEncoder().encode(unit)
        #expect(try JSONDecoder().decode(Unit.self, from: data) == unit)
    }
}
