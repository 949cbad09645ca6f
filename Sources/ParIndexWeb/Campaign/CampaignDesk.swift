import Foundation
import ParIndexKit
import XLSX

/// The web app's campaign memory: campaigns, unit links (digests only), received files and
/// consolidations, kept in one JSON state file in the data folder (written atomically after
/// every change) beside the stored files. Heavy work — reading, checking, writing
/// workbooks — runs through ``Offload``, off the server's event loops and outside this actor.
public actor CampaignDesk {
    public let dataDirectory: URL
    public let limits: UploadLimits
    let blobs: BlobStore
    private var campaigns: [CampaignRecord] = []
    private var validators: [Int: Validator] = [:]
    private var stateURL: URL { dataDirectory.appendingPathComponent("parindex-web.json") }

    public init(dataDirectory: URL, limits: UploadLimits = UploadLimits()) throws {
        self.dataDirectory = dataDirectory
        self.limits = limits
        blobs = try BlobStore(directory: dataDirectory.appendingPathComponent("files"))
        for sub in ["outputs", "templates", "annotated"] {
            try FileManager.default.createDirectory(at: dataDirectory.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        let url = dataDirectory.appendingPathComponent("parindex-web.json")
        if let data = try? Data(contentsOf: url) {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            do { campaigns = try decoder.decode([CampaignRecord].self, from: data) } catch {
                throw ServeError("tệp dữ liệu \(url.path) bị hỏng: \(error)")
            }
        }
    }

    // MARK: Campaigns

    /// The campaign the pages show: the latest created.
    public var current: CampaignRecord? { campaigns.last }

    /// Every campaign, oldest first.
    public var all: [CampaignRecord] { campaigns }

    /// Starts a campaign for `framework` and issues a link to every unit. The tokens are
    /// returned once, to be shown; only their digests are kept.
    public func createCampaign(framework: Framework, deadline: Date?, now: Date = Date()) throws -> (CampaignRecord, [String: SecretToken]) {
        guard !framework.units.isEmpty else { throw ServeError("bộ tiêu chí không có đơn vị nào: không tạo được đợt thu") }
        var tokens: [String: SecretToken] = [:]
        var links: [String: LinkRecord] = [:]
        for unit in framework.units {
            let token = SecretToken.random()
            tokens[unit.code] = token
            links[unit.code] = LinkRecord(digest: token.digest, issuedAt: now)
        }
        let record = CampaignRecord(id: (campaigns.last?.id ?? 0) + 1, framework: framework,
                                    frameworkHash: FrameworkStore.versionHash(framework), createdAt: now,
                                    deadline: deadline, links: links, files: [], consolidations: [])
        campaigns.append(record)
        try save()
        return (record, tokens)
    }

    /// Changes the current campaign's deadline.
    public func setDeadline(_ deadline: Date?) throws {
        guard !campaigns.isEmpty else { return }
        campaigns[campaigns.count - 1].deadline = deadline
        try save()
    }

    // MARK: Links

    /// Issues a new link for a unit (the old one stops working) and returns its token.
    public func renewLink(unitCode: String, now: Date = Date()) throws -> SecretToken? {
        guard let c = current, c.framework.units.contains(where: { $0.code == unitCode }) else { return nil }
        let token = SecretToken.random()
        campaigns[campaigns.count - 1].links[unitCode] = LinkRecord(digest: token.digest, issuedAt: now)
        try save()
        return token
    }

    /// Revokes a unit's link: it answers 404 from now on.
    public func revokeLink(unitCode: String) throws {
        guard !campaigns.isEmpty else { return }
        campaigns[campaigns.count - 1].links[unitCode] = nil
        try save()
    }

    /// The unit a link token opens in the current campaign, or nil. Every stored digest is
    /// compared in constant time, so timing tells nothing about near misses.
    public func unit(forToken token: Substring) -> ParIndexKit.Unit? {
        guard Base64URL.looksLikeToken(token), let c = current else { return nil }
        let digest = TokenDigest(of: String(token))
        var found: String?
        for (code, link) in c.links.sorted(by: { $0.key < $1.key }) where link.digest.matches(digest) { found = code }
        return found.flatMap { code in c.framework.units.first { $0.code == code } }
    }

    // MARK: Files

    /// Checks one uploaded file and records it: for `unit` when it came through that unit's
    /// link, else for the unit its template identity or table content names.
    public func receive(_ upload: UploadedFile, unit: ParIndexKit.Unit?, by: Submitter, now: Date = Date()) async -> ReceivedFile? {
        guard let campaign = current else { return nil }
        let validator = validator(for: campaign)
        let blobs = self.blobs
        let limits = self.limits.readLimits
        let maxBytes = self.limits.maxFileBytes
        let checked: UploadCheck
        do {
            checked = try await Offload.shared.run {
                UploadCheck.check(upload, validator: validator, blobs: blobs, limits: limits, maxBytes: maxBytes)
            }
        } catch {
            checked = UploadCheck(blob: nil, kind: .other, outcome: .unreadable, reason: "\(error)", findings: [], unitCode: nil)
        }
        guard !campaigns.isEmpty, campaigns[campaigns.count - 1].id == campaign.id else { return nil }
        let nextID = (campaigns.flatMap(\.files).map(\.id).max() ?? 0) + 1
        let errors = checked.findings.filter { $0.severity == .error }.count
        let file = ReceivedFile(id: nextID, unitCode: unit?.code ?? checked.unitCode, displayName: upload.displayName,
                                blob: checked.blob, kind: checked.kind, size: upload.size, receivedAt: now, by: by,
                                outcome: checked.outcome, reason: checked.reason, errors: errors,
                                warnings: checked.findings.count - errors, findings: checked.findings)
        campaigns[campaigns.count - 1].files.append(file)
        try? save()
        return file
    }

    /// A received file of the current campaign by id.
    public func file(id: Int) -> ReceivedFile? { current?.files.first { $0.id == id } }

    /// The stored original of a received file.
    public func originalPath(of file: ReceivedFile) -> String? {
        file.blob.flatMap { blobs.path(hash: $0, kind: file.kind) }
    }

    /// The annotated copy of an invalid file (made once, then kept).
    public func annotatedPath(of file: ReceivedFile) async throws -> String? {
        guard file.outcome == .invalid, let source = originalPath(of: file) else { return nil }
        let target = dataDirectory.appendingPathComponent("annotated/\(file.id).xlsx").path
        if FileManager.default.fileExists(atPath: target) { return target }
        let findings = file.findings
        try await Offload.shared.run { try AnnotatedCopy.write(source: source, findings: findings, to: target) }
        return target
    }

    // MARK: Templates

    /// The blank template of one unit (written once per campaign).
    public func templatePath(unitCode: String) async throws -> (path: String, name: String)? {
        guard let c = current, let unit = c.framework.units.first(where: { $0.code == unitCode }) else { return nil }
        let folder = dataDirectory.appendingPathComponent("templates/\(c.id)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let name = TemplateFileName.name(for: unit)
        let target = folder.appendingPathComponent(name).path
        if !FileManager.default.fileExists(atPath: target) {
            let framework = c.framework
            try await Offload.shared.run {
                let layout = try LayoutLibrary.load(LayoutLibrary.defaultName(for: framework))
                let temp = folder.appendingPathComponent(".tmp-\(UUID().uuidString).xlsx").path
                _ = try TemplateBuilder(framework: framework, layout: layout).write(unit: unit, to: temp)
                guard rename(temp, target) == 0 else { throw ServeError("không ghi được biểu mẫu") }
            }
        }
        return (target, name)
    }

    /// Every unit's template in one zip.
    public func allTemplatesZip() async throws -> String? {
        guard let c = current else { return nil }
        var entries: [(name: String, path: String)] = []
        for unit in c.framework.units {
            if let t = try await templatePath(unitCode: unit.code) { entries.append((t.name, t.path)) }
        }
        let target = dataDirectory.appendingPathComponent("templates/\(c.id)/bieu-mau-\(c.id).zip").path
        let list = entries
        try await Offload.shared.run { try ZipBundle.write(list, to: target) }
        return target
    }

    // MARK: Consolidation

    /// Consolidates each unit's latest valid return (else its latest readable one, which
    /// the appendix then lists as invalid) into the PHỤ LỤC workbook, and keeps its figures.
    public func consolidate(now: Date = Date()) async throws -> ConsolidationSummary {
        guard let c = current else { throw ServeError("chưa có đợt thu nào") }
        var chosen: [(Unit, String)] = []
        for unit in c.framework.units {
            let files = c.files(of: unit.code).filter { $0.outcome != .unreadable }
            guard let pick = files.last(where: { $0.outcome == .valid }) ?? files.last,
                  let path = originalPath(of: pick) else { continue }
            chosen.append((unit, path))
        }
        let id = (c.consolidations.last?.id ?? 0) + 1
        let outputName = "tong-hop-\(c.id)-\(id).xlsx"
        let output = dataDirectory.appendingPathComponent("outputs/\(outputName)").path
        let work = dataDirectory.appendingPathComponent("outputs/.work-\(UUID().uuidString)")
        let framework = c.framework
        let limits = self.limits.readLimits
        let picks = chosen
        let summary = try await Offload.shared.run { () throws -> ConsolidationSummary in
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: work) }
            // Inputs are linked under the unit's template name, so the workbook's Kiểm tra
            // sheet names files the clerk recognises (names from the framework, not a client).
            var linked: [String] = []
            for (unit, path) in picks {
                let link = work.appendingPathComponent(TemplateFileName.name(for: unit)).path
                try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
                linked.append(link)
            }
            let items = SubmissionBatch.expand(linked)
            let layout = try LayoutLibrary.load(LayoutLibrary.defaultName(for: framework))
            var builder = ConsolidationBuilder(framework: framework, layout: layout)
            SubmissionBatch.forEach(items, validator: Validator(framework: framework, layout: layout), limits: limits) {
                builder.add($1, at: $0)
            }
            let result = builder.finish()
            let temp = output + ".tmp-\(UUID().uuidString).xlsx"
            try AppendixWorkbook.write(result, to: temp)
            guard rename(temp, output) == 0 else { throw ServeError("không ghi được bảng tổng hợp") }
            return ConsolidationSummary(result, id: id, createdAt: now, output: outputName, filesUsed: items.count)
        }
        if let last = campaigns.indices.last, campaigns[last].id == c.id {
            campaigns[last].consolidations.append(summary)
            try save()
        }
        return summary
    }

    /// The path of a consolidation's workbook.
    public func outputPath(of summary: ConsolidationSummary) -> String {
        dataDirectory.appendingPathComponent("outputs/\(summary.output)").path
    }

    // MARK: State

    private func validator(for campaign: CampaignRecord) -> Validator {
        if let v = validators[campaign.id] { return v }
        let v = Validator(framework: campaign.framework)
        validators[campaign.id] = v
        return v
    }

    private func save() throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(campaigns).write(to: stateURL, options: .atomic)
    }
}

/// The outcome of reading and checking one upload (computed off the event loop).
struct UploadCheck: Sendable {
    var blob: String?
    var kind: ContentKind
    var outcome: FileOutcome
    var reason: String?
    var findings: [Finding]
    var unitCode: String?

    /// Size limit, sniff, store by hash, then read with the CLI's limits and validate.
    static func check(_ upload: UploadedFile, validator: Validator, blobs: BlobStore, limits: ReadLimits,
                      maxBytes: Int) -> UploadCheck {
        if upload.tooLarge {
            return UploadCheck(blob: nil, kind: .other, outcome: .unreadable,
                               reason: "tệp lớn hơn giới hạn \(maxBytes >> 20) MiB cho mỗi tệp: không nhận", findings: [], unitCode: nil)
        }
        let kind = ContentKind.sniff(upload.bytes)
        let blob: String
        do { blob = try blobs.put(upload.bytes, kind: kind) } catch {
            return UploadCheck(blob: nil, kind: kind, outcome: .unreadable, reason: "\(error)", findings: [], unitCode: nil)
        }
        guard kind != .other else {
            return UploadCheck(blob: blob, kind: kind, outcome: .unreadable, reason: ContentKind.notAWorkbookReason,
                               findings: [], unitCode: nil)
        }
        let path = blobs.path(hash: blob, kind: kind)!
        do {
            let submission = try Submission.read(path: path, limits: limits)
            let findings = validator.validate(submission).map { finding -> Finding in
                var f = finding
                f.file = upload.displayName
                return f
            }
            let unit = submission.unit(in: UnitDirectory(units: validator.framework.units))
            let errors = findings.contains { $0.severity == .error }
            return UploadCheck(blob: blob, kind: kind, outcome: errors ? .invalid : .valid, reason: nil,
                               findings: findings, unitCode: unit?.code)
        } catch let error as XLSXError {
            return UploadCheck(blob: blob, kind: kind, outcome: .unreadable, reason: error.message, findings: [], unitCode: nil)
        } catch {
            return UploadCheck(blob: blob, kind: kind, outcome: .unreadable, reason: String(describing: error),
                               findings: [], unitCode: nil)
        }
    }
}

extension ConsolidationSummary {
    init(_ c: Consolidation, id: Int, createdAt: Date, output: String, filesUsed: Int) {
        self.init(id: id, createdAt: createdAt, output: output, filesUsed: filesUsed,
                  fields: c.fields.map { Field(code: $0.code, title: $0.title, max: $0.max, achieved: $0.achieved) },
                  units: c.units.map { UnitLine(name: $0.unit.name, achieved: $0.achieved, max: $0.max, submitted: $0.submitted) },
                  ranking: c.ranking.map { Rank(rank: $0.rank, unit: $0.unit, achieved: $0.achieved, max: $0.max, index: $0.index) },
                  peers: c.peers, totalMax: c.totalMax,
                  totalAchieved: c.pointsRole.flatMap { c.totals[$0] },
                  unitsNotSubmitted: c.unitsNotSubmitted.map(\.name))
    }
}
