import Foundation

/// Where the server may listen: loopback freely; any other address only with a coordinator
/// password, because everyone on that network could otherwise reach the coordinator pages.
public enum HostPolicy {
    /// True for 127.0.0.0/8, ::1 and `localhost`.
    public static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased()
        if h == "localhost" || h == "::1" || h == "[::1]" { return true }
        let parts = h.split(separator: ".")
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// Throws the refusal when `host` is not loopback and no password was given.
    public static func check(host: String, hasPassword: Bool) throws {
        if !isLoopback(host) && !hasPassword {
            throw ServeError("""
                từ chối mở trên địa chỉ \(host): máy khác trong mạng sẽ vào được trang điều phối. \
                Hãy đặt mật khẩu điều phối bằng --admin-password-file <tệp>, hoặc dùng --host 127.0.0.1.
                """)
        }
    }
}
