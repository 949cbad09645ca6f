import Foundation
import HTTPTypes
import Hummingbird
import ParIndexKit
import ParIndexStore

extension WebApp {
    /// True when the request may use the coordinator pages: always on a password-less
    /// loopback server, else with a live session cookie.
    func isCoordinator(_ request: Request) async -> Bool {
        guard configuration.password != nil else { return true }
        return await sessions.isValid(request.cookies[AdminSessions.cookieName]?.value)
    }

    /// Where to send a visitor who is not logged in.
    func loginRedirect(_ request: Request) -> Response {
        if request.method == .get { return Response(status: .seeOther, headers: [.location: "/dang-nhap"]) }
        return message(request, status: .unauthorized, heading: "Cần đăng nhập",
                       "Trang điều phối cần mật khẩu. Hãy đăng nhập rồi thử lại.", back: "/dang-nhap")
    }

    /// The base of the units' links: the configured public URL, else the address the
    /// coordinator's browser used.
    func baseURL(_ request: Request) -> String {
        if let url = configuration.publicURL { return url.hasSuffix("/") ? String(url.dropLast()) : url }
        let host = request.head.authority ?? "\(configuration.host):\(configuration.port)"
        let scheme = configuration.secureCookies || request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
            ? "https" : "http"
        return "\(scheme)://\(host)"
    }

    func addCoordinatorRoutes(to router: Router<BasicRequestContext>) {
        // Login (only meaningful with a password).
        router.get("/dang-nhap") { request, _ -> Response in
            let (frame, cookie) = self.frame(request, title: "Đăng nhập", coordinator: false)
            return self.page("login", LoginView(frame: frame, failed: false), cookie: cookie)
        }
        router.post("/dang-nhap") { request, _ -> Response in
            let form = await self.formFields(request)
            guard self.csrfOK(request, field: form[CSRFGuard.fieldName]) else { return self.csrfRefused(request) }
            guard let hash = self.configuration.password else { return Response(status: .seeOther, headers: [.location: "/"]) }
            guard hash.verify(form["password"] ?? "") else {
                let (frame, cookie) = self.frame(request, title: "Đăng nhập", coordinator: false)
                return self.page("login", LoginView(frame: frame, failed: true), cookie: cookie, status: .unauthorized)
            }
            let token = await self.sessions.open()
            var response = Response(status: .seeOther, headers: [.location: "/"])
            response.setCookie(self.makeCookie(AdminSessions.cookieName, token.text, request))
            return response
        }
        router.post("/dang-xuat") { request, _ -> Response in
            let form = await self.formFields(request)
            guard self.csrfOK(request, field: form[CSRFGuard.fieldName]) else { return self.csrfRefused(request) }
            await self.sessions.close(request.cookies[AdminSessions.cookieName]?.value)
            var response = Response(status: .seeOther, headers: [.location: "/dang-nhap"])
            response.setCookie(self.makeCookie(AdminSessions.cookieName, "", request, maxAge: 0))
            return response
        }

        router.get("/") { request, _ -> Response in
            guard await self.isCoordinator(request) else { return self.loginRedirect(request) }
            return await self.overview(request, notice: nil)
        }

        // Create a campaign from an uploaded framework file or appendix workbook.
        router.post("/dot-thu") { request, _ -> Response in
            guard await self.isCoordinator(request) else { return self.loginRedirect(request) }
            let upload: MultipartUpload
            do { upload = try await MultipartUpload.read(request, limits: self.configuration.limits) } catch let r as MultipartUpload.Refusal {
                return self.uploadRefused(request, r, back: "/")
            }
            guard self.csrfOK(request, field: upload.fields[CSRFGuard.fieldName]) else { return self.csrfRefused(request) }
            guard let file = upload.files.first(where: { $0.field == "framework" }), !file.tooLarge, !file.bytes.isEmpty else {
                return self.message(request, status: .badRequest, heading: "Chưa tạo được đợt thu",
                                    "Hãy chọn tệp bộ tiêu chí (.yaml) hoặc bảng phụ lục năm trước (.xlsx), dưới \(self.configuration.limits.maxFileBytes >> 20) MiB.",
                                    back: "/", coordinator: true)
            }
            let framework: Framework
            do {
                framework = try await FrameworkUpload.load(file, limits: self.configuration.limits.readLimits)
            } catch {
                return self.message(request, status: .unprocessableContent, heading: "Chưa tạo được đợt thu",
                                    "\(file.displayName): \(error)", back: "/", coordinator: true)
            }
            let deadline = upload.fields["deadline"].flatMap { CampaignDate($0.trimmingCharacters(in: .whitespaces)) }
            do {
                let tokens = try await self.desk.createCampaign(framework: framework, deadline: deadline)
                return await self.linksPage(request, tokens: tokens,
                                            heading: "Đã tạo đợt thu — liên kết nộp bài của từng đơn vị")
            } catch {
                return self.message(request, status: .unprocessableContent, heading: "Chưa tạo được đợt thu", "\(error)",
                                    back: "/", coordinator: true)
            }
        }

        router.post("/han-nop") { request, _ -> Response in
            guard await self.isCoordinator(request) else { return self.loginRedirect(request) }
            let form = await self.formFields(request)
            guard self.csrfOK(request, field: form[CSRFGuard.fieldName]) else { return self.csrfRefused(request) }
            let text = (form["deadline"] ?? "").trimmingCharacters(in: .whitespaces)
            let day = CampaignDate(text)
            if !text.isEmpty && day == nil {
                return self.message(request, status: .badRequest, heading: "Hạn nộp không hợp lệ",
                                    "Hãy nhập ngày theo dạng ngày/tháng/năm.", back: "/", coordinator: true)
            }
            try? await self.desk.setDeadline(day)
            return Response(status: .seeOther, headers: [.location: "/"])
        }

        // Templates.
        router.get("/bieu-mau.zip") { request, _ -> Response in
            guard await self.isCoordinator(request) else { return self.loginRedirect(request) }
            do {
                guard let path = try await self.desk.allTemplatesZip() else { return self.notFound(request) }
                return self.download(path: path, name: "bieu-mau.zip", fallback: "bieu-mau.zip", type: "application/zip")
            } catch {
                return self.message(request, status: .internalServerError, heading: "Chưa tạo được tệp nén biểu mẫu",
                                    "\(error)", back: "/", coordinator: true)
            }
        }
        router.get("/bieu-mau/:code") { request, context -> Response in
            guard await self.isCoordinator(request) else { return self.loginRedirect(request) }
            guard let code = context.parameters.get("code"),
                  let t = try await self.desk.templatePath(unitCode: code) else { return self.notFound(request) }
            return self.download(path: t.path, name: t.name, fallback: t.name, type: WebApp.xlsxType)
        }

        // Links.
        router.post("/lien-ket/:code/cap-lai") { request, context -> Response in
            guard await self.isCoordinator(request) else { return self.loginRedirect(request) }
            let form = await self.formFields(request)
            guard self.csrfOK(request, field: form[CSRFGuard.fieldName]) else { return self.csrfRefused(request) }
            guard let code = context.parameters.get("code"), let token = try await self.desk.renewLink(unitCode: code) else {
                return self.notFound(request)
            }
            return await self.linksPage(request, tokens: [code: token], heading: "Liên kết mới (liên kết cũ không còn dùng được)")
        }
        router.post("/lien-ket/cap-lai-tat-ca") { request, _ -> Response in
            guard await self.isCoordinator(request) else { return self.loginRedirect(request) }
            let form = await self.formFields(request)
            guard self.csrfOK(request, field: form[CSRFGuard.fieldName]) else { return self.csrfRefused(request) }
            guard await self.desk.hasCampaign else { return self.notFound(request) }
            var tokens: [String: SecretToken] = [:]
            for unit in await self.desk.units { tokens[unit.code] = try await self.desk.renewLink(unitCode: unit.code) }
            return await self.linksPage(request, tokens: tokens, heading: "Liên kết mới của mọi đơn vị (liên kết cũ không còn dùng được)")
        }
        router.post("/lien-ket/:code/thu-hoi") { request, context -> Response in
            guard await self.isCoordinator(request) else { return self.loginRedirect(request) }
            let form = await self.formFields(request)
            guard self.csrfOK(request, field: form[CSRFGuard.fieldName]) else { return self.csrfRefused(request) }
            guard let code = context.parameters.get("code") else { return self.notFound(request) }
            try await self.desk.revokeLink(unitCode: code)
            return await self.overview(request, notice: "Đã thu hồi liên kết của đơn vị; liên kết cũ không còn mở được.")
        }

        // Uploads by the coordinator: each file matched to its unit.
        router.post("/nop") { request, _ -> Response in
            guard await self.isCoordinator(request) else { return self.loginRedirect(request) }
            let upload: MultipartUpload
            do { upload = try await MultipartUpload.read(request, limits: self.configuration.limits) } catch let r as MultipartUpload.Refusal {
                return self.uploadRefused(request, r, back: "/")
            }
            guard self.csrfOK(request, field: upload.fields[CSRFGuard.fieldName]) else { return self.csrfRefused(request) }
            guard await self.desk.hasCampaign else { return self.notFound(request) }
            let records = await self.receive(upload, unit: nil, by: .coordinator)
            let units = await self.desk.units
            return self.results(request, files: records.map { FileView($0, units: units, base: "/tep") },
                                back: "/", coordinator: true)
        }

        // A unit's history and the stored files.
        router.get("/don-vi/:code") { request, context -> Response in
            guard await self.isCoordinator(request) else { return self.loginRedirect(request) }
            guard let snapshot = try await self.desk.snapshot(), let code = context.parameters.get("code"),
                  let unit = snapshot.framework.units.first(where: { $0.code == code }) else { return self.notFound(request) }
            let (frame, cookie) = self.frame(request, title: "Lịch sử nộp — \(unit.name)", coordinator: true)
            let received = await self.desk.files(snapshot.files(of: code).reversed(), submitters: snapshot.submitters)
            let files = received.map { FileView($0, units: snapshot.framework.units, base: "/tep") }
            let state = snapshot.status.units.first { $0.unit == code }?.state ?? .notSubmitted
            return self.page("history", HistoryView(frame: frame, unitName: unit.name, status: state.label,
                                                    statusClass: state.rawValue, files: files, hasFiles: !files.isEmpty),
                             cookie: cookie)
        }
        router.get("/tep/:id/goc") { request, context -> Response in
            guard await self.isCoordinator(request) else { return self.loginRedirect(request) }
            guard let id = context.parameters.get("id", as: Int64.self), let file = await self.desk.file(id: id),
                  let data = await self.desk.originalBytes(id: id) else { return self.notFound(request) }
            return self.download(data: data, name: file.displayName, id: id)
        }
        router.get("/tep/:id/danh-dau") { request, context -> Response in
            guard await self.isCoordinator(request) else { return self.loginRedirect(request) }
            guard let id = context.parameters.get("id", as: Int64.self), let file = await self.desk.file(id: id),
                  let path = try await self.desk.annotatedPath(id: id) else { return self.notFound(request) }
            return self.download(path: path, name: WebApp.annotatedName(file.displayName), fallback: "tep-\(id)-kiem-tra.xlsx",
                                 type: WebApp.xlsxType)
        }

        // Consolidation.
        router.post("/tong-hop") { request, _ -> Response in
            guard await self.isCoordinator(request) else { return self.loginRedirect(request) }
            let form = await self.formFields(request)
            guard self.csrfOK(request, field: form[CSRFGuard.fieldName]) else { return self.csrfRefused(request) }
            do {
                _ = try await self.desk.consolidate()
                return Response(status: .seeOther, headers: [.location: "/#tong-hop"])
            } catch {
                return self.message(request, status: .unprocessableContent, heading: "Chưa tổng hợp được", "\(error)",
                                    back: "/", coordinator: true)
            }
        }
        router.get("/tong-hop/:id/phu-luc.xlsx") { request, context -> Response in
            guard await self.isCoordinator(request) else { return self.loginRedirect(request) }
            guard let id = context.parameters.get("id", as: Int.self), let snapshot = try await self.desk.snapshot(),
                  let summary = snapshot.consolidations.first(where: { $0.id == id }),
                  let path = await self.desk.outputPath(of: summary) else { return self.notFound(request) }
            let name = "PHU-LUC-tong-hop-\(snapshot.info.frameworkYear.map(String.init) ?? "")-\(id).xlsx"
            return self.download(path: path, name: name, fallback: name, type: WebApp.xlsxType)
        }
    }

    /// `Bảng A.xlsx` → `Bảng A - kiem tra.xlsx`.
    static func annotatedName(_ name: String) -> String {
        "\((name as NSString).deletingPathExtension) - kiem tra.xlsx"
    }

    /// The overview page (or the create form when there is no campaign yet).
    func overview(_ request: Request, notice: String?) async -> Response {
        let (frame, cookie) = self.frame(request, title: "Trang điều phối — ParIndex", coordinator: true)
        let limits = configuration.limits
        guard let c = try? await desk.snapshot() else {
            let view = OverviewView(frame: frame, hasCampaign: false, title: "", year: "", deadline: "", deadlineValue: "",
                                    hasDeadline: false, folder: "", unitCount: 0, validCount: 0, invalidCount: 0, missingCount: 0,
                                    fileCount: 0, units: [], unmatched: [], hasUnmatched: false, consolidation: [],
                                    maxFileMiB: limits.maxFileBytes >> 20, maxFileBytes: limits.maxFileBytes,
                                    maxFiles: limits.maxFiles, notice: notice ?? "", hasNotice: notice != nil)
            return page("overview", view, cookie: cookie)
        }
        let rows = c.status.units.map { UnitRow($0, link: c.links[$0.unit]) }
        let unmatched = await desk.files(c.history.filter { $0.unit == nil }.reversed(), submitters: c.submitters)
            .map { FileView($0, units: c.framework.units, base: "/tep") }
        let deadline = c.info.deadline
        let view = OverviewView(
            frame: frame, hasCampaign: true, title: c.info.title, year: c.info.frameworkYear.map(String.init) ?? "—",
            deadline: deadline.map { d in
                let days = c.status.daysToDeadline ?? 0
                return d.vietnamese + (days > 0 ? " (còn \(days) ngày)" : days == 0 ? " (hôm nay)" : " (đã quá \(-days) ngày)")
            } ?? "chưa đặt",
            deadlineValue: deadline?.vietnamese ?? "", hasDeadline: deadline != nil, folder: c.folder, unitCount: rows.count,
            validCount: c.status.units.filter { $0.state == .valid }.count,
            invalidCount: c.status.units.filter { $0.state == .invalid }.count,
            missingCount: c.status.units.filter { $0.state == .notSubmitted }.count,
            fileCount: c.history.count, units: rows, unmatched: unmatched, hasUnmatched: !unmatched.isEmpty,
            consolidation: c.consolidations.last.map { [ConsolidationView($0)] } ?? [],
            maxFileMiB: limits.maxFileBytes >> 20, maxFileBytes: limits.maxFileBytes, maxFiles: limits.maxFiles,
            notice: notice ?? "", hasNotice: notice != nil)
        return page("overview", view, cookie: cookie)
    }

    /// The page listing freshly issued links (shown once: only digests are kept).
    func linksPage(_ request: Request, tokens: [String: SecretToken], heading: String) async -> Response {
        let (frame, cookie) = self.frame(request, title: heading, coordinator: true)
        let base = baseURL(request)
        let lines = await desk.units.compactMap { unit in
            tokens[unit.code].map { LinksView.Line(name: unit.name, url: "\(base)/nop/\($0.text)") }
        }
        return page("links", LinksView(frame: frame, heading: heading, links: lines), cookie: cookie)
    }
}
