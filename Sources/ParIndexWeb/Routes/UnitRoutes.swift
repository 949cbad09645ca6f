import Foundation
import HTTPTypes
import Hummingbird
import ParIndexKit
import ParIndexStore

extension WebApp {
    /// `/nop/<token>`: a unit's own page. The token opens its unit only; every file route
    /// under it checks that the file belongs to that unit. Unknown or revoked tokens: 404.
    func addUnitRoutes(to router: Router<BasicRequestContext>) {
        router.get("/nop/:token") { request, context -> Response in
            guard let (unit, token) = await self.unit(context) else { return self.notFound(request) }
            return await self.unitPage(request, unit: unit, token: token)
        }
        router.post("/nop/:token") { request, context -> Response in
            guard let (unit, token) = await self.unit(context) else {
                return self.notFound(request)
            }
            let back = "/nop/\(token)"
            let upload: MultipartUpload
            do { upload = try await MultipartUpload.read(request, limits: self.configuration.limits) } catch let r as MultipartUpload.Refusal {
                return self.uploadRefused(request, r, back: back)
            }
            guard self.csrfOK(request, field: upload.fields[CSRFGuard.fieldName]) else { return self.csrfRefused(request) }
            let records = await self.receive(upload, unit: unit, by: .link)
            let units = await self.desk.units
            return self.results(request, files: records.map { FileView($0, units: units, base: "\(back)/tep") },
                                back: back, coordinator: false)
        }
        router.get("/nop/:token/bieu-mau") { request, context -> Response in
            guard let (unit, _) = await self.unit(context),
                  let t = try await self.desk.templatePath(unitCode: unit.code) else { return self.notFound(request) }
            return self.download(path: t.path, name: t.name, fallback: t.name, type: WebApp.xlsxType)
        }
        router.get("/nop/:token/tep/:id/goc") { request, context -> Response in
            guard let (unit, _) = await self.unit(context), let (id, file) = await self.ownFile(context, unit: unit),
                  let data = await self.desk.originalBytes(id: id) else { return self.notFound(request) }
            return self.download(data: data, name: file.displayName, id: id)
        }
        router.get("/nop/:token/tep/:id/danh-dau") { request, context -> Response in
            guard let (unit, _) = await self.unit(context), let (id, file) = await self.ownFile(context, unit: unit),
                  let path = try await self.desk.annotatedPath(id: id) else { return self.notFound(request) }
            return self.download(path: path, name: WebApp.annotatedName(file.displayName), fallback: "tep-\(id)-kiem-tra.xlsx",
                                 type: WebApp.xlsxType)
        }
    }

    /// The unit the path's token opens.
    func unit(_ context: BasicRequestContext) async -> (Unit, String)? {
        guard let token = context.parameters.get("token"), let unit = await desk.unit(forToken: token[...]) else { return nil }
        return (unit, token)
    }

    /// The file `:id` when it belongs to `unit`.
    func ownFile(_ context: BasicRequestContext, unit: Unit) async -> (Int64, ReceivedFile)? {
        guard let id = context.parameters.get("id", as: Int64.self), let file = await desk.file(id: id),
              file.record?.unit == unit.code else { return nil }
        return (id, file)
    }

    func unitPage(_ request: Request, unit: Unit, token: String) async -> Response {
        guard let c = try? await desk.snapshot() else { return notFound(request) }
        let (frame, cookie) = self.frame(request, title: "Nộp bảng tự chấm — \(unit.name)", coordinator: false)
        let base = "/nop/\(token)"
        let received = await desk.files(c.files(of: unit.code).reversed(), submitters: c.submitters)
        let files = received.map { FileView($0, units: c.framework.units, base: "\(base)/tep") }
        let state = c.status.units.first { $0.unit == unit.code }?.state ?? .notSubmitted
        let limits = configuration.limits
        let deadline = c.info.deadline
        let view = UnitPageView(frame: frame, unitName: unit.name, campaignTitle: c.info.title,
                                deadline: deadline?.vietnamese ?? "", hasDeadline: deadline != nil,
                                pastDeadline: (c.status.daysToDeadline ?? 0) < 0,
                                status: state.label, statusClass: state.rawValue,
                                templateURL: "\(base)/bieu-mau", uploadURL: base, files: files, hasFiles: !files.isEmpty,
                                maxFileMiB: limits.maxFileBytes >> 20, maxFileBytes: limits.maxFileBytes, maxFiles: limits.maxFiles)
        return page("unit", view, cookie: cookie)
    }
}
