import Foundation

/// Logged-in coordinator sessions. The browser holds a random session token in a cookie;
/// the server keeps only its digest and an expiry (memory only: a restart logs out).
public actor AdminSessions {
    public static let cookieName = "pi_session"
    /// How long a session lasts without use.
    public let lifetime: TimeInterval
    private var sessions: [TokenDigest: Date] = [:]

    public init(lifetime: TimeInterval = 8 * 3600) { self.lifetime = lifetime }

    /// Opens a session and returns the token for the cookie.
    public func open(now: Date = Date()) -> SecretToken {
        let token = SecretToken.random()
        sessions[token.digest] = now.addingTimeInterval(lifetime)
        return token
    }

    /// True when `token` names a live session (its expiry is pushed back).
    public func isValid(_ token: String?, now: Date = Date()) -> Bool {
        guard let token, Base64URL.looksLikeToken(token[...]) else { return false }
        let digest = TokenDigest(of: token)
        guard let expiry = sessions[digest] else { return false }
        guard expiry > now else { sessions[digest] = nil; return false }
        sessions[digest] = now.addingTimeInterval(lifetime)
        return true
    }

    /// Ends the session of `token`.
    public func close(_ token: String?) {
        guard let token else { return }
        sessions[TokenDigest(of: token)] = nil
    }
}
