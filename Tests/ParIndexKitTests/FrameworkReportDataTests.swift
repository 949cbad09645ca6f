import Foundation
import Testing
import Yams
@testable import ParIndexKit

/// Framework data for reports: classification bands, "not applicable" criteria and the
/// report section, in YAML and in submissions.
struct FrameworkReportDataTests {
    static let yaml = """
    metadata:
      title: Bộ tiêu chí thử
      year: 2023
      report:
        title: Kết quả tự chấm điểm năm 2023 của Phòng Nội vụ
        attachedTo: Kèm theo Báo cáo số 12/BC-PNV ngày 15 tháng 11 năm 2023
        issuer: Phòng Nội vụ
        signature:
          place: Đắk Mil
          signers:
          - title: NGƯỜI LẬP BIỂU
          - title: KT. TRƯỞNG PHÒNG
            subtitle: PHÓ TRƯỞNG PHÒNG
            name: Nguyễn Thị Chín
    units:
    - code: TP
      name: Phòng Tư pháp
    - code: VP
      name: Văn phòng
    classification:
    - label: Xuất sắc
      from: 95
    - label: Đạt
      from: 50
    - label: Không đạt
      from: 0
    criteria:
    - id: '1'
      code: '1'
      title: Lĩnh vực một
      children:
      - id: '1.1'
        code: '1.1'
        title: Áp dụng cho mọi đơn vị
        max: 1
      - id: '1.2'
        code: '1.2'
        title: Không áp dụng năm nay
        max: 0.5
        notApplicable: true
      - id: '1.3'
        code: '1.3'
        title: Không áp dụng cho Phòng Tư pháp
        max: 0.5
        notApplicable: [Phòng Tư pháp]
      - id: '1.4'
        code: '1.4'
        title: Ghi rõ là có áp dụng
        max: 0.5
        notApplicable: false
    """

    @Test func yamlCarriesBandsReportAndNotApplicable() throws {
        let framework = try YAMLDecoder().decode(Framework.self, from: Self.yaml)
        let report = try #require(framework.metadata.report)
        #expect(report.title == "Kết quả tự chấm điểm năm 2023 của Phòng Nội vụ")
        #expect(report.attachedTo == "Kèm theo Báo cáo số 12/BC-PNV ngày 15 tháng 11 năm 2023")
        #expect(report.issuer == "Phòng Nội vụ")
        let signature = try #require(report.signature)
        #expect(signature.signers == [Signer(title: "NGƯỜI LẬP BIỂU"),
                                      Signer(title: "KT. TRƯỞNG PHÒNG", subtitle: "PHÓ TRƯỞNG PHÒNG", name: "Nguyễn Thị Chín")])
        #expect(signature.dateText(year: 2023) == "Đắk Mil, ngày … tháng … năm 2023")

        #expect(framework.bands.bands.map(\.label) == ["Xuất sắc", "Đạt", "Không đạt"])
        #expect(framework.bands.band(forPercent: 95)?.label == "Xuất sắc")
        #expect(framework.bands.band(forPercent: 94.99)?.label == "Đạt")

        let children = framework.criteria[0].children
        #expect(children[0].notApplicable == nil)
        #expect(children[1].notApplicable == .everywhere)
        #expect(children[2].notApplicable == .units(["Phòng Tư pháp"]))
        #expect(children[3].notApplicable == nil)
        let directory = UnitDirectory(units: framework.units)
        #expect(children[2].notApplicable?.excludes(framework.units[0], in: directory) == true)
        #expect(children[2].notApplicable?.excludes(framework.units[1], in: directory) == false)
        #expect(children[1].notApplicable?.excludes(nil, in: directory) == true)

        // Saved and loaded again, nothing changes.
        let again = try YAMLDecoder().decode(Framework.self, from: try FrameworkStore.yaml(framework))
        #expect(again == framework)
    }

    @Test func absentSectionsAreNotWrittenAndBandsDefault() throws {
        let framework = ValidationFixture.framework
        #expect(framework.classification == nil)
        #expect(framework.bands == .standard)
        let json = String(decoding: try JSONEncoder().encode(framework), as: UTF8.self)
        // Frameworks without the new sections encode as before (template hashes unchanged).
        #expect(!json.contains("classification") && !json.contains("report") && !json.contains("notApplicable"))
        let bands = Classification.standard
        #expect(bands.band(forPercent: 90)?.label == "Tốt")
        #expect(bands.band(forPercent: 89.99)?.label == "Khá")
        #expect(bands.band(forPercent: 80)?.label == "Khá")
        #expect(bands.band(forPercent: 70)?.label == "Trung bình")
        #expect(bands.band(forPercent: 69.5)?.label == "Yếu")
        #expect(bands.band(forPercent: 0)?.label == "Yếu")
        #expect(bands.bands.map(bands.describe) == ["Tốt (≥ 90 %)", "Khá (80–90 %)", "Trung bình (70–80 %)", "Yếu (< 70 %)"])
    }

    @Test func signatureDefaultsAndCommandLineSigners() throws {
        let block = try YAMLDecoder().decode(SignatureBlock.self, from: "place: Gia Nghĩa")
        #expect(block.signers.map(\.title) == ["NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ"])
        #expect(SignatureBlock(dateLine: "Gia Nghĩa, ngày 15 tháng 11 năm 2023").dateText(year: 2023)
                == "Gia Nghĩa, ngày 15 tháng 11 năm 2023")
        #expect(Signer(commandLine: "KT. CHỦ TỊCH|PHÓ CHỦ TỊCH|Võ Quốc Tuấn")
                == Signer(title: "KT. CHỦ TỊCH", subtitle: "PHÓ CHỦ TỊCH", name: "Võ Quốc Tuấn"))
        #expect(Signer(commandLine: "NGƯỜI LẬP BIỂU") == Signer(title: "NGƯỜI LẬP BIỂU"))
        let merged = ReportMetadata(title: "A", issuer: "B").overridden(by: ReportMetadata(title: "C"))
        #expect(merged == ReportMetadata(title: "C", issuer: "B"))
    }

    @Test func notApplicableMarksInScoreCells() {
        for text in ["Không áp dụng", "không áp dụng", "KHÔNG ÁP DỤNG", "KAD", "KAĐ", "kad", "N/A", "n/a", " N / A "] {
            #expect(ScoreValue(cell: .string(text))?.isNotApplicable == true, "\(text)")
        }
        for text in ["0", "khoảng 1", "Không", "-", "NAM"] {
            #expect(ScoreValue(cell: .string(text))?.isNotApplicable != true, "\(text)")
        }
        #expect(ScoreValue(cell: .string("KAD"))?.number == nil)
    }

    @Test func validationAcceptsNotApplicableExceptInTheMaxColumn() {
        var rows = ValidationFixture.cleanRows()
        rows[4][5] = "Không áp dụng"   // 1.2.1 self score
        rows[5][5] = "N/A"             // 1.2.2 self score
        #expect(ValidationFixture.validate(ValidationFixture.submission(rows)).isEmpty)
        rows[4][2] = "KAD"             // 1.2.1 điểm chuẩn
        let found = ValidationFixture.validate(ValidationFixture.submission(rows))
        #expect(found.triples == [Triple(.scoreNotANumber, "C8", "1.2.1")])
    }
}
