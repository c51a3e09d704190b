// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Gradscope",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "GradscopeCore", targets: ["GradscopeCore"]),
        .library(name: "GradscopeCharts", targets: ["GradscopeCharts"]),
        .library(name: "GradscopeGallery", targets: ["GradscopeGallery"]),
        .executable(name: "gradscope", targets: ["gradscope"]),
        .executable(name: "gradscope-bench", targets: ["gradscope-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    ],
    targets: [
        // Vectorised chain kernels (own AVX-512/AVX2 exp, libm for the scalar path), called from the core's fast paths.
        .target(
            name: "CVectorMath",
            cSettings: [.unsafeFlags(["-O3", "-ffp-contract=off"])],
            linkerSettings: [.linkedLibrary("m")]
        ),
        .target(
            name: "GradscopeCore",
            dependencies: [
                "CVectorMath",
                .product(name: "RealModule", package: "swift-numerics"),
            ]
        ),
        .target(name: "GradscopeCharts"),
        .target(
            name: "GradscopeGallery",
            dependencies: ["GradscopeCore", "GradscopeCharts", .product(name: "RealModule", package: "swift-numerics")]
        ),
        .target(
            name: "GradscopeCLI",
            dependencies: [
                "GradscopeCore", "GradscopeCharts", "GradscopeGallery",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "gradscope", dependencies: ["GradscopeCLI"]),
        .executableTarget(
            name: "gradscope-bench",
            dependencies: ["GradscopeCore", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(
            name: "GradscopeCoreTests",
            dependencies: ["GradscopeCore"],
            resources: [.copy("Resources")]
        ),
        .testTarget(name: "GradscopeCLITests", dependencies: ["GradscopeCLI"]),
        .target(name: "GradscopeTestSupport", path: "Tests/GradscopeTestSupport"),
        .testTarget(name: "GradscopeChartsTests", dependencies: ["GradscopeCharts", "GradscopeTestSupport"], resources: [.copy("Golden")]),
        .testTarget(
            name: "GradscopeGalleryTests",
            dependencies: ["GradscopeGallery", "GradscopeTestSupport"],
            resources: [.copy("Resources")]
        ),
    ]
)
