/// What a consolidated result says about itself: the lines above and below the `Phụ lục`
/// table. Set in a framework under `metadata.report` or by `consolidate`'s options;
/// each absent line gets a default that describes the result (see ``ReportHeading``).
///
/// ```yaml
/// metadata:
///   report:
///     title: Kết quả tự đánh giá, chấm điểm Chỉ số CCHC năm 2023 của UBND huyện
///     attachedTo: Kèm theo Báo cáo số 120/BC-UBND ngày 15 tháng 11 năm 2023 của UBND huyện
///     issuer: UBND huyện Đắk Mil
///     signature:
///       place: Đắk Mil
///       signers:
///       - title: NGƯỜI LẬP BIỂU
///       - title: KT. CHỦ TỊCH
///         subtitle: PHÓ CHỦ TỊCH
///         name: Võ Quốc Tuấn
/// ```
public struct ReportMetadata: Codable, Equatable, Sendable {
    /// The title line under `PHỤ LỤC`.
    public var title: String?
    /// The `Kèm theo …` line (printed in parentheses), without the parentheses.
    public var attachedTo: String?
    /// Who issues the result (`UBND huyện Đắk Mil`, `Phòng Nội vụ`): ends the default title.
    public var issuer: String?
    /// The signature block under the table; none when absent.
    public var signature: SignatureBlock?

    public init(title: String? = nil, attachedTo: String? = nil, issuer: String? = nil,
                signature: SignatureBlock? = nil) {
        self.title = title; self.attachedTo = attachedTo; self.issuer = issuer; self.signature = signature
    }

    /// `other`'s lines where it has them, this one's elsewhere (options over metadata).
    public func overridden(by other: ReportMetadata) -> ReportMetadata {
        ReportMetadata(title: other.title ?? title, attachedTo: other.attachedTo ?? attachedTo,
                       issuer: other.issuer ?? issuer, signature: other.signature ?? signature)
    }
}

/// A signature block as offices sign: a place and date line on the right, then the
/// signers side by side (left to right), each with room to sign.
public struct SignatureBlock: Codable, Equatable, Sendable {
    /// The place of the date line (`Đắk Mil` gives `Đắk Mil, ngày … tháng … năm 2023`).
    public var place: String?
    /// The whole date line when given as is (overrides ``place``).
    public var dateLine: String?
    /// Signers from left to right.
    public var signers: [Signer]

    public init(place: String? = nil, dateLine: String? = nil, signers: [Signer] = SignatureBlock.defaultSigners) {
        self.place = place; self.dateLine = dateLine; self.signers = signers
    }

    /// `NGƯỜI LẬP BIỂU` and `THỦ TRƯỞNG ĐƠN VỊ`.
    public static let defaultSigners = [Signer(title: "NGƯỜI LẬP BIỂU"), Signer(title: "THỦ TRƯỞNG ĐƠN VỊ")]

    /// The date line: as given, or `<place>, ngày … tháng … năm <year>` left for the
    /// signer to fill in by hand.
    public func dateText(year: Int?) -> String {
        if let dateLine { return dateLine }
        let blank = "\u{2026}"
        let yearText = year.map(String.init) ?? blank
        return "\(place ?? blank), ngày \(blank) tháng \(blank) năm \(yearText)"
    }

    enum CodingKeys: String, CodingKey { case place, dateLine, signers }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        place = try c.decodeIfPresent(String.self, forKey: .place)
        dateLine = try c.decodeIfPresent(String.self, forKey: .dateLine)
        signers = try c.decodeIfPresent([Signer].self, forKey: .signers) ?? Self.defaultSigners
    }
}

/// One signer of a signature block: a role in capitals (`THỦ TRƯỞNG ĐƠN VỊ`,
/// `KT. CHỦ TỊCH`), the signer's own title under it when signing for someone
/// (`PHÓ CHỦ TỊCH`), an italic note (`(Ký, ghi rõ họ tên)`), and the name under the
/// space left for the signature.
public struct Signer: Codable, Equatable, Sendable {
    public var title: String
    public var subtitle: String?
    public var note: String?
    public var name: String?

    public init(title: String, subtitle: String? = nil, note: String? = nil, name: String? = nil) {
        self.title = title; self.subtitle = subtitle; self.note = note; self.name = name
    }

    /// Parses the command line's `--signer` text: lines separated by `|`
    /// (`KT. CHỦ TỊCH|PHÓ CHỦ TỊCH|Võ Quốc Tuấn`: title, subtitle, name; a second part
    /// in lower case or mixed case with no capitals-only words is taken as the name).
    public init(commandLine text: String) {
        let parts = text.split(separator: "|").map { TextNormalizer.clean(String($0)) }.filter { !$0.isEmpty }
        title = parts.first ?? ""
        var rest = Array(parts.dropFirst())
        if let last = rest.last, last != last.uppercased() { name = last; rest.removeLast() }
        subtitle = rest.first
        note = nil
    }
}
