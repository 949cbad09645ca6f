import Foundation

/// How `parindex serve` runs: where it listens, who may enter, what it accepts.
public struct ServeConfiguration: Sendable {
    /// Address to bind (127.0.0.1 unless the coordinator chooses otherwise).
    public var host: String
    public var port: Int
    /// The coordinator password's hash; required for any non-loopback host.
    public var password: PasswordHash?
    /// Mark cookies `Secure` (the server sits behind a TLS proxy). Also set per request when
    /// the proxy says `X-Forwarded-Proto: https`.
    public var secureCookies: Bool
    /// The address units use to reach the server (`http://may-chu:8080`), for their links;
    /// by default the one the coordinator's browser used.
    public var publicURL: String?
    public var limits: UploadLimits

    public init(host: String = "127.0.0.1", port: Int = 8080, password: PasswordHash? = nil, secureCookies: Bool = false,
                publicURL: String? = nil, limits: UploadLimits = UploadLimits()) {
        self.host = host; self.port = port; self.password = password; self.secureCookies = secureCookies
        self.publicURL = publicURL; self.limits = limits
    }

    /// Refuses a non-loopback host without a password.
    public func validate() throws { try HostPolicy.check(host: host, hasPassword: password != nil) }
}
