import Foundation

// nnfs-bench: runs each workload in Swift (in-process) and in NumPy (the book's code, as a
// subprocess timing its own loop), and prints both times and the ratio.
//
//   swift run -c release nnfs-bench [workload ...] [--repeat N] [--epochs N] [--swift-only]
//
// Times are the best of N runs on each side (default 3): the minimum is the least disturbed
// by other load on a shared machine. Needs `python3` with `numpy` and `nnfs` for the NumPy side.

struct Workload {
    let name: String
    let summary: String
    /// The NumPy twin in `benchmarks/numpy/` and its arguments after the epoch count.
    let script: String
    var scriptArguments: [String] = []
    let swift: (Int) -> String
    let defaultEpochs: Int
}

let workloads = [
    Workload(name: "ch10-adam", summary: "ch10 Adam cell: 10,001 full-batch epochs, 300 samples, 2-64-3",
             script: "ch10_adam.py", swift: ch10Adam(epochs:), defaultEpochs: 10001),
    Workload(name: "ch14-l2", summary: "ch14 largest cell: 10,001 full-batch epochs, 3000 samples, 2-512-3, L2 5e-4",
             script: "spiral512.py", swift: ch14L2(epochs:), defaultEpochs: 10001),
    Workload(name: "ch15-dropout", summary: "ch15 largest cell: as ch14-l2 with Dropout(0.1), Adam(0.05, 5e-5)",
             script: "spiral512.py", scriptArguments: ["dropout"], swift: ch15Dropout(epochs:), defaultEpochs: 10001),
    Workload(name: "ch17-regression", summary: "ch17 cell 9: 10,001 full-batch epochs, sine 1000 samples, 1-64-64-1, MSE",
             script: "ch17_regression.py", swift: ch17Regression(epochs:), defaultEpochs: 10001),
]

// Run BLAS as chapter programs do (see ChapterExecution in NNFSBook): one thread, and the
// SkylakeX kernels where the CPU has AVX-512. OpenBLAS reads these when it loads, so set them
// and start again.
if ProcessInfo.processInfo.environment["NNFS_BENCH_CONFIGURED"] == nil {
    setenv("NNFS_BENCH_CONFIGURED", "1", 1)
    setenv("OPENBLAS_NUM_THREADS", "1", 0)
    let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let flags = Set((cpu.split(separator: "\n").first { $0.hasPrefix("flags") } ?? "").split(separator: " ").map(String.init))
    if ["avx512f", "avx512dq", "avx512bw", "avx512vl", "avx512cd"].allSatisfy(flags.contains) { setenv("OPENBLAS_CORETYPE", "SkylakeX", 0) }
    let argv = CommandLine.unsafeArgv
    execv("/proc/self/exe", argv)
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
let repeats = option("--repeat") ?? 3
let epochsOverride = option("--epochs")
let selected = args.isEmpty ? workloads : workloads.filter { args.contains($0.name) }
if selected.isEmpty {
    print("unknown workload; available: \(workloads.map(\.name).joined(separator: ", "))")
    exit(2)
}

let benchDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func runNumPy(_ w: Workload, epochs: Int) -> (seconds: Double, last: String)? {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", benchDir.appendingPathComponent("numpy/\(w.script)").path, String(epochs)] + w.scriptArguments
    let pipe = Pipe()
    p.standardOutput = pipe
    do { try p.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    guard p.terminationStatus == 0, let t = lines.first(where: { $0.hasPrefix("seconds ") }),
          let s = Double(t.dropFirst(8)) else { return nil }
    return (s, lines.last ?? "")
}

for w in selected {
    let epochs = epochsOverride ?? w.defaultEpochs
    let core = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? "auto"
    print("\(w.name): \(w.summary) (epochs: \(epochs), best of \(repeats), OpenBLAS core \(core))")
    var swiftBest = Double.infinity, swiftLast = ""
    for _ in 0..<repeats {
        let t0 = DispatchTime.now().uptimeNanoseconds
        swiftLast = w.swift(epochs)
        swiftBest = min(swiftBest, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
    }
    print(String(format: "  swift  %8.3f s   %@", swiftBest, swiftLast))
    if swiftOnly { continue }
    var numpyBest = Double.infinity, numpyLast = ""
    for _ in 0..<repeats {
        guard let r = runNumPy(w, epochs: epochs) else {
            print("  numpy  (not run: needs python3 with numpy and nnfs: pip install numpy nnfs)")
            numpyBest = .nan
            break
        }
        numpyBest = min(numpyBest, r.seconds)
        numpyLast = r.last
    }
    if numpyBest.isFinite {
        print(String(format: "  numpy  %8.3f s   %@", numpyBest, numpyLast))
        print(String(format: "  ratio  %8.1fx faster than NumPy", numpyBest / swiftBest))
    }
}
