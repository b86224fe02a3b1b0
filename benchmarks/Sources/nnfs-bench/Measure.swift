import Foundation

/// One finished child process: wall seconds, its own "seconds <loop time>" line if it printed
/// one, its peak resident memory (from `wait4`'s rusage) and its last output line.
struct ChildRun {
    let wall: Double
    let loop: Double?
    let peakKiB: Int
    let last: String
    let ok: Bool
}

/// Runs `arguments` (argv[0] is looked up in PATH) with stdout captured, and measures it.
/// Hand-written over posix_spawn + wait4 because Foundation's `Process` does not report a child's
/// resource usage, and peak memory is one of the table's rows.
func runChild(_ arguments: [String], environment extra: [String: String] = [:]) -> ChildRun {
    var pipe: [Int32] = [0, 0]
    guard Glibc.pipe(&pipe) == 0 else { return ChildRun(wall: .nan, loop: nil, peakKiB: 0, last: "", ok: false) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
    posix_spawn_file_actions_addclose(&actions, pipe[0])
    var env = ProcessInfo.processInfo.environment
    for (k, v) in extra { env[k] = v }
    let envp = env.map { strdup("\($0)=\($1)") } + [nil]
    let argv = arguments.map { strdup($0) } + [nil]
    defer {
        for p in envp { free(p) }
        for p in argv { free(p) }
    }
    var pid: pid_t = 0
    let start = DispatchTime.now().uptimeNanoseconds
    let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, argv, envp)
    posix_spawn_file_actions_destroy(&actions)
    close(pipe[1])
    guard spawned == 0 else {
        close(pipe[0])
        return ChildRun(wall: .nan, loop: nil, peakKiB: 0, last: "", ok: false)
    }
    let output = FileHandle(fileDescriptor: pipe[0], closeOnDealloc: true).readDataToEndOfFile()
    var status: Int32 = 0
    var usage = rusage()
    _ = wait4(pid, &status, 0, &usage)
    let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let lines = String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
    let loop = lines.first { $0.hasPrefix("seconds ") }.flatMap { Double($0.dropFirst(8)) }
    let exited = status & 0x7f == 0 && (status >> 8) & 0xff == 0
    return ChildRun(wall: wall, loop: loop, peakKiB: Int(usage.ru_maxrss), last: lines.last ?? "", ok: exited)
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    guard !s.isEmpty else { return .nan }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// The machine's float64 peak for one core, from what /proc/cpuinfo says: its clock (`cpu MHz`,
/// which a virtual machine reports as the host's nominal clock) times 32 FLOPs a cycle with
/// AVX-512 (two 8-wide FMA units), 16 with AVX2 FMA, 4 otherwise. An estimate, stated as one.
func peakGFLOPs() -> (gflops: Double, how: String) {
    let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let lines = cpu.split(separator: "\n")
    let mhz =
        lines.first { $0.hasPrefix("cpu MHz") }.flatMap { Double($0.split(separator: ":").last!.trimmingCharacters(in: .whitespaces)) } ?? 0
    let flags = Set((lines.first { $0.hasPrefix("flags") } ?? "").split(separator: " ").map(String.init))
    let perCycle: Double = flags.contains("avx512f") ? 32 : flags.contains("fma") ? 16 : 4
    return (mhz / 1000 * perCycle, String(format: "1 core x %.2f GHz x %.0f float64 FLOP/cycle", mhz / 1000, perCycle))
}
