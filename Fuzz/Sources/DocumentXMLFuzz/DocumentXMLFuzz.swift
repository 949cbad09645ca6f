import FuzzSupport

/// libFuzzer entry point: the input is a Word document's XML parts (document, numbering,
/// styles, separated by NUL bytes) packed into a valid stored zip, read through the
/// opener as a `.docx`: every table as a sheet, every row and cell.
@_cdecl("LLVMFuzzerTestOneInput")
public func documentXMLFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size)
    let zip = DocumentPackage.package(from: input)
    zip.withUnsafeBytes { FuzzHarness.run($0) }
    return 0
}
