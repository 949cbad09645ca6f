import Foundation

/// A calendar day (`YYYY-MM-DD`), as a campaign's deadline is given and stored.
public struct CampaignDate: Codable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) { self.year = year; self.month = month; self.day = day }

    /// Parses `YYYY-MM-DD`, or the Vietnamese `dd/MM/yyyy` (`15/12/2023`, `5/1/2024`); nil
    /// when malformed or not a real day.
    public init?(_ text: String) {
        let y: Int, m: Int, d: Int
        let iso = text.split(separator: "-", omittingEmptySubsequences: false)
        let vietnamese = text.split(separator: "/", omittingEmptySubsequences: false)
        if iso.count == 3, iso[0].count == 4, let year = Int(iso[0]), let month = Int(iso[1]), let day = Int(iso[2]),
           iso[1].count == 2, iso[2].count == 2 {
            (y, m, d) = (year, month, day)
        } else if vietnamese.count == 3, vietnamese[2].count == 4, (1...2).contains(vietnamese[0].count),
                  (1...2).contains(vietnamese[1].count), let day = Int(vietnamese[0]), let month = Int(vietnamese[1]),
                  let year = Int(vietnamese[2]) {
            (y, m, d) = (year, month, day)
        } else {
            return nil
        }
        guard (1...12).contains(m), (1...31).contains(d) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: DateComponents(year: y, month: m, day: d)),
              calendar.component(.day, from: date) == d else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    /// Vietnamese display form `dd/MM/yyyy`.
    public var vietnamese: String { String(format: "%02d/%02d/%04d", day, month, year) }

    /// The day a moment falls on in `timeZone`.
    public init(_ date: Date, in timeZone: TimeZone = .current) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: c.year!, month: c.month!, day: c.day!)
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(to other: CampaignDate) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let a = calendar.date(from: DateComponents(year: year, month: month, day: day))!
        let b = calendar.date(from: DateComponents(year: other.year, month: other.month, day: other.day))!
        return calendar.dateComponents([.day], from: a, to: b).day!
    }

    public static func < (a: CampaignDate, b: CampaignDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CampaignDate(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not YYYY-MM-DD: \(text)"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
