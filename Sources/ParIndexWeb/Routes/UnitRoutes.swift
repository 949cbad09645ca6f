import Foundation
import HTTPTypes
import Hummingbird
import ParIndexKit

extension WebApp {
    /// `/nop/<token>`: a unit's own page. The token opens its unit only; every file route
    /// under it checks that the file belongs to that unit. Unknown or revoked tokens: 404.
    func addUnitRoutes(to router: Router<BasicRequestContext>) {
        router.get("/nop/:token") { request, context -> Response in
            guard let (unit, token) = await self.unit(context) else { return self.notFound(request) }
            return await self.unitPage(request, unit: unit, token: token)
        }
        router.post("/nop/:token") { request, context -> Response in
            guard let (unit, token) = await self.unit(context), let campaign = await self.desk.current else {
                return self.notFound(request)
            }
            let back = "/nop/\(token)"
            let upload: MultipartUpload
            do { upload = try await MultipartUpload.read(request, limits: self.configuration.limits) } catch let r as MultipartUpload.Refusal {
                return self.uploadRefused(request, r, back: back)
            }
            guard self.csrfOK(request, field: upload.fields[CSRFGuard.fieldName]) else { return self.csrfRefused(request) }
            let records = await self.receive(upload, unit: unit, by: .link)
            return self.results(request, files: records.map { FileView($0, units: campaign.framework.units, base: "\(back)/tep") },
                                back: back, coordinator: false)
        }
        router.get("/nop/:token/bieu-mau") { request, context -> Response in
            guard let (unit, _) = await self.unit(context),
                  let t = try await self.desk.templatePath(unitCode: unit.code) else { return self.notFound(request) }
            return self.download(path: t.path, name: t.name, fallback: t.name, type: WebApp.xlsxType)
        }
        router.get("/nop/:token/tep/:id/goc") { request, context -> Response in
            guard let (unit, _) = await self.unit(context), let file = await self.ownFile(context, unit: unit),
                  let path = await self.desk.originalPath(of: file) else { return self.notFound(request) }
            return self.download(path: path, name: file.displayName, fallback: "tep-\(file.id).\(file.kind.storedExtension)",
                                 type: WebApp.type(of: file.kind))
        }
        router.get("/nop/:token/tep/:id/danh-dau") { request, context -> Response in
            guard let (unit, _) = await self.unit(context), let file = await self.ownFile(context, unit: unit),
                  let path = try await self.desk.annotatedPath(of: file) else { return self.notFound(request) }
            return self.download(path: path, name: WebApp.annotatedName(file.displayName), fallback: "tep-\(file.id)-kiem-tra.xlsx",
                                 type: WebApp.xlsxType)
        }
    }

    /// The unit the path's token opens.
    func unit(_ context: BasicRequestContext) async -> (Unit, String)? {
        guard let token = context.parameters.get("token"), let unit = await desk.unit(forToken: token[...]) else { return nil }
        return (unit, token)
    }

    /// The file `:id` when it belongs to `unit`.
    func ownFile(_ context: BasicRequestContext, unit: Unit) async -> ReceivedFile? {
        guard let id = context.parameters.get("id", as: Int.self), let file = await desk.file(id: id),
              file.unitCode == unit.code else { return nil }
        return file
    }

    func unitPage(_ request: Request, unit: Unit, token: String) async -> Response {
        guard let c = await desk.current else { return notFound(request) }
        let (frame, cookie) = self.frame(request, title: "Nộp bảng tự chấm — \(unit.name)", coordinator: false)
        let base = "/nop/\(token)"
        let files = c.files(of: unit.code).reversed().map { FileView($0, units: c.framework.units, base: "\(base)/tep") }
        let status = c.status(of: unit.code)
        let limits = configuration.limits
        let view = UnitPageView(frame: frame, unitName: unit.name, campaignTitle: c.title,
                                deadline: c.deadline.map(Formatting.date) ?? "", hasDeadline: c.deadline != nil,
                                pastDeadline: c.deadline.map { $0 < Date() } ?? false,
                                status: status.label, statusClass: status.rawValue,
                                templateURL: "\(base)/bieu-mau", uploadURL: base, files: Array(files), hasFiles: !files.isEmpty,
                                maxFileMiB: limits.maxFileBytes >> 20, maxFileBytes: limits.maxFileBytes, maxFiles: limits.maxFiles)
        return page("unit", view, cookie: cookie)
    }
}
