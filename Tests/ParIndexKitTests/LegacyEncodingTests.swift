import Foundation
import Testing
import XLSX
@testable import ParIndexKit

/// TCVN3 and VNI text: the tables against their references on every Vietnamese letter,
/// and detection that never touches Unicode Vietnamese or English.
@Suite("Legacy Vietnamese encodings")
struct LegacyEncodingTests {
    /// The 67 lower-case Vietnamese letters with a diacritic, NFC.
    static let letters: [String] = {
        var result = ["đ"]
        for base in ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"] {
            for tone in ["", "\u{301}", "\u{300}", "\u{309}", "\u{303}", "\u{323}"] {
                let letter = (base + tone).precomposedStringWithCanonicalMapping
                if !"aeiouy".contains(letter) { result.append(letter) }
            }
        }
        return result
    }()

    static let iconv = ["/usr/bin/iconv", "/bin/iconv"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// glibc's converter, the reference for TCVN3.
    static func run(_ input: Data, from: String, to: String) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: iconv!)
        process.arguments = ["-f", from, "-t", to]
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }

    /// A byte as Excel stores it: its Windows-1252 character (Latin-1 where undefined).
    static func image(_ byte: UInt8) -> Character {
        let cp1252: [UInt8: UInt32] = [0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020,
                                       0x87: 0x2021, 0x88: 0x02C6, 0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152,
                                       0x8E: 0x017D, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201C, 0x94: 0x201D, 0x95: 0x2022,
                                       0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02DC, 0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A,
                                       0x9C: 0x0153, 0x9E: 0x017E, 0x9F: 0x0178]
        return Character(Unicode.Scalar(cp1252[byte] ?? UInt32(byte))!)
    }

    @Test(.enabled(if: iconv != nil, "glibc iconv is needed as the TCVN3 reference"))
    func tcvn3EveryLetterAgainstIconv() throws {
        for letter in Self.letters + Self.letters.map { $0.uppercased() } {
            let bytes = try Self.run(Data(letter.utf8), from: "UTF-8", to: "TCVN5712-1")
            #expect(!bytes.isEmpty, "iconv cannot encode \(letter)")
            let stored = String(bytes.map(Self.image))
            #expect(LegacyEncoding.tcvn3.decode(stored) == letter, "\(letter) ← \(stored.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test(.enabled(if: iconv != nil, "glibc iconv is needed as the TCVN3 reference"))
    func tcvn3EveryByteAgainstIconv() throws {
        for byte in UInt8(0x20)...UInt8(0xFF) {
            let reference = String(decoding: try Self.run(Data([byte]), from: "TCVN5712-1", to: "UTF-8"), as: UTF8.self)
                .precomposedStringWithCanonicalMapping
            #expect(LegacyEncoding.tcvn3.decode(String(Self.image(byte))) == reference, "byte \(String(byte, radix: 16))")
        }
    }

    /// The VNI-Windows scheme, written out independently of the generated table: a base
    /// letter then one mark byte (lower case here; capitals use the capital mark).
    static func vni(_ letter: String) -> String {
        let singles: [String: String] = ["đ": "ñ", "ơ": "ô", "ư": "ö", "ỉ": "æ", "ĩ": "ó", "ị": "ò", "ỵ": "î", "í": "í", "ì": "ì"]
        if let single = singles[letter] { return single }
        let scalars = Array(letter.decomposedStringWithCanonicalMapping.unicodeScalars)
        let base = String(scalars[0])
        let marks = Set(scalars.dropFirst().map(\.value))
        let tone = [0x301, 0x300, 0x309, 0x303, 0x323].firstIndex { marks.contains($0) }
        let toneMark = ["ù", "ø", "û", "õ", "ï"]
        if marks.contains(0x302) { return base + (tone.map { ["á", "à", "å", "ã", "ä"][$0] } ?? "â") }
        if marks.contains(0x306) { return base + (tone.map { ["é", "è", "ú", "ü", "ë"][$0] } ?? "ê") }
        if marks.contains(0x31B) { return (base == "o" ? "ô" : "ö") + (tone.map { toneMark[$0] } ?? "") }
        return base + (tone.map { toneMark[$0] } ?? "")
    }

    @Test func vniEveryLetter() {
        for letter in Self.letters {
            #expect(LegacyEncoding.vni.decode(Self.vni(letter)) == letter, "\(letter) ← \(Self.vni(letter))")
            let upper = letter.uppercased()
            #expect(LegacyEncoding.vni.decode(Self.vni(letter).uppercased()) == upper, "\(upper)")
        }
    }

    @Test func knownWords() {
        #expect(LegacyEncoding.tcvn3.decode("Phßng Néi vô") == "Phòng Nội vụ")
        #expect(LegacyEncoding.tcvn3.decode("§iÓm tù ®¸nh gi¸") == "Điểm tự đánh giá")
        #expect(LegacyEncoding.tcvn3.decode("PHßNG T¦ PH¸P") == "PHÒNG TƯ PHÁP", "capitals typed with lower-case codes")
        #expect(LegacyEncoding.tcvn3.decode("phßng", upperCase: true) == "PHÒNG")
        #expect(LegacyEncoding.vni.decode("Phoøng Noäi vuï") == "Phòng Nội vụ")
        #expect(LegacyEncoding.vni.decode("Tö phaùp") == "Tư pháp")
        #expect(LegacyEncoding.vni.decode("ÑAÉK NOÂNG") == "ĐẮK NÔNG")
        #expect(LegacyEncoding.vni.decode("Vaên phoøng HÑND vaø UBND huyeän") == "Văn phòng HĐND và UBND huyện")
    }

    static func classify(_ text: String, font: String? = nil) -> LegacyEncoding? {
        var detector = LegacyTextDetector()
        return detector.classify(text, font: font)?.0
    }

    @Test func detectsByCharactersAlone() {
        #expect(Self.classify("Phßng Néi vô") == .tcvn3)
        #expect(Self.classify("Lĩnh vực") == nil)
        #expect(Self.classify("LÜnh vùc/Tiªu chÝ/Tiªu chÝ thµnh phÇn") == .tcvn3)
        #expect(Self.classify("X©y dùng, ban hµnh v¨n b¶n thuéc thÈm quyÒn cña H§ND, UBND huyÖn") == .tcvn3)
        #expect(Self.classify("Phoøng Noäi vuï") == .vni)
        #expect(Self.classify("Xaây döïng, ban haønh vaên baûn thuoäc thaåm quyeàn cuûa HÑND, UBND huyeän") == .vni)
        #expect(Self.classify("UBND HUYÖN §¡K GLONG") == .tcvn3)
    }

    @Test(arguments: [
        // Unicode Vietnamese, NFC and NFD, including words made only of Latin-1 letters.
        "Phòng Nội vụ", "Phòng Nội vụ".decomposedStringWithCanonicalMapping, "Ghi chú", "Có", "Tài liệu kiểm chứng",
        "Điểm tự đánh giá", "Đăk Glong", "Văn phòng HĐND và UBND huyện", "Quý IV/2023", "Thường xuyên",
        // English and other Latin-1 text.
        "naïve café", "Müller & Söhne", "25°C", "± 0,5 điểm", "± 0,5", "2 × 3", "“Quoted” text", "Straße", "£100",
        "©2023 Ltd.", "Résumé", "Ångström", "señor", "Øresund", "Ærø", "Zürich", "déjà vu", "Coöperation", "½ point",
        "façade", "Noël", "piñata", "smörgåsbord", "über", "jalapeño", "Ibiza ¡olé!", "§ 3", "a·b", "50¢",
        "ASCII only, no accents", "1.2.3", "0,25",
    ])
    func neverMisfires(text: String) {
        #expect(Self.classify(text) == nil, "\(text)")
    }

    @Test func fontHints() {
        #expect(LegacyEncoding.implied(byFont: ".VnTime") == .tcvn3)
        #expect(LegacyEncoding.implied(byFont: ".VnArialH") == .tcvn3)
        #expect(LegacyEncoding.implied(byFont: "VNI-Times") == .vni)
        #expect(LegacyEncoding.implied(byFont: "Times New Roman") == nil)
        var detector = LegacyTextDetector()
        let cell = Cell(reference: CellReference(row: 1, column: 1), value: .string("Cã"), fontName: ".VnTime")
        #expect(detector.text(of: cell) == "Có", "a font hint converts even text with no telltale character")
        let capitals = Cell(reference: CellReference(row: 1, column: 2), value: .string("phßng t­ ph¸p"), fontName: ".VnTimeH")
        #expect(detector.text(of: capitals) == "PHÒNG TƯ PHÁP")
        let unicode = Cell(reference: CellReference(row: 1, column: 3), value: .string("Phòng Nội vụ"), fontName: ".VnTime")
        #expect(detector.text(of: unicode) == "Phòng Nội vụ", "Unicode text in a legacy font is left alone")
        #expect(detector.cells[.tcvn3] == [CellReference(row: 1, column: 1), CellReference(row: 1, column: 2)])
    }

    @Test func syllables() {
        for word in ["phòng", "nghiêng", "khuyến", "giữ", "gì", "quý", "người", "Đắk", "thuở", "oanh", "yêu"] {
            #expect(VietnameseSyllable.isValid(word), "\(word)")
        }
        for word in ["naùve", "mỹller", "phoứng", "25c", "hđnd", "strà", "ứá"] {
            #expect(!VietnameseSyllable.isValid(word), "\(word)")
        }
    }
}
