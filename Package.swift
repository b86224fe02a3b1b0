// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "nnfs-book",
    products: [
        // The core that chapter programs link against (dynamic, so `nnfs-book` can
        // compile chapters at -Onone against an optimized core).
        .library(name: "NNFS", type: .dynamic, targets: ["NNFS"]),
        .library(name: "NNFSBook", targets: ["NNFSBook"]),
        .executable(name: "nnfs-book", targets: ["nnfs-book"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `swift package generate-documentation --target NNFS` (DocC reference; see README).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
    ],
    targets: [
        // Debian's libopenblas-dev: cblas.h + libopenblas.
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS"),
        // Debian's libcmark-dev: the CommonMark reference parser.
        .systemLibrary(name: "CCmark", path: "Sources/CCmark", pkgConfig: "libcmark"),
        // Debian's zlib1g-dev: gzip streams (the Fashion-MNIST IDX files).
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib"),
        // Debian's libpng-dev: PNG read and write (the book's image folder, cv2.imread/imwrite).
        .systemLibrary(name: "CPNG", path: "Sources/CPNG", pkgConfig: "libpng"),
        // Debian's libssl-dev: OpenSSL's libcrypto (SHA-256 for the runner's result cache).
        .systemLibrary(name: "CCrypto", path: "Sources/CCrypto", pkgConfig: "libcrypto"),
        // glibc's <malloc.h> (mallopt; see Sources/NNFS/Kernels/Allocation.swift).
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
        // OpenBLAS's float64 summation order from float32 operands (see Sources/NNFS/Kernels).
        .target(name: "CKernels", cSettings: [.unsafeFlags(["-O3"])]),
        .target(name: "NNFS", dependencies: ["COpenBLAS", "CZlib", "CPNG", "CMalloc", "CKernels"]),
        // The report draws training curves with NNFS's `plt`.
        .target(name: "NNFSBook", dependencies: ["CCmark", "CCrypto", "NNFS"]),
        .executableTarget(
            name: "nnfs-book",
            dependencies: ["NNFSBook", "NNFS", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Speed is measured here, never in unit tests: `swift run -c release nnfs-bench`.
        .executableTarget(name: "nnfs-bench", dependencies: ["NNFS"], path: "benchmarks/Sources/nnfs-bench"),
        .testTarget(name: "NNFSTests", dependencies: ["NNFS"], resources: [.copy("Fixtures")]),
        // Golden/ is read through #filePath (and rewritten by NNFS_BOOK_BLESS=1), not bundled.
        .testTarget(name: "NNFSBookTests", dependencies: ["NNFSBook"], exclude: ["Golden"]),
    ]
)
