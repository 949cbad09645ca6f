import FuzzSupport

/// libFuzzer entry point: the input is an OpenDocument `content.xml`, packed with its
/// `mimetype` into a valid stored zip, so the `.ods` reader's handlers (outline, repeated
/// rows and columns, spans, value types, text) see every mutation.
@_cdecl("LLVMFuzzerTestOneInput")
public func contentXMLFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size)
    let zip = StoredZip.build([("mimetype", Array("application/vnd.oasis.opendocument.spreadsheet".utf8)),
                               ("content.xml", Array(input))])
    zip.withUnsafeBytes { FuzzHarness.run($0) }
    return 0
}
