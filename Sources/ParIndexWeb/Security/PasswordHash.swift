import Crypto
import _CryptoExtras
import Foundation

/// The coordinator password, kept only as a salted PBKDF2-SHA256 hash: the clear text is
/// read from `--admin-password-file` once at start and dropped.
public struct PasswordHash: Sendable {
    /// OWASP's minimum for PBKDF2-SHA256.
    static let rounds = 210_000
    let salt: [UInt8]
    let hash: [UInt8]

    /// Hashes `password` with a fresh random 16-byte salt.
    public init(password: String) throws {
        let salt = SymmetricKey(size: .bits128).withUnsafeBytes { Array($0) }
        self.salt = salt
        hash = try Self.derive(password, salt: salt)
    }

    /// True when `candidate` is the password (compared in constant time).
    public func verify(_ candidate: String) -> Bool {
        guard let derived = try? Self.derive(candidate, salt: salt) else { return false }
        return ConstantTime.equal(derived, hash)
    }

    private static func derive(_ password: String, salt: [UInt8]) throws -> [UInt8] {
        let key = try KDF.Insecure.PBKDF2.deriveKey(from: Array(password.precomposedStringWithCanonicalMapping.utf8),
                                                    salt: salt, using: .sha256, outputByteCount: 32, rounds: rounds)
        return key.withUnsafeBytes { Array($0) }
    }

    /// Reads the password file: its first line, without the line break. Refuses an empty one.
    public static func load(passwordFile path: String) throws -> PasswordHash {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ServeError("không đọc được tệp mật khẩu \(path)")
        }
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        guard line.count >= 8 else { throw ServeError("mật khẩu trong \(path) phải có ít nhất 8 ký tự") }
        return try PasswordHash(password: line)
    }
}

/// A refusal to start or serve, worded in Vietnamese for the clerk.
public struct ServeError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ message: String) { description = message }
}
