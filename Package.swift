// swift-tools-version:6.0
import PackageDescription

// Campus depends on the toolchain and four C libraries from Debian, nothing else.
let package = Package(
    name: "campus",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "campus", targets: ["campus"]),
    ],
    targets: [
        .systemLibrary(name: "CFastCGI", pkgConfig: "fcgi", providers: [.apt(["libfcgi-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CSodium", pkgConfig: "libsodium", providers: [.apt(["libsodium-dev"])]),
        .systemLibrary(name: "CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),

        .target(name: "Web", dependencies: ["CSodium"]),
        .target(name: "FastCGI", dependencies: ["CFastCGI", "Web"]),
        .target(name: "Postgres", dependencies: ["CLibPQ"]),
        .target(name: "Campus", dependencies: ["Web", "Postgres", "CSodium", "CQREncode"]),
        .executableTarget(name: "campus", dependencies: ["Campus", "FastCGI", "Postgres", "Web"]),

        .target(name: "TestSupport", dependencies: ["Campus", "Postgres", "Web"], path: "Tests/TestSupport"),
        .testTarget(name: "WebTests", dependencies: ["Web", "TestSupport"], exclude: ["Resources"]),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "TestSupport"]),
        .testTarget(name: "FastCGITests", dependencies: ["FastCGI", "Web", "TestSupport"]),
        .testTarget(name: "CampusTests", dependencies: ["Campus", "Web", "Postgres", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "Postgres", "Web"]),
    ]
)
