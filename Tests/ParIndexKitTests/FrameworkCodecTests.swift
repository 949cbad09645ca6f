import Foundation
import Testing
@testable import ParIndexKit

/// The binary form of framework cache entries: every field comes back exactly, repeated
/// unit lists are written once and shared, and any truncated, damaged or older entry is
/// refused (never a crash, never another framework).
@Suite struct FrameworkCodecTests {
    static let frameworksFolder = SeedWorkbookImportTests.root.appendingPathComponent("Examples/frameworks")

    static func exampleFrameworks() throws -> [Framework] {
        let names = try FileManager.default.contentsOfDirectory(atPath: frameworksFolder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(names.count >= 3)
        return try names.map { try FrameworkStore.load(path: frameworksFolder.appendingPathComponent($0).path) }
    }

    /// Every optional field set, every kind of "not applicable", doubles that must come back
    /// bit for bit, a deep tree, aliases, and the same lead list on many criteria.
    static func everyCase(communes: Int = 40) -> Framework {
        let units = (1...communes).map { Unit(code: String(format: "X%05d", $0), name: "UBND xã Số \($0)") }
            + [Unit(code: "TP", name: "Phòng Tư pháp", aliases: ["Tư pháp", "P. Tư pháp"])]
        let all = units.map(\.code)
        func leaf(_ id: String, _ i: Int) -> Criterion {
            Criterion(id: id, code: id, title: "Tiêu chí \(id) — nội dung", max: 0.1 + 0.2 * Double(i), prev: -0.0,
                      target: i % 2 == 0 ? 1e300 : nil, tasks: i % 3 == 0 ? "- việc một\n- việc hai" : nil,
                      lead: all, coop: i % 2 == 0 ? ["Các phòng, ban liên quan"] : [],
                      deadline: "Thường xuyên", person: i % 4 == 0 ? "Nguyễn Văn A" : nil,
                      notApplicable: i % 5 == 0 ? .everywhere : i % 5 == 1 ? .units(["TP", "X00001"]) : nil)
        }
        var deep = Criterion(id: "9.9.9.9", code: "9.9.9.9", title: "sâu")
        for level in (0..<6).reversed() { deep = Criterion(id: "9-\(level)", code: "-", title: "nhóm \(level)", children: [deep]) }
        let criteria = (1...3).map { field in
            Criterion(id: "\(field)", code: "\(field).", title: "Lĩnh vực \(field)", max: Double(field) * 2.5,
                      children: (1...7).map { leaf("\(field).\($0)", $0) })
        } + [deep, Criterion(id: "3.3-1", code: "", title: "")]
        let report = ReportMetadata(title: "Kết quả", attachedTo: "Kèm theo Báo cáo số 1", issuer: "UBND huyện",
                                    signature: SignatureBlock(place: "Đắk Mil", dateLine: nil,
                                                              signers: [Signer(title: "NGƯỜI LẬP BIỂU"),
                                                                        Signer(title: "KT. CHỦ TỊCH", subtitle: "PHÓ CHỦ TỊCH",
                                                                               note: "(Ký)", name: "Võ Quốc Tuấn")]))
        return Framework(metadata: FrameworkMetadata(title: "Bộ tiêu chí", year: 2023, document: "Kế hoạch 45",
                                                     issuer: "UBND huyện", layout: "self-assessment", source: "phu-luc.xlsx",
                                                     report: report),
                         units: units, criteria: criteria,
                         classification: Classification([.init(label: "Đạt", from: 50), .init(label: "Chưa đạt", from: 0)]))
    }

    @Test func everyFrameworkRoundTrips() throws {
        let frameworks = try Self.exampleFrameworks() + [Self.everyCase(), Framework(metadata: .init(title: ""), units: [], criteria: [])]
        for framework in frameworks {
            let bytes = FrameworkCodec.encode(framework, key: "k", versionHash: "h")
            let entry = try FrameworkCodec.decode(bytes)
            #expect(entry.framework == framework, "\(framework.metadata.title)")
            #expect(entry.key == "k" && entry.versionHash == "h")
            // Same JSON too (a field the comparison would miss).
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            #expect(try encoder.encode(entry.framework) == encoder.encode(framework))
            #expect(FrameworkCodec.encode(entry.framework, key: "k", versionHash: "h") == bytes)
        }
        let back = try FrameworkCodec.decode(FrameworkCodec.encode(Self.everyCase(), key: "k", versionHash: "h")).framework
        #expect(back.criteria[0].children[0].prev?.sign == .minus)
        #expect(back.criteria[0].children[0].max == 0.1 + 0.2)
        #expect(back.metadata.report?.signature?.signers.count == 2 && back.metadata.report?.signature?.dateLine == nil)
    }

    /// The lead list every leaf repeats is written once and decoded into one array.
    @Test func repeatedUnitListsAreWrittenOnceAndShared() throws {
        let framework = Self.everyCase(communes: 1000)
        let bytes = FrameworkCodec.encode(framework, key: "k", versionHash: "h")
        let json = try JSONEncoder().encode(framework)
        #expect(bytes.count * 5 < json.count)
        let back = try FrameworkCodec.decode(bytes).framework
        let leads = back.flattened.map(\.criterion.lead).filter { $0.count > 1 }
        #expect(leads.count == 21)
        let first = leads[0].withUnsafeBufferPointer { $0.baseAddress }
        #expect(leads.allSatisfy { lead in lead.withUnsafeBufferPointer { $0.baseAddress } == first })
    }

    @Test func truncatedDamagedOrOlderEntriesAreRefused() throws {
        let bytes = FrameworkCodec.encode(Self.everyCase(communes: 3), key: "k", versionHash: "h")
        // Every proper prefix.
        for length in 0..<bytes.count {
            #expect(throws: FrameworkCodec.Corrupt.self) { try FrameworkCodec.decode(Array(bytes[..<length])) }
        }
        // Every byte changed (the checksum covers all of it, and is itself checked).
        for i in bytes.indices {
            var damaged = bytes
            damaged[i] ^= 0x01
            #expect(throws: FrameworkCodec.Corrupt.self) { try FrameworkCodec.decode(damaged) }
        }
        // A trailing byte; another version or magic, even with a right checksum.
        #expect(throws: FrameworkCodec.Corrupt.self) { try FrameworkCodec.decode(bytes + [0]) }
        for (index, value) in [(3, UInt8(0)), (3, UInt8(2)), (0, UInt8(ascii: "X"))] {
            var other = Array(bytes.dropLast(32))
            other[index] = value
            #expect(throws: FrameworkCodec.Corrupt.self) { try FrameworkCodec.decode(FrameworkCodec.sealed(other)) }
        }
        // Well sealed but malformed inside: refused, never a trap (random bodies, huge counts,
        // a list reference before any list, criteria nested without end).
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            var body = Array(bytes.dropLast(32))
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                body[Int.random(in: 4..<body.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            _ = try? FrameworkCodec.decode(FrameworkCodec.sealed(body))
        }
        // Key `k`, hash `h`, title "", no year, document, issuer, layout, source or report.
        let head = FrameworkCodec.magic + [FrameworkCodec.version, 1, 1, 0x6B, 1, 1, 0x68, 1, 0, 0, 0, 0, 0, 0, 0]
        #expect(throws: FrameworkCodec.Corrupt.self) { try FrameworkCodec.decode(FrameworkCodec.sealed(head + [0xFF, 0xFF, 0xFF, 0x0F])) }
        // One criterion per level (id, code, title, no scores, empty lists, no children
        // but the next level), 100 levels, then a well-formed end: too deep.
        let level: [UInt8] = [1, 1, 1, 0x61, 1, 1, 0x62, 1, 1, 0x63, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        let nested = head + [0] + Array(repeating: level, count: 100).joined() + [0, 0]
        #expect(throws: FrameworkCodec.Corrupt.self) { try FrameworkCodec.decode(FrameworkCodec.sealed(Array(nested))) }
        // The same 10 levels deep is an entry.
        let shallow = head + [0] + Array(repeating: level, count: 10).joined() + [0, 0]
        #expect(try FrameworkCodec.decode(FrameworkCodec.sealed(Array(shallow))).framework.flattened.count == 10)
    }
}
