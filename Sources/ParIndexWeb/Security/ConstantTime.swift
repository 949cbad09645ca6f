import Foundation

/// Byte comparison whose time depends only on the lengths, not on where the bytes differ.
enum ConstantTime {
    /// True when `a` and `b` hold the same bytes.
    static func equal<A: Collection<UInt8>, B: Collection<UInt8>>(_ a: A, _ b: B) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }
}
