import ArgumentParser
import ParIndexKit

/// `consolidate`'s options for the lines around the appendix table; each wins over the
/// framework's `metadata.report`.
struct ReportOptions: ParsableArguments {
    @Option(name: .long, help: "Tiêu đề dưới dòng PHỤ LỤC (mặc định: \"Kết quả tự đánh giá, chấm điểm Chỉ số CCHC năm … của …\").")
    var title: String?

    @Option(name: .long, help: "Dòng \"Kèm theo …\" (ví dụ: \"Kèm theo Báo cáo số 120/BC-UBND ngày 15/11/2023 của UBND huyện\").")
    var attachedTo: String?

    @Option(name: .long, help: "Cơ quan ban hành, dùng trong tiêu đề và dòng Kèm theo mặc định (ví dụ: \"UBND huyện Đắk Mil\").")
    var issuer: String?

    @Flag(name: .long, help: "Thêm khối chữ ký dưới bảng (mặc định: NGƯỜI LẬP BIỂU, THỦ TRƯỞNG ĐƠN VỊ).")
    var signature = false

    @Option(name: .long, help: ArgumentHelp(
        "Người ký, từ trái sang phải (lặp lại được); các dòng cách nhau bởi |, ví dụ \"KT. CHỦ TỊCH|PHÓ CHỦ TỊCH|Võ Quốc Tuấn\".",
        valueName: "chức danh"))
    var signer: [String] = []

    @Option(name: .long, help: "Địa danh của dòng ngày tháng (\"Đắk Mil, ngày … tháng … năm …\").")
    var signPlace: String?

    @Option(name: .long, help: "Cả dòng ngày tháng, ghi nguyên văn (ví dụ: \"Đắk Mil, ngày 15 tháng 11 năm 2023\").")
    var signDate: String?

    /// The lines given; a signature block when any of its options is used.
    var metadata: ReportMetadata {
        var signatureBlock: SignatureBlock?
        if signature || !signer.isEmpty || signPlace != nil || signDate != nil {
            signatureBlock = SignatureBlock(place: signPlace, dateLine: signDate,
                                            signers: signer.isEmpty ? SignatureBlock.defaultSigners : signer.map(Signer.init(commandLine:)))
        }
        return ReportMetadata(title: title, attachedTo: attachedTo, issuer: issuer, signature: signatureBlock)
    }
}
