import Foundation
import ParIndexKit
import XLSX

/// A framework sent as a file when creating a campaign: an appendix workbook (sniffed as a
/// zip) is imported; anything else is read as a YAML/JSON framework file. The bytes are
/// read through a private temporary file whose name the tool chooses.
enum FrameworkUpload {
    static func load(_ file: UploadedFile, limits: ReadLimits) async throws -> Framework {
        let kind = ContentKind.sniff(file.bytes)
        if kind == .ole { throw ServeError(XLSXError.legacyXLS.message) }
        let bytes = Data(file.bytes)
        return try await Offload.shared.run {
            // A private temporary file under a name we choose (the importer reads a path).
            let path = (NSTemporaryDirectory() as NSString)
                .appendingPathComponent("parindex-khung-\(UUID().uuidString).\(kind == .zip ? "xlsx" : "yaml")")
            guard FileManager.default.createFile(atPath: path, contents: bytes, attributes: [.posixPermissions: 0o600]) else {
                throw ServeError("không ghi được tệp tạm")
            }
            defer { try? FileManager.default.removeItem(atPath: path) }
            do {
                if kind == .zip { return try FrameworkImporter().importWorkbook(path: path, limits: limits).framework }
                return try FrameworkStore.load(path: path)
            } catch let error as XLSXError {
                throw ServeError(error.message)
            } catch let error as FrameworkFileError {
                throw ServeError(error.reason)
            }
        }
    }
}
