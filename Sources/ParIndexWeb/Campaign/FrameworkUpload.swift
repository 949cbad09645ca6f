import Foundation
import ParIndexKit
import XLSX

/// A framework sent as a file when creating a campaign: an appendix workbook (sniffed as a
/// zip) is imported; anything else is read as a YAML/JSON framework file. The bytes go to a
/// scratch file under a name we choose.
enum FrameworkUpload {
    static func load(_ file: UploadedFile, limits: ReadLimits, scratch: URL) async throws -> Framework {
        let kind = ContentKind.sniff(file.bytes)
        if kind == .ole { throw ServeError(XLSXError.legacyXLS.message) }
        let folder = scratch.appendingPathComponent("outputs")
        let path = folder.appendingPathComponent(".framework-\(UUID().uuidString).\(kind == .zip ? "xlsx" : "yaml")").path
        let bytes = file.bytes
        return try await Offload.shared.run {
            guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
                throw ServeError("không ghi được tệp tạm")
            }
            defer { try? FileManager.default.removeItem(atPath: path) }
            do {
                if kind == .zip { return try FrameworkImporter().importWorkbook(path: path, limits: limits).framework }
                return try FrameworkStore.load(path: path)
            } catch let error as XLSXError {
                throw ServeError(error.message)
            }
        }
    }
}
