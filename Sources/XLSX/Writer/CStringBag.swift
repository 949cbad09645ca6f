#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Owns C copies of Swift strings for the duration of one libxlsxwriter call that takes a
/// struct of `char *` fields. Free them with ``release()`` (or let the bag go).
final class CStringBag {
    private var pointers: [UnsafeMutablePointer<CChar>] = []

    /// A C copy of the string, or nil for nil.
    func copy(_ text: String?) -> UnsafeMutablePointer<CChar>? {
        guard let text, let pointer = strdup(text) else { return nil }
        pointers.append(pointer)
        return pointer
    }

    func release() {
        for pointer in pointers { free(pointer) }
        pointers.removeAll()
    }

    deinit { release() }
}
