/// Element and attribute names looked up by their bytes, bucketed by length: how each
/// reader (``XMLName``, ``WordName``, ``ODFName``) classifies expat's NUL-terminated names
/// without creating a `String`.
struct NameTable<Name: Sendable>: Sendable {
    private let buckets: [[([UInt8], Name)]]
    private let other: Name

    /// A table of `names`; anything else is `other`.
    init(_ names: [(String, Name)], other: Name) {
        let longest = names.map(\.0.utf8.count).max() ?? 0
        var buckets = [[([UInt8], Name)]](repeating: [], count: longest + 1)
        for (text, name) in names { buckets[text.utf8.count].append((Array(text.utf8), name)) }
        self.buckets = buckets
        self.other = other
    }

    /// The name spelt by `length` bytes at `bytes`.
    @inline(__always)
    func lookup(_ bytes: UnsafePointer<UInt8>, _ length: Int) -> Name {
        guard length > 0, length < buckets.count else { return other }
        for (candidate, name) in buckets[length] {
            var equal = true
            for i in 0..<length where candidate[i] != bytes[i] {
                equal = false
                break
            }
            if equal { return name }
        }
        return other
    }

    /// The whole NUL-terminated name (prefix included, as ODF needs).
    @inline(__always)
    func lookup(qualified cName: UnsafePointer<CChar>) -> Name {
        var length = 0
        while cName[length] != 0 {
            length += 1
            if length >= buckets.count { return other }
        }
        return cName.withMemoryRebound(to: UInt8.self, capacity: length) { lookup($0, length) }
    }

    /// The local part of a NUL-terminated, possibly prefixed name (`x:row` → `row`).
    @inline(__always)
    func lookup(local cName: UnsafePointer<CChar>) -> Name {
        let (start, length) = Self.localPart(cName)
        return start.withMemoryRebound(to: UInt8.self, capacity: length) { lookup($0, length) }
    }

    /// Where the local part of a NUL-terminated name starts (after the last `:`) and its length.
    @inline(__always)
    static func localPart(_ cName: UnsafePointer<CChar>) -> (UnsafePointer<CChar>, Int) {
        var start = cName
        var p = cName
        while p.pointee != 0 {
            if p.pointee == 0x3A { start = p + 1 }
            p += 1
        }
        return (start, p - start)
    }
}

extension XMLAttributes {
    /// Calls `body` with each attribute's name as `classify` reads it and its NUL-terminated value.
    @inline(__always)
    func forEach<Name>(classifiedBy classify: (UnsafePointer<CChar>) -> Name,
                       _ body: (Name, UnsafePointer<CChar>) throws -> Void) rethrows {
        guard var p = raw else { return }
        while let name = p.pointee, let value = (p + 1).pointee {
            try body(classify(name), value)
            p += 2
        }
    }
}
