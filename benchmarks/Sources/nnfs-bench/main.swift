import Foundation

// nnfs-bench: runs each workload in Swift and in NumPy (the book's code), each as a child process
// that times its own training loop, and prints for both the median in-loop time, the median
// whole-process time and the peak memory, and Swift's ratio on each.
//
//   swift run -c release nnfs-bench [workload ...] [--repeat N] [--epochs N] [--swift-only] [--scaling]
//                                   [--verify]
//
// --verify adds the runner's rows: `nnfs-book verify` over the whole book cold (--no-cache) and
// warm (everything cached), with the nnfs-book built beside this binary.
//
// --scaling prints, per workload that has the knobs, how Swift's time grows with epochs, samples
// and neurons (each doubled from a small base): per-epoch time should stay flat as epochs grow
// (no leak, no slowing) and grow about linearly with samples and neurons.
//
// Times are medians of N runs on each side (default 3), the minimum is shown beside them (the run
// least disturbed by other load on a shared machine). Needs `python3` with `numpy` and `nnfs` for
// the NumPy side.

struct Workload {
    let name: String
    let summary: String
    /// The NumPy twin in `benchmarks/numpy/` and its arguments after the epoch count.
    let script: String
    var scriptArguments: [String] = []
    let swift: (Int) -> String
    let defaultEpochs: Int
    /// The workload with `(epochs, samples, neurons)` changed, for `--scaling` (nil: epochs only).
    var scaled: ((Int, Int, Int) -> String)? = nil
    /// The book's samples and neurons (the scaling table halves them).
    var baseSize: (samples: Int, neurons: Int) = (0, 0)
    /// Floating-point operations of the dense products for `epochs` (GFLOP/s rows), if counted.
    var flops: ((Int) -> Double)? = nil
}

/// Set by a workload that times its training loop itself (when making its data is a large part
/// of the run, as chapter 19's 47 million random values are); otherwise the whole workload is timed.
nonisolated(unsafe) var trainingSeconds: Double?

/// Chapter 19's products per sample: forward, weight gradient and input gradient of each layer
/// (the book computes the first layer's input gradient too), 2 FLOPs per multiply-add.
func ch19Flops(epochs: Int) -> Double {
    let macs = 784.0 * 128 + 128 * 128 + 128 * 10
    return 2 * 3 * macs * 60000 * Double(epochs)
}

let workloads = [
    Workload(
        name: "ch10-adam", summary: "ch10 Adam cell: 10,001 full-batch epochs, 300 samples, 2-64-3",
        script: "ch10_adam.py", swift: ch10Adam(epochs:), defaultEpochs: 10001),
    Workload(
        name: "ch14-l2", summary: "ch14 largest cell: 10,001 full-batch epochs, 3000 samples, 2-512-3, L2 5e-4",
        script: "spiral512.py", swift: ch14L2(epochs:), defaultEpochs: 10001,
        scaled: { spiral512(epochs: $0, dropout: nil, learningRate: 0.02, decay: 5e-7, samples: $1, neurons: $2) },
        baseSize: (1000, 512)),
    Workload(
        name: "ch15-dropout", summary: "ch15 largest cell: as ch14-l2 with Dropout(0.1), Adam(0.05, 5e-5)",
        script: "spiral512.py", scriptArguments: ["dropout"], swift: ch15Dropout(epochs:), defaultEpochs: 10001,
        scaled: { spiral512(epochs: $0, dropout: 0.1, learningRate: 0.05, decay: 5e-5, samples: $1, neurons: $2) },
        baseSize: (1000, 512)),
    Workload(
        name: "ch17-regression", summary: "ch17 cell 9: 10,001 full-batch epochs, sine 1000 samples, 1-64-64-1, MSE",
        script: "ch17_regression.py", swift: ch17Regression(epochs:), defaultEpochs: 10001),
    Workload(
        name: "ch19-fashion",
        summary: "ch19 model on synthetic Fashion-MNIST-shaped data: 60,000 x 784 float32, 784-128-128-10, batch 128, 10 epochs",
        script: "ch19_fashion_synthetic.py", swift: { ch19FashionSynthetic(epochs: $0) }, defaultEpochs: 10,
        scaled: { ch19FashionSynthetic(epochs: $0, samples: $1, neurons: $2) }, baseSize: (60000, 128),
        flops: ch19Flops(epochs:)),
]

// Run BLAS as chapter programs do (see ChapterExecution in NNFSBook): one thread, and the
// SkylakeX kernels where the CPU has AVX-512. OpenBLAS reads these when it loads, so set them
// and start again.
if ProcessInfo.processInfo.environment["NNFS_BENCH_CONFIGURED"] == nil {
    setenv("NNFS_BENCH_CONFIGURED", "1", 1)
    setenv("OPENBLAS_NUM_THREADS", "1", 0)
    let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let flags = Set((cpu.split(separator: "\n").first { $0.hasPrefix("flags") } ?? "").split(separator: " ").map(String.init))
    if ["avx512f", "avx512dq", "avx512bw", "avx512vl", "avx512cd"].allSatisfy(flags.contains) {
        setenv("OPENBLAS_CORETYPE", "SkylakeX", 0)
    }
    let argv = CommandLine.unsafeArgv
    execv("/proc/self/exe", argv)
}

// `nnfs-bench --child WORKLOAD EPOCHS`: one Swift run, timed as the NumPy scripts time theirs.
if CommandLine.arguments.count == 4, CommandLine.arguments[1] == "--child",
    let w = workloads.first(where: { $0.name == CommandLine.arguments[2] }), let epochs = Int(CommandLine.arguments[3])
{
    let t0 = DispatchTime.now().uptimeNanoseconds
    let last = w.swift(epochs)
    print("seconds", trainingSeconds ?? Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
    print(last)
    exit(0)
}

var args = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String) -> Int? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count, let v = Int(args[i + 1]) else { return nil }
    args.removeSubrange(i...(i + 1))
    return v
}
@MainActor func flag(_ name: String) -> Bool {
    guard let i = args.firstIndex(of: name) else { return false }
    args.remove(at: i)
    return true
}
let swiftOnly = flag("--swift-only")  // for profiling the Swift side alone
let scaling = flag("--scaling")
let verifyRows = flag("--verify")
let repeats = option("--repeat") ?? 3
let epochsOverride = option("--epochs")
let selected = args.isEmpty ? workloads : workloads.filter { args.contains($0.name) }
if selected.isEmpty {
    print("unknown workload; available: \(workloads.map(\.name).joined(separator: ", "))")
    exit(2)
}

let benchDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Seconds for one run of `body`.
func timed(_ body: () -> String) -> Double {
    let t0 = DispatchTime.now().uptimeNanoseconds
    _ = body()
    return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
}

/// The scaling table of one workload: epochs E/4, E/2, E at the book's size (E = --epochs or a
/// tenth of the default), then samples and neurons at a half and the full book size.
func scalingTable(_ w: Workload) {
    let full = epochsOverride ?? Swift.max(w.defaultEpochs / 10, 4)
    print("\(w.name) scaling (Swift, best of \(repeats)):")
    print("  knob      value    seconds   ms/epoch")
    func row(_ knob: String, _ value: Int, _ epochs: Int, _ run: () -> String) {
        var best = Double.infinity
        for _ in 0..<repeats { best = Swift.min(best, timed(run)) }
        let name = knob.padding(toLength: 8, withPad: " ", startingAt: 0)
        print("  " + name + String(format: " %6d %10.3f %10.3f", value, best, best * 1000 / Double(epochs)))
    }
    // Distinct epoch counts of at least 1 (a short --epochs would otherwise time zero epochs).
    for e in Array(Set([full / 4, full / 2, full].filter { $0 >= 1 })).sorted() { row("epochs", e, e) { w.swift(e) } }
    guard let scaled = w.scaled else { return }
    let (samples, neurons) = w.baseSize
    for s in [samples / 2, samples] { row("samples", s, full) { scaled(full, s, neurons) } }
    for n in [neurons / 2, neurons] { row("neurons", n, full) { scaled(full, samples, n) } }
}

if scaling {
    for w in selected { scalingTable(w) }
    exit(0)
}

/// Medians (and minima) over `repeats` child runs.
struct Side {
    var runs: [ChildRun] = []
    var ok: Bool { !runs.isEmpty && runs.allSatisfy(\.ok) }
    var loop: Double { median(runs.compactMap(\.loop)) }
    var wall: Double { median(runs.map(\.wall)) }
    var loopMin: Double { runs.compactMap(\.loop).min() ?? .nan }
    var peakMiB: Double { median(runs.map { Double($0.peakKiB) / 1024 }) }
    var last: String { runs.last?.last ?? "" }
}

func row(_ name: String, _ s: Side) -> String {
    String(format: "  %-6@ %9.3f s %9.3f s %9.3f s %9.1f MiB   %@", name, s.loop, s.loopMin, s.wall, s.peakMiB, s.last)
}

let me = "/proc/self/exe"
for w in selected {
    let epochs = epochsOverride ?? w.defaultEpochs
    let core = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? "auto"
    print("\(w.name): \(w.summary) (epochs: \(epochs), \(repeats) runs each, OpenBLAS core \(core))")
    print("         in-loop     (best)  whole proc  peak memory")
    var swift = Side(), numpy = Side()
    for _ in 0..<repeats {
        swift.runs.append(runChild([me, "--child", w.name, String(epochs)]))
        if !swiftOnly {
            let script = benchDir.appendingPathComponent("numpy/\(w.script)").path
            numpy.runs.append(runChild(["python3", script, String(epochs)] + w.scriptArguments))
        }
    }
    print(swift.ok ? row("swift", swift) : "  swift  (failed)")
    if swiftOnly { continue }
    guard numpy.ok else {
        print("  numpy  (not run: needs python3 with numpy and nnfs: pip install numpy nnfs)")
        continue
    }
    print(row("numpy", numpy))
    print(
        String(
            format: "  ratio  %8.1fx in-loop, %.1fx whole process faster than NumPy; peak memory %.2fx NumPy's",
            numpy.loop / swift.loop, numpy.wall / swift.wall, swift.peakMiB / numpy.peakMiB))
    if let flops = w.flops?(epochs) {
        let peak = peakGFLOPs()
        print(
            String(
                format: "  GFLOP/s  swift %.2f, numpy %.2f (dense products only); machine peak about %.0f (%@)",
                flops / swift.loop / 1e9, flops / numpy.loop / 1e9, peak.gflops, peak.how))
    }
}

if verifyRows {
    // The nnfs-book built beside this binary (`swift build -c release` builds both).
    let book = URL(fileURLWithPath: me).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("nnfs-book").path
    let root = benchDir.deletingLastPathComponent().path
    print("nnfs-book verify over the whole book (\(book), 2 chapters at a time)")
    guard FileManager.default.changeCurrentDirectoryPath(root) else {
        print("nnfs-bench: cannot enter \(root) to run verify")
        exit(1)
    }
    let cold = runChild([book, "verify", "--no-cache", "--jobs", "2"])
    print(String(format: "  cold (--no-cache) %9.1f s  %@", cold.wall, cold.ok ? "passed" : "FAILED: " + cold.last))
    var warm: [Double] = []
    for _ in 0..<repeats { warm.append(runChild([book, "verify", "--jobs", "2"]).wall) }
    print(String(format: "  warm (cached)     %9.2f s  (median of %d)", median(warm), warm.count))
}
