import Foundation
import ParIndexKit
import ParIndexStore
import XLSX

/// The web app's door to the campaign store. The data folder holds one campaign per
/// sub-folder (`dot-thu-1`, `dot-thu-2`…, each a ``CampaignStore`` file with a `web/`
/// folder for templates, annotated copies and consolidated workbooks); the pages work on
/// the latest. A folder that is itself a campaign (made by `parindex campaign new`) is
/// served as it is. Reading, checking and writing workbooks run on worker threads
/// (``CampaignStore/add(_:unit:receivedAt:options:)`` and ``Offload``), never on the
/// server's event loops.
public actor CampaignDesk {
    public let dataDirectory: URL
    public let limits: UploadLimits
    private var store: CampaignStore?
    private var folder: URL?

    public init(dataDirectory: URL, limits: UploadLimits = UploadLimits()) throws {
        self.dataDirectory = dataDirectory
        self.limits = limits
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        if let latest = Self.campaignFolders(in: dataDirectory).last {
            store = try CampaignStore.open(at: latest.path)
            folder = latest
        }
    }

    /// Campaign folders in creation order: the data folder itself when it is a campaign,
    /// then `dot-thu-N` by N.
    static func campaignFolders(in data: URL) -> [URL] {
        let fm = FileManager.default
        if fm.fileExists(atPath: data.appendingPathComponent(CampaignStore.fileName).path) { return [data] }
        let names = (try? fm.contentsOfDirectory(atPath: data.path)) ?? []
        return names.compactMap { name -> (Int, URL)? in
            guard name.hasPrefix("dot-thu-"), let n = Int(name.dropFirst(8)),
                  fm.fileExists(atPath: data.appendingPathComponent("\(name)/\(CampaignStore.fileName)").path) else { return nil }
            return (n, data.appendingPathComponent(name))
        }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// True once a campaign exists.
    public var hasCampaign: Bool { store != nil }

    /// The current campaign's folder.
    public var campaignFolder: String? { folder?.path }

    /// The framework's units.
    public var units: [ParIndexKit.Unit] { store?.framework.units ?? [] }

    /// Everything the overview shows.
    public func snapshot(now: Date = Date()) throws -> CampaignSnapshot? {
        guard let store, let folder else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let consolidations = try store.consolidations().compactMap { stored -> ConsolidationSummary? in
            guard var s = try? decoder.decode(ConsolidationSummary.self, from: stored.summary) else { return nil }
            s.id = Int(stored.id)
            return s
        }
        return CampaignSnapshot(folder: folder.path, info: try store.info(), framework: store.framework,
                                status: try store.status(now: now), history: try store.history(),
                                submitters: try store.submitters(),
                                links: try store.links().mapValues { LinkRecord(digest: TokenDigest(hex: $0.digest), issuedAt: $0.issuedAt) },
                                consolidations: consolidations)
    }

    // MARK: Campaigns

    /// Starts a campaign for `framework` in a new `dot-thu-N` folder and issues a link to
    /// every unit. The tokens are returned once, to be shown; only digests are kept.
    public func createCampaign(framework: Framework, deadline: CampaignDate?, now: Date = Date()) throws -> [String: SecretToken] {
        guard !framework.units.isEmpty else { throw ServeError("bộ tiêu chí không có đơn vị nào: không tạo được đợt thu") }
        if folder == dataDirectory { throw ServeError("thư mục dữ liệu đang là một đợt thu; hãy chạy với --data <thư mục khác> để tạo đợt mới") }
        let n = (Self.campaignFolders(in: dataDirectory).last.flatMap { Int($0.lastPathComponent.dropFirst(8)) } ?? 0) + 1
        let target = dataDirectory.appendingPathComponent("dot-thu-\(n)")
        let created = try CampaignStore.create(at: target.path, framework: framework, deadline: deadline, now: now)
        store = created
        folder = target
        var tokens: [String: SecretToken] = [:]
        for unit in framework.units {
            let token = SecretToken.random()
            try created.setLink(unit: unit.code, digest: token.digest.hex, issuedAt: now)
            tokens[unit.code] = token
        }
        return tokens
    }

    /// Changes the deadline.
    public func setDeadline(_ deadline: CampaignDate?) throws { try store?.setDeadline(deadline) }

    // MARK: Links

    /// Issues a new link for a unit (the old one stops working) and returns its token.
    public func renewLink(unitCode: String, now: Date = Date()) throws -> SecretToken? {
        guard let store, store.framework.units.contains(where: { $0.code == unitCode }) else { return nil }
        let token = SecretToken.random()
        try store.setLink(unit: unitCode, digest: token.digest.hex, issuedAt: now)
        return token
    }

    /// Revokes a unit's link: it answers 404 from now on.
    public func revokeLink(unitCode: String) throws { try store?.removeLink(unit: unitCode) }

    /// The unit a link token opens, or nil. Every stored digest is compared in constant
    /// time, so timing tells nothing about near misses.
    public func unit(forToken token: Substring) -> ParIndexKit.Unit? {
        guard Base64URL.looksLikeToken(token), let store, let links = try? store.links() else { return nil }
        let digest = TokenDigest(of: String(token))
        var found: String?
        for (code, link) in links.sorted(by: { $0.key < $1.key }) where TokenDigest(hex: link.digest).matches(digest) { found = code }
        return found.flatMap { code in store.framework.units.first { $0.code == code } }
    }

    // MARK: Files

    /// Checks and stores the uploaded files (in order): for `unit` when they came through
    /// its link, else for the unit the template identity or the table names.
    public func receive(_ uploads: [UploadedFile], unit: ParIndexKit.Unit?, by: Submitter, now: Date = Date()) async -> [ReceivedFile] {
        guard let store else { return [] }
        var out = [ReceivedFile?](repeating: nil, count: uploads.count)
        var sources: [(Int, SubmissionSource)] = []
        for (i, upload) in uploads.enumerated() {
            if upload.tooLarge {
                out[i] = ReceivedFile(record: nil, displayName: upload.displayName, status: .unreadable,
                                      reason: "tệp lớn hơn giới hạn \(limits.maxFileBytes >> 20) MiB cho mỗi tệp: không nhận",
                                      findings: [], submitter: by.label, size: upload.size, receivedAt: now)
            } else {
                sources.append((i, .bytes(Data(upload.bytes), name: upload.displayName)))
            }
        }
        if !sources.isEmpty {
            do {
                let results = try await store.add(sources.map(\.1), unit: unit?.code, receivedAt: now,
                                                   options: RunOptions(limits: limits.readLimits))
                for ((i, _), result) in zip(sources, results) {
                    if result.outcome == .stored, let id = result.submission?.id { try? store.setSubmitter(by.rawValue, of: id) }
                    out[i] = ReceivedFile(record: result.submission, displayName: uploads[i].displayName, status: result.file.status,
                                          reason: result.file.reason, findings: result.file.findings, submitter: by.label,
                                          size: uploads[i].size, receivedAt: result.submission?.receivedAt ?? now,
                                          duplicateOf: result.outcome == .alreadyReceived ? result.submission.map { Int($0.id) } : nil)
                }
            } catch {
                for (i, _) in sources where out[i] == nil {
                    out[i] = ReceivedFile(record: nil, displayName: uploads[i].displayName, status: .unreadable,
                                          reason: "không lưu được tệp: \(error)", findings: [], submitter: by.label,
                                          size: uploads[i].size, receivedAt: now)
                }
            }
        }
        return out.compactMap { $0 }
    }

    /// A stored submission with its findings.
    public func file(id: Int64) -> ReceivedFile? {
        guard let store, let record = try? store.submission(id) else { return nil }
        let checked = try? store.checkedFile(of: id)
        let label = (try? store.submitters())?[id].flatMap(Submitter.init(rawValue:))?.label ?? Submitter.commandLineLabel
        return ReceivedFile(record: record, displayName: record.originalName, status: record.status, reason: record.reason,
                            findings: checked?.findings ?? [], submitter: label, size: record.size, receivedAt: record.receivedAt)
    }

    /// Findings of many submissions (history pages).
    public func files(_ records: [SubmissionRecord], submitters: [Int64: String]) -> [ReceivedFile] {
        records.map { record in
            let checked = try? store?.checkedFile(of: record.id)
            let label = submitters[record.id].flatMap(Submitter.init(rawValue:))?.label ?? Submitter.commandLineLabel
            return ReceivedFile(record: record, displayName: record.originalName, status: record.status, reason: record.reason,
                                findings: checked?.findings ?? [], submitter: label, size: record.size,
                                receivedAt: record.receivedAt)
        }
    }

    /// The bytes of a submission as received.
    public func originalBytes(id: Int64) -> Data? { try? store?.originalBytes(of: id) }

    /// The annotated copy of an invalid submission (made once, then kept).
    public func annotatedPath(id: Int64) async throws -> String? {
        guard let store, let folder, let record = try? store.submission(id), record.status == .invalid else { return nil }
        let dir = folder.appendingPathComponent("web/annotated")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let target = dir.appendingPathComponent("\(id).xlsx").path
        if FileManager.default.fileExists(atPath: target) { return target }
        let data = try store.originalBytes(of: id)
        let findings = try store.checkedFile(of: id).findings
        let name = record.originalName
        try await Offload.shared.run {
            let temp = target + ".tmp-\(UUID().uuidString).xlsx"
            try AnnotatedCopy.write(source: .bytes(Array(data), name: name), findings: findings, to: temp)
            guard rename(temp, target) == 0 else { throw ServeError("không ghi được bản đánh dấu lỗi") }
        }
        return target
    }

    // MARK: Templates

    /// The blank template of one unit (written once per campaign).
    public func templatePath(unitCode: String) async throws -> (path: String, name: String)? {
        guard let store, let folder, let unit = store.framework.units.first(where: { $0.code == unitCode }) else { return nil }
        let dir = folder.appendingPathComponent("web/templates")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let name = TemplateFileName.name(for: unit)
        let target = dir.appendingPathComponent(name).path
        if !FileManager.default.fileExists(atPath: target) {
            let framework = store.framework
            let layout = try store.consolidationLayout()
            try await Offload.shared.run {
                let temp = dir.appendingPathComponent(".tmp-\(UUID().uuidString).xlsx").path
                _ = try TemplateBuilder(framework: framework, layout: layout).write(unit: unit, to: temp)
                guard rename(temp, target) == 0 else { throw ServeError("không ghi được biểu mẫu") }
            }
        }
        return (target, name)
    }

    /// Every unit's template in one zip (written with libzip).
    public func allTemplatesZip() async throws -> String? {
        guard let store, let folder else { return nil }
        var entries: [(name: String, path: String)] = []
        for unit in store.framework.units {
            if let t = try await templatePath(unitCode: unit.code) { entries.append((t.name, t.path)) }
        }
        let target = folder.appendingPathComponent("web/templates/bieu-mau.zip").path
        let list = entries
        try await Offload.shared.run { try ZipBundle.write(list, to: target) }
        return target
    }

    // MARK: Consolidation

    /// Consolidates from the stored values (each unit's latest valid version, else its
    /// latest), writes the PHỤ LỤC workbook and records its figures.
    public func consolidate(now: Date = Date()) async throws -> ConsolidationSummary {
        guard let store, let folder else { throw ServeError("chưa có đợt thu nào") }
        let n = (try store.consolidations().last?.id ?? 0) + 1
        let output = "tong-hop-\(n).xlsx"
        let path = folder.appendingPathComponent("web/outputs/\(output)").path
        var summary = try await Offload.shared.run { () throws -> ConsolidationSummary in
            let result = try store.consolidate()
            try result.write(to: path)
            return ConsolidationSummary(result, createdAt: now, output: output)
        }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        summary.id = Int(try store.addConsolidation(createdAt: now, output: output, summary: try encoder.encode(summary)))
        return summary
    }

    /// The path of a consolidation's workbook.
    public func outputPath(of summary: ConsolidationSummary) -> String? {
        folder?.appendingPathComponent("web/outputs/\(summary.output)").path
    }
}
