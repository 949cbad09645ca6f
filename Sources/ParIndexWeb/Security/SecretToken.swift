import Crypto
import Foundation

/// A random secret handed to a browser (unit link, session, CSRF cookie): 128 bits from the
/// system's secure generator, written as URL-safe base64 without padding (22 characters).
public struct SecretToken: Sendable, Hashable {
    /// The text a link or cookie carries.
    public let text: String

    /// A fresh token of `bits` random bits (128 by default).
    public static func random(bits: Int = 128) -> SecretToken {
        let key = SymmetricKey(size: SymmetricKeySize(bitCount: bits))
        let bytes = key.withUnsafeBytes { Array($0) }
        return SecretToken(text: Base64URL.encode(bytes))
    }

    public init(text: String) { self.text = text }

    /// What is stored instead of the token: its SHA-256 digest, hex. A stolen database does
    /// not give working links.
    public var digest: TokenDigest { TokenDigest(of: text) }
}

/// The SHA-256 of a token, kept in place of the token itself.
public struct TokenDigest: Sendable, Hashable, Codable {
    /// 64 lowercase hex digits.
    public let hex: String

    public init(hex: String) { self.hex = hex }

    public init(of token: String) {
        hex = SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Compares two digests in constant time.
    public func matches(_ other: TokenDigest) -> Bool {
        ConstantTime.equal(Array(hex.utf8), Array(other.hex.utf8))
    }
}

/// URL-safe base64 (RFC 4648 §5) without padding.
enum Base64URL {
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// True when `text` could be a token we issued (22 URL-safe characters): anything else
    /// is refused before a digest is computed.
    static func looksLikeToken(_ text: Substring) -> Bool {
        text.count == 22 && text.utf8.allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D || c == 0x5F
        }
    }
}
