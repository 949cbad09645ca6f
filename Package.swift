// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ParIndex",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "XLSX", targets: ["XLSX"]),
        .library(name: "ParIndexKit", targets: ["ParIndexKit"]),
        .executable(name: "parindex", targets: ["parindex"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        // System libraries (Debian: libxlsxwriter-dev, libzip-dev, libexpat1-dev).
        .systemLibrary(name: "CXlsxWriter", path: "Sources/CXlsxWriter", pkgConfig: "xlsxwriter",
                       providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(name: "CZip", path: "Sources/CZip", pkgConfig: "libzip",
                       providers: [.apt(["libzip-dev"])]),
        .systemLibrary(name: "CExpat", path: "Sources/CExpat", pkgConfig: "expat",
                       providers: [.apt(["libexpat1-dev"])]),

        // Generic spreadsheet layer: knows nothing of PAR INDEX.
        .target(name: "XLSX", dependencies: ["CXlsxWriter", "CZip", "CExpat"]),

        // Domain layer: framework, layouts, submissions, validation, consolidation.
        .target(name: "ParIndexKit", dependencies: ["XLSX", "Yams"]),

        // Thin command-line front end.
        .executableTarget(name: "parindex", dependencies: [
            "ParIndexKit", "XLSX",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Test-only helpers shared by the test targets (raw package parts read with libzip).
        .target(name: "PackageTestSupport", dependencies: ["CZip"], path: "Tests/PackageTestSupport"),
        .testTarget(name: "XLSXTests", dependencies: ["XLSX", "PackageTestSupport"]),
        .testTarget(name: "ParIndexKitTests", dependencies: ["ParIndexKit", "XLSX", "PackageTestSupport"]),
        .testTarget(name: "ParIndexCLITests", dependencies: ["parindex", "XLSX"]),
    ]
)
