import Foundation
import GRDB

/// Formats times as GRDB stores a `Date` (`yyyy-MM-dd HH:mm:ss.SSS`, UTC, milliseconds
/// truncated) without a `DateFormatter` call per value: the text up to the second is kept
/// for the last second seen, the milliseconds are appended. The intake's one writer
/// formats every submission's received time this way (a formatter call cost it about
/// 20 µs per file). Not thread-safe: one instance per thread.
struct StoredTime {
    private var second: Int64 = .min
    private var prefix: [UInt8] = []

    /// The database value GRDB would store for `date` (`date.databaseValue`).
    mutating func databaseValue(_ date: Date) -> DatabaseValue {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let (s, ms) = (millis.quotient(by: 1000), millis.floorRemainder(by: 1000))
        if s != second {
            // Only whole seconds go through the formatter (GRDB's own, for the same text).
            let text = String.fromDatabaseValue(Date(timeIntervalSince1970: TimeInterval(s)).databaseValue) ?? ""
            guard text.utf8.count == 23, text.hasSuffix(".000") else { return date.databaseValue }
            prefix = Array(text.utf8.dropLast(3))
            second = s
        }
        var bytes = prefix
        bytes.append(UInt8(ascii: "0") + UInt8(ms / 100))
        bytes.append(UInt8(ascii: "0") + UInt8(ms / 10 % 10))
        bytes.append(UInt8(ascii: "0") + UInt8(ms % 10))
        return String(decoding: bytes, as: UTF8.self).databaseValue
    }
}

private extension Int64 {
    /// Division rounded toward minus infinity.
    func quotient(by d: Int64) -> Int64 { self >= 0 ? self / d : -((-self + d - 1) / d) }
    /// The remainder of ``quotient(by:)`` (0 ..< d).
    func floorRemainder(by d: Int64) -> Int64 { self - quotient(by: d) * d }
}
