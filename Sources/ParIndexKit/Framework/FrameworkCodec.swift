import Crypto
import Foundation

/// The compact binary form of a ``FrameworkCache`` entry: a ``Framework`` with its cache
/// key and version hash, written and read by hand (decoding the JSON entry of a framework
/// of 1,000 communes took about 15 ms, most of `validate`'s start on one file).
///
/// Layout (version 1): the magic `PXF` and a version byte; the key and the version hash;
/// the framework's fields in declaration order (``CompactBinary``: varints, doubles bit
/// for bit, strings through a table); then 32 bytes of SHA-256 over everything before, so
/// a damaged or truncated entry is refused as a whole. Lists of strings (lead and
/// co-operating units, aliases, units a criterion does not apply to) go through a second
/// table: `0` a new list (count, strings), `k + 1` the table's `k`-th list — the lead list
/// of 1,000 communes that each of 67 criteria repeats is written once, and decoded into
/// one shared array.
///
/// Decoding never traps: anything else than an entry this version wrote throws
/// ``FrameworkCodec/Corrupt``.
enum FrameworkCodec {
    /// The format version written by ``encode(_:key:versionHash:)``.
    static let version: UInt8 = 1
    static let magic: [UInt8] = Array("PXF".utf8)

    /// Not an entry of this version (truncated, damaged, foreign or older).
    struct Corrupt: Error {}

    /// A decoded entry.
    struct Entry {
        var key: String
        var versionHash: String
        var framework: Framework
    }

    /// The bytes of an entry.
    static func encode(_ framework: Framework, key: String, versionHash: String) -> [UInt8] {
        var w = ListWriter()
        w.base.bytes.append(contentsOf: magic)
        w.base.bytes.append(version)
        w.base.string(key)
        w.base.string(versionHash)
        let m = framework.metadata
        w.base.string(m.title); w.base.optionalInt(m.year); w.base.string(m.document); w.base.string(m.issuer)
        w.base.string(m.layout); w.base.string(m.source)
        if let report = m.report {
            w.base.flag(true)
            w.base.string(report.title); w.base.string(report.attachedTo); w.base.string(report.issuer)
            if let signature = report.signature {
                w.base.flag(true)
                w.base.string(signature.place); w.base.string(signature.dateLine)
                w.base.uint(UInt64(signature.signers.count))
                for s in signature.signers {
                    w.base.string(s.title); w.base.string(s.subtitle); w.base.string(s.note); w.base.string(s.name)
                }
            } else {
                w.base.flag(false)
            }
        } else {
            w.base.flag(false)
        }
        w.base.uint(UInt64(framework.units.count))
        for unit in framework.units {
            w.base.string(unit.code); w.base.string(unit.name); w.list(unit.aliases)
        }
        w.criteria(framework.criteria)
        if let classification = framework.classification {
            w.base.flag(true)
            w.base.uint(UInt64(classification.bands.count))
            for band in classification.bands { w.base.string(band.label); w.base.double(band.from) }
        } else {
            w.base.flag(false)
        }
        return sealed(w.base.bytes)
    }

    /// `body` followed by its SHA-256.
    static func sealed(_ body: [UInt8]) -> [UInt8] {
        body + SHA256.hash(data: body)
    }

    /// The entry in `bytes`; throws ``Corrupt`` for anything ``encode(_:key:versionHash:)``
    /// of this version did not write.
    static func decode(_ bytes: some ContiguousBytes) throws -> Entry {
        try bytes.withUnsafeBytes { raw in
            let body = raw.count - 32
            guard body >= magic.count + 1, raw[0] == magic[0], raw[1] == magic[1], raw[2] == magic[2],
                  raw[3] == version else { throw Corrupt() }
            let content = UnsafeRawBufferPointer(rebasing: raw[..<body])
            guard SHA256.hash(data: content).elementsEqual(UnsafeRawBufferPointer(rebasing: raw[body...])) else {
                throw Corrupt()
            }
            do {
                var r = ListReader(base: CompactReader(content, at: magic.count + 1))
                let entry = try r.entry()
                guard r.base.isAtEnd else { throw Corrupt() }
                return entry
            } catch is CompactBinary.Malformed {
                throw Corrupt()
            }
        }
    }

    // MARK: - Lists of strings and criteria

    private struct ListWriter {
        var base = CompactWriter()
        private var lists: [[UTF8Key]: UInt64] = [:]

        mutating func list(_ values: [String]) {
            let key = values.map { UTF8Key(text: $0) }
            if let k = lists[key] { base.uint(k + 1); return }
            lists[key] = UInt64(lists.count)
            base.uint(0)
            base.uint(UInt64(values.count))
            for value in values { base.string(value) }
        }

        mutating func criteria(_ list: [Criterion]) {
            base.uint(UInt64(list.count))
            for c in list {
                base.string(c.id); base.string(c.code); base.string(c.title)
                base.optionalDouble(c.max); base.optionalDouble(c.prev); base.optionalDouble(c.target)
                base.string(c.tasks)
                self.list(c.lead); self.list(c.coop)
                base.string(c.deadline); base.string(c.person)
                switch c.notApplicable {
                case nil: base.uint(0)
                case .everywhere: base.uint(1)
                case .units(let names): base.uint(2); self.list(names)
                }
                criteria(c.children)
            }
        }
    }

    private struct ListReader {
        var base: CompactReader
        private var lists: [[String]] = []
        /// Criteria nest at most this deep (a damaged entry cannot recurse without end).
        static let maxDepth = 64

        init(base: CompactReader) { self.base = base }

        mutating func list() throws -> [String] {
            let tag = try base.uint()
            if tag > 0 {
                guard tag - 1 < UInt64(lists.count) else { throw Corrupt() }
                return lists[Int(tag - 1)]
            }
            let count = try base.count()
            var values: [String] = []
            values.reserveCapacity(count)
            for _ in 0..<count { values.append(try base.required()) }
            lists.append(values)
            return values
        }

        mutating func criteria(depth: Int) throws -> [Criterion] {
            guard depth < Self.maxDepth else { throw Corrupt() }
            let count = try base.count()
            var out: [Criterion] = []
            out.reserveCapacity(count)
            for _ in 0..<count {
                let id = try base.required(), code = try base.required(), title = try base.required()
                let max = try base.optionalDouble(), prev = try base.optionalDouble(), target = try base.optionalDouble()
                let tasks = try base.string()
                let lead = try list(), coop = try list()
                let deadline = try base.string(), person = try base.string()
                let notApplicable: NotApplicable?
                switch try base.uint() {
                case 0: notApplicable = nil
                case 1: notApplicable = .everywhere
                case 2: notApplicable = .units(try list())
                default: throw Corrupt()
                }
                out.append(Criterion(id: id, code: code, title: title, max: max, prev: prev, target: target, tasks: tasks,
                                     lead: lead, coop: coop, deadline: deadline, person: person,
                                     notApplicable: notApplicable, children: try criteria(depth: depth + 1)))
            }
            return out
        }

        mutating func entry() throws -> Entry {
            let key = try base.required(), versionHash = try base.required()
            var metadata = FrameworkMetadata(title: try base.required(), year: try base.optionalInt(),
                                             document: try base.string(), issuer: try base.string(),
                                             layout: try base.string(), source: try base.string())
            if try base.flag() {
                var report = ReportMetadata(title: try base.string(), attachedTo: try base.string(), issuer: try base.string())
                if try base.flag() {
                    let place = try base.string(), dateLine = try base.string()
                    let count = try base.count()
                    var signers: [Signer] = []
                    for _ in 0..<count {
                        signers.append(Signer(title: try base.required(), subtitle: try base.string(),
                                              note: try base.string(), name: try base.string()))
                    }
                    report.signature = SignatureBlock(place: place, dateLine: dateLine, signers: signers)
                }
                metadata.report = report
            }
            let unitCount = try base.count()
            var units: [Unit] = []
            units.reserveCapacity(unitCount)
            for _ in 0..<unitCount {
                units.append(Unit(code: try base.required(), name: try base.required(), aliases: try list()))
            }
            let criteria = try criteria(depth: 0)
            var classification: Classification?
            if try base.flag() {
                let count = try base.count()
                var bands: [ClassificationBand] = []
                for _ in 0..<count { bands.append(ClassificationBand(label: try base.required(), from: try base.double())) }
                classification = Classification(bands)
            }
            return Entry(key: key, versionHash: versionHash,
                         framework: Framework(metadata: metadata, units: units, criteria: criteria,
                                              classification: classification))
        }
    }
}
