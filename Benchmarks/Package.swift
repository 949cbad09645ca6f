// swift-tools-version:6.0
// Benchmarks for ParIndex: a separate package so the root package stays untouched.
// `xlsx-count` streams one sheet with the XLSX module and counts cells (reader-only figure).
import PackageDescription

let package = Package(
    name: "ParIndexBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "ParIndex", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "xlsx-count",
            dependencies: [.product(name: "XLSX", package: "ParIndex")],
            path: "Sources/xlsx-count"
        ),
        // `xlsx-annotate` applies an annotated copy's package edit (marks, comments, first sheet).
        .executableTarget(
            name: "xlsx-annotate",
            dependencies: [.product(name: "XLSX", package: "ParIndex")],
            path: "Sources/xlsx-annotate"
        ),
    ]
)
