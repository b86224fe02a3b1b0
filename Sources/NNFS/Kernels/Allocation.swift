internal import CMalloc
import Glibc

/// How the process allocates the large arrays a training loop frees and reallocates every epoch.
///
/// glibc serves blocks above its mmap threshold with fresh `mmap`s and returns them on `free`, and
/// trims the heap's top when enough is free; either way the next epoch's arrays of the same size
/// fault in fresh zeroed pages (a profile of chapter 14 spent about 8% of its time in page faults
/// and `brk`). Raising both thresholds once keeps those pages in the process, so an epoch reuses the
/// memory the previous one freed. Values are unaffected (this is only where memory comes from);
/// peak memory is the same, since the blocks were in use at the peak anyway.
///
/// Hand-written because no library does this: it is two `mallopt` calls.
enum Allocation {
    nonisolated(unsafe) static var configured = false

    /// Sets glibc's thresholds once per process (called by ``nnfsInit(seed:)`` and before the
    /// first BLAS call). `NNFS_MALLOC_DEFAULTS=1` leaves glibc's defaults (for measuring).
    static func configure() {
        guard !configured else { return }
        configured = true
        if getenv("NNFS_MALLOC_DEFAULTS") != nil { return }
        // 32 MiB is the largest mmap threshold glibc accepts on 64-bit (HEAP_MAX / 2): every
        // array of a chapter's training loop (3000 x 512 float64 = 12 MiB) comes from the heap.
        _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
        // Free memory at the heap's top is returned to the system only above 1 GiB.
        _ = mallopt(M_TRIM_THRESHOLD, 1 << 30)
    }
}
