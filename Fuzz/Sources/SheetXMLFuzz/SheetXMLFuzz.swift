import FuzzSupport

/// libFuzzer entry point: the input is a set of XML parts (sheet, sharedStrings, styles,
/// workbook, workbook rels, separated by NUL bytes) packed into a valid stored zip.
@_cdecl("LLVMFuzzerTestOneInput")
public func sheetXMLFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size)
    let zip = XMLPackage.package(from: input)
    zip.withUnsafeBytes { FuzzHarness.run($0) }
    return 0
}
