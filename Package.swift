// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Gradscope",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "GradscopeCore", targets: ["GradscopeCore"]),
        .library(name: "GradscopeNumerics", targets: ["GradscopeNumerics"]),
        .library(name: "GradscopeNetworks", targets: ["GradscopeNetworks"]),
        .library(name: "GradscopeTheory", targets: ["GradscopeTheory"]),
        .library(name: "GradscopeCharts", targets: ["GradscopeCharts"]),
        .library(name: "GradscopeGallery", targets: ["GradscopeGallery"]),
        .executable(name: "gradscope", targets: ["gradscope"]),
        .executable(name: "gradscope-bench", targets: ["gradscope-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // Vectorised chain kernels (own AVX-512/AVX2 exp, libm for the scalar path), called from the core's fast paths.
        .target(
            name: "CVectorMath",
            cSettings: [.unsafeFlags(["-O3", "-ffp-contract=off"])],
            linkerSettings: [.linkedLibrary("m"), .linkedLibrary("dl")]
        ),
        // SQLite's defensive mode for the trace reader (sqlite3_db_config is variadic, which Swift cannot call).
        .target(name: "CSQLiteGuard", linkerSettings: [.linkedLibrary("sqlite3")]),
        // Precisions, activations, formulas, random numbers, matrix products: the numerics foundation.
        .target(
            name: "GradscopeNumerics",
            dependencies: ["CVectorMath", "CSQLiteGuard", .product(name: "RealModule", package: "swift-numerics"),
                           .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // Chains, MLPs, recurrent networks, surfaces, training and the autopsy; builds on Numerics only.
        .target(
            name: "GradscopeNetworks",
            dependencies: ["GradscopeNumerics", "CVectorMath", .product(name: "RealModule", package: "swift-numerics")]
        ),
        // Mean-field theory, wide networks, Jacobian spectra; builds on Numerics only.
        .target(
            name: "GradscopeTheory",
            dependencies: ["GradscopeNumerics", .product(name: "RealModule", package: "swift-numerics")]
        ),
        // The umbrella that re-exports the three.
        .target(name: "GradscopeCore", dependencies: ["GradscopeNumerics", "GradscopeNetworks", "GradscopeTheory"]),
        .target(name: "GradscopeCharts"),
        .target(
            name: "GradscopeGallery",
            dependencies: ["GradscopeCore", "GradscopeCharts", .product(name: "RealModule", package: "swift-numerics")]
        ),
        .target(
            name: "GradscopeCLI",
            dependencies: [
                "GradscopeCore", "GradscopeCharts", "GradscopeGallery", "GradscopeServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "GradscopeServer",
            dependencies: [
                "GradscopeGallery",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .executableTarget(name: "gradscope", dependencies: ["GradscopeCLI"]),
        .executableTarget(
            name: "gradscope-bench",
            dependencies: ["GradscopeCore", "GradscopeNetworks", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(
            name: "GradscopeCoreTests",
            dependencies: ["GradscopeCore", "GradscopeNumerics", "GradscopeNetworks", "GradscopeTheory", "GradscopeTestSupport"],
            resources: [.copy("Resources")]
        ),
        .testTarget(
            name: "GradscopeCLITests",
            dependencies: ["GradscopeCLI", "GradscopeTestSupport", .product(name: "HummingbirdTesting", package: "hummingbird")]
        ),
        .testTarget(
            name: "GradscopeServerTests",
            dependencies: ["GradscopeServer", "GradscopeCore", "GradscopeCharts", .product(name: "HummingbirdTesting", package: "hummingbird")],
            resources: [.copy("Resources")]
        ),
        .target(name: "GradscopeTestSupport", path: "Tests/GradscopeTestSupport"),
        .testTarget(name: "GradscopeChartsTests", dependencies: ["GradscopeCharts", "GradscopeTestSupport"], resources: [.copy("Golden")]),
        .testTarget(
            name: "GradscopeGalleryTests",
            dependencies: ["GradscopeGallery", "GradscopeTestSupport"],
            resources: [.copy("Resources")]
        ),
    ]
)
