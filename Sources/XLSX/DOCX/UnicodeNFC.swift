import Foundation

/// Unicode Normalization Form C for text read from documents (Word keeps whatever the
/// typist's keyboard produced; Vietnamese arrives precomposed or decomposed).
enum UnicodeNFC {
    static func normalize(_ text: String) -> String {
        // Fast path: scalars below U+0300 (no combining marks) and the precomposed
        // Vietnamese letters of Latin Extended Additional are already NFC.
        if text.unicodeScalars.allSatisfy({ $0.value < 0x300 || (0x1E00...0x1EFF).contains($0.value) }) { return text }
        return text.precomposedStringWithCanonicalMapping
    }
}
