// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Lastmile",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "lastmile", targets: ["lastmile"]),
        .library(name: "LastmileEngine", targets: ["LastmileEngine"]),
        .library(name: "LastmileTensor", targets: ["LastmileTensor"]),
        .library(name: "LastmileAPI", targets: ["LastmileAPI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-protobuf", exact: "1.39.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .target(
            name: "LastmileTensor",
            dependencies: ["COpenBLAS", .product(name: "RealModule", package: "swift-numerics")],
            swiftSettings: strict
        ),
        .target(
            name: "LastmileONNXProto",
            dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf")],
            exclude: [],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .target(
            name: "LastmileEngine",
            dependencies: [
                "LastmileTensor", "LastmileONNXProto",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "LastmileAPI",
            swiftSettings: strict
        ),
        .target(
            name: "LastmileStore",
            dependencies: [
                "LastmileAPI",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "LastmileCharts",
            swiftSettings: strict
        ),
        .target(
            name: "LastmileRuntime",
            dependencies: ["LastmileEngine", "LastmileTensor", "LastmileAPI"],
            swiftSettings: strict
        ),
        .target(
            name: "LastmileObservability",
            dependencies: [
                "LastmileEngine", "LastmileTensor", "LastmileAPI",
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "LastmileServer",
            dependencies: [
                "LastmileRuntime", "LastmileStore", "LastmileObservability", "LastmileAPI", "LastmileEngine", "LastmileTensor",
                "LastmileCharts",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "LastmileClient",
            dependencies: [
                "LastmileAPI",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "LastmileCLI",
            dependencies: [
                "LastmileServer", "LastmileClient", "LastmileAPI", "LastmileEngine", "LastmileTensor",
                "LastmileCharts",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "lastmile",
            dependencies: ["LastmileCLI"],
            swiftSettings: strict
        ),
        .target(
            name: "LastmileTesting",
            dependencies: [
                "LastmileEngine", "LastmileTensor", "LastmileCLI", "LastmileONNXProto",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LastmileTensorTests",
            dependencies: ["LastmileTensor", "LastmileTesting"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LastmileONNXProtoTests",
            dependencies: ["LastmileONNXProto", "LastmileTesting"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LastmileEngineTests",
            dependencies: ["LastmileEngine", "LastmileTensor", "LastmileTesting"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LastmileChartsTests",
            dependencies: ["LastmileCharts"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LastmileAPITests",
            dependencies: ["LastmileAPI"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LastmileStoreTests",
            dependencies: ["LastmileStore", "LastmileAPI"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LastmileRuntimeTests",
            dependencies: ["LastmileRuntime", "LastmileEngine", "LastmileTensor", "LastmileAPI", "LastmileTesting"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LastmileObservabilityTests",
            dependencies: ["LastmileObservability", "LastmileAPI", "LastmileEngine", "LastmileTensor", "LastmileTesting"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LastmileServerTests",
            dependencies: [
                "LastmileServer", "LastmileClient", "LastmileAPI", "LastmileTesting",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LastmileCLITests",
            dependencies: ["LastmileCLI", "LastmileAPI", "LastmileEngine", "LastmileTesting"],
            swiftSettings: strict
        ),
    ]
)
