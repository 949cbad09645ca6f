import Crypto
import Foundation

/// CSRF protection for every POST: the browser holds a random cookie (`pi_csrf`,
/// HttpOnly, SameSite=Strict) and every form carries the HMAC of that cookie under a key
/// that lives only in the server's memory. A page on another site can neither read the
/// cookie nor compute the form value.
public struct CSRFGuard: Sendable {
    public static let cookieName = "pi_csrf"
    public static let fieldName = "csrf"
    public static let headerName = "X-CSRF-Token"
    private let keyBytes: [UInt8]
    var key: SymmetricKey { SymmetricKey(data: keyBytes) }

    /// A guard with a fresh random key (forms from before a restart stop working).
    public init() { keyBytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) } }

    /// The form value for a browser holding cookie `cookie`.
    public func formToken(forCookie cookie: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(cookie.utf8), using: key)
        return Base64URL.encode(Array(mac))
    }

    /// True when `provided` is the form value of `cookie` (constant-time comparison).
    public func verify(cookie: String?, provided: String?) -> Bool {
        guard let cookie, !cookie.isEmpty, let provided else { return false }
        return ConstantTime.equal(Array(formToken(forCookie: cookie).utf8), Array(provided.utf8))
    }
}
