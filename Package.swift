// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ParIndex",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "XLSX", targets: ["XLSX"]),
        .library(name: "ParIndexKit", targets: ["ParIndexKit"]),
        .library(name: "ParIndexStore", targets: ["ParIndexStore"]),
        .executable(name: "parindex", targets: ["parindex"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // Web front end (parindex serve).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.0.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
    ],
    targets: [
        // System libraries (Debian: libxlsxwriter-dev, libzip-dev, libexpat1-dev, libfreexl-dev, libdeflate-dev).
        .systemLibrary(name: "CXlsxWriter", path: "Sources/CXlsxWriter", pkgConfig: "xlsxwriter",
                       providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(name: "CZip", path: "Sources/CZip", pkgConfig: "libzip",
                       providers: [.apt(["libzip-dev"])]),
        .systemLibrary(name: "CExpat", path: "Sources/CExpat", pkgConfig: "expat",
                       providers: [.apt(["libexpat1-dev"])]),
        .systemLibrary(name: "CDeflate", path: "Sources/CDeflate", pkgConfig: "libdeflate",
                       providers: [.apt(["libdeflate-dev"])]),
        .systemLibrary(name: "CFreeXL", path: "Sources/CFreeXL", pkgConfig: "freexl",
                       providers: [.apt(["libfreexl-dev"])]),

        // libfreexl run in a forked child process (it crashes on some malformed .xls files).
        .target(name: "CFreeXLChild", dependencies: ["CFreeXL"]),

        // Generic spreadsheet layer: knows nothing of PAR INDEX.
        .target(name: "XLSX", dependencies: ["CXlsxWriter", "CZip", "CExpat", "CFreeXL", "CFreeXLChild", "CDeflate"]),

        // Domain layer: framework, layouts, submissions, validation, consolidation.
        .target(name: "ParIndexKit", dependencies: ["XLSX", "Yams", .product(name: "Crypto", package: "swift-crypto")]),

        // The campaign store: one SQLite file (GRDB, WAL) holding every submission received.
        .target(name: "ParIndexStore", dependencies: [
            "ParIndexKit",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),

        // Web front end: routes, security, views; adapts ParIndexKit and the store, never the other way round.
        .target(name: "ParIndexWeb", dependencies: [
            "ParIndexKit", "ParIndexStore", "XLSX", "CZip",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "MultipartKit", package: "multipart-kit"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
        ], resources: [.copy("Resources")]),

        // Thin command-line front end.
        .executableTarget(name: "parindex", dependencies: [
            "ParIndexKit", "ParIndexStore", "XLSX", "ParIndexWeb",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Test-only helpers shared by the test targets (raw package parts read with libzip).
        .target(name: "PackageTestSupport", dependencies: ["CZip"], path: "Tests/PackageTestSupport"),
        .testTarget(name: "XLSXTests", dependencies: ["XLSX", "PackageTestSupport"]),
        .testTarget(name: "ParIndexKitTests", dependencies: ["ParIndexKit", "XLSX", "PackageTestSupport"]),
        .testTarget(name: "ParIndexCLITests", dependencies: ["parindex", "XLSX", "ParIndexStore", "ParIndexKit", "PackageTestSupport"]),
        .testTarget(name: "ParIndexStoreTests", dependencies: ["ParIndexStore", "ParIndexKit", "XLSX"]),
        .testTarget(name: "ParIndexWebTests", dependencies: [
            "ParIndexWeb", "ParIndexKit", "ParIndexStore", "XLSX",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
        ]),
    ]
)
