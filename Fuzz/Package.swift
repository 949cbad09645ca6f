// swift-tools-version:6.0
// libFuzzer targets for the XLSX reader. Build and run with `Fuzz/run.sh SECONDS`
// (see Fuzz/README.md); never part of the root package's `swift build` / `swift test`.
import PackageDescription

let package = Package(
    name: "ParIndexFuzz",
    dependencies: [
        .package(name: "ParIndex", path: ".."),
    ],
    targets: [
        // Shared harness: runs the reader over a file the way the CLI does.
        .target(name: "FuzzSupport", dependencies: [.product(name: "XLSX", package: "ParIndex")]),
        // Raw bytes → a file → XLSXReader: zip layer, sniffing, every part.
        .executableTarget(name: "ReaderFuzz", dependencies: ["FuzzSupport"]),
        // Bytes → XML parts packed into a well-formed (stored) zip: reaches the XML
        // handlers without being stopped by CRC checks.
        .executableTarget(name: "SheetXMLFuzz", dependencies: ["FuzzSupport"]),
        // Bytes → a Word document's XML parts (document, numbering, styles) in a stored
        // zip: the .docx reader's handlers, table grouping and sheet rows.
        .executableTarget(name: "DocumentXMLFuzz", dependencies: ["FuzzSupport"]),
        // Bytes → an OpenDocument content.xml with its mimetype in a stored zip: the .ods
        // reader's handlers.
        .executableTarget(name: "ContentXMLFuzz", dependencies: ["FuzzSupport"]),
    ]
)
