import Foundation

/// matplotlib's default tick placement and labels (`AutoLocator` = `MaxNLocator(nbins: 9 at the
/// default figure size, steps: [1, 2, 2.5, 5, 10])` and `ScalarFormatter` without offset), so an
/// axis shows the values a reader of the book sees: `-1.00 -0.75 ... 1.00`, `0 1 2 3 4 5`.
enum Ticks {
    /// Tick values inside `[lo, hi]` (the view limits), as `MaxNLocator.tick_values` then clipped.
    static func locate(_ lo: Double, _ hi: Double, nbins: Int) -> [Double] {
        guard lo.isFinite, hi.isFinite else { return [] }
        var (vmin, vmax) = (lo, hi)
        if vmax < vmin { swap(&vmin, &vmax) }
        if vmax - vmin < 1e-300 { vmin -= 1; vmax += 1 }
        let (scale, offset) = scaleRange(vmin, vmax, n: nbins)
        let v0 = vmin - offset, v1 = vmax - offset
        let staircase: [Double] = [0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20]
        let steps = staircase.map { $0 * scale }
        let rawStep = (v1 - v0) / Double(nbins)
        let istep = steps.firstIndex { $0 >= rawStep } ?? steps.count - 1
        var ticks: [Double] = []
        for step in steps[...istep].reversed() {
            let best = (v0 / step).rounded(.down) * step
            let low = edgeLE(v0 - best, step: step, offset: offset)
            let high = edgeGE(v1 - best, step: step, offset: offset)
            ticks = stride(from: low, through: high, by: 1).map { $0 * step + best }
            if ticks.filter({ $0 <= v1 && $0 >= v0 }).count >= 2 { break }
        }
        let span = vmax - vmin
        return ticks.map { $0 + offset }.filter { $0 >= vmin - 1e-10 * span && $0 <= vmax + 1e-10 * span }
    }

    private static func scaleRange(_ vmin: Double, _ vmax: Double, n: Int) -> (Double, Double) {
        let dv = abs(vmax - vmin)
        let meanv = (vmax + vmin) / 2
        var offset = 0.0
        if abs(meanv) / dv >= 100 { offset = (meanv < 0 ? -1 : 1) * pow(10, log10(abs(meanv)).rounded(.down)) }
        return (pow(10, log10(dv / Double(n)).rounded(.down)), offset)
    }

    private static func tolerance(step: Double, offset: Double) -> Double {
        guard offset > 0 else { return 1e-10 }
        return min(0.4999, max(1e-10, pow(10, log10(offset / step) - 12)))
    }

    private static func divmod(_ x: Double, _ step: Double) -> (Double, Double) {
        let d = (x / step).rounded(.down)
        return (d, x - d * step)
    }

    private static func edgeLE(_ x: Double, step: Double, offset: Double) -> Double {
        let (d, m) = divmod(x, step)
        return abs(m / step - 1) < tolerance(step: step, offset: offset) ? d + 1 : d
    }

    private static func edgeGE(_ x: Double, step: Double, offset: Double) -> Double {
        let (d, m) = divmod(x, step)
        return abs(m / step) < tolerance(step: step, offset: offset) ? d : d + 1
    }

    /// Labels with one shared number of decimals, the fewest that keep every label exact to a
    /// thousandth of the tick range (ScalarFormatter's rule); minus signs are U+2212 as in
    /// matplotlib. Very large or small magnitudes use `1e+05`-style labels instead of an offset.
    static func labels(_ ticks: [Double]) -> [String] {
        guard let first = ticks.first, let last = ticks.last else { return [] }
        let maxAbs = ticks.map(abs).max() ?? 0
        if maxAbs >= 1e6 || (maxAbs > 0 && maxAbs < 1e-5) {
            return ticks.map { minus(String(format: "%.1e", $0)) }
        }
        let range = max(abs(last - first), maxAbs == 0 ? 1 : 0)
        let oom = range > 0 ? log10(range).rounded(.down) : 0
        let thresh = 1e-3 * pow(10, oom)
        var decimals = max(0, Int(-oom) + 3)
        while decimals > 0 {
            let p = pow(10, Double(decimals - 1))
            if ticks.allSatisfy({ abs($0 - ($0 * p).rounded() / p) < thresh }) { decimals -= 1 } else { break }
        }
        return ticks.map { minus(String(format: "%.\(decimals)f", abs($0) < 1e-12 * range ? 0 : $0)) }
    }

    private static func minus(_ s: String) -> String { s.replacingOccurrences(of: "-", with: "\u{2212}") }
}
