import CZip

/// Test-only: reads whole parts of a zip package with libzip, to check the raw XML the
/// writer produced for features the reader does not expose. Shared by the test targets.
public struct ZipPartReader: Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public let path: String

    public init(path: String) { self.path = path }

    /// Names of all entries in the package.
    public func entryNames() throws -> [String] {
        try withArchive { archive in
            let count = zip_get_num_entries(archive, 0)
            return (0..<count).compactMap { index in
                zip_get_name(archive, zip_uint64_t(index), 0).map { String(cString: $0) }
            }
        }
    }

    /// The text of one part, e.g. `xl/worksheets/sheet1.xml`.
    public func text(of part: String) throws -> String {
        try withArchive { archive in
            guard let file = zip_fopen(archive, part, 0) else {
                throw Failure(description: "no part \(part) in \(path)")
            }
            defer { zip_fclose(file) }
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let read = buffer.withUnsafeMutableBytes { zip_fread(file, $0.baseAddress, zip_uint64_t($0.count)) }
                guard read >= 0 else { throw Failure(description: "cannot read \(part)") }
                if read == 0 { break }
                bytes.append(contentsOf: buffer[0..<Int(read)])
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    private func withArchive<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        var error: Int32 = 0
        guard let archive = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &error) else {
            throw Failure(description: "zip_open failed (\(error)) for \(path)")
        }
        defer { zip_discard(archive) }
        return try body(archive)
    }
}
