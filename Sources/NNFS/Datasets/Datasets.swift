#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

// The `nnfs.datasets` generators (nnfs 0.5.1), reproducing the Python code's values *and* its
// dtypes bit for bit. They draw from the global `np.random` generator, so after `nnfsInit()` they
// continue the book's stream exactly as `spiral_data(...)` does after `nnfs.init()`.

/// `nnfs.datasets.spiral_data(samples, classes)`: `classes` interleaved spiral arms of `samples`
/// points each.
///
/// For class `c` (rows `c*samples ..< (c+1)*samples`), exactly as nnfs computes it:
/// `r = np.linspace(0.0, 1, samples)`, `t = np.linspace(c*4, (c+1)*4, samples) + np.random.randn(samples)*0.2`,
/// `X[rows] = np.c_[r*np.sin(t*2.5), r*np.cos(t*2.5)]`, `y[rows] = c`.
///
/// Dtypes follow NumPy under ``NNFSConfig/defaultFloat``: after ``nnfsInit(seed:)`` `randn` is
/// `float32`, so `randn*0.2` is a `float32` product, `t` is `float64`, `sin`/`cos` are `float64`
/// (the C library's) and `X` (from `np.zeros`) is `float32`, each value rounded once. Without
/// `nnfsInit` everything is `float64`.
///
/// - Returns: `X` of shape `[samples*classes, 2]` and `y` (`uint8`) of shape `[samples*classes]`.
/// - Precondition: `samples >= 0`, `0 <= classes <= 256` (labels are `uint8`).
public func spiralData(samples: Int, classes: Int) -> (X: Tensor, y: Tensor) {
    NNFSDatasets.spiral(samples: samples, classes: classes, floatType: NNFSDatasets.defaultFloatType(), rng: np.random.state)
}

/// `nnfs.datasets.vertical_data(samples, classes)`: `classes` vertical clusters of `samples` points.
///
/// For class `c`: `X[rows] = np.c_[np.random.randn(samples)*.1 + c/3, np.random.randn(samples)*.1 + 0.5]`
/// (the first column's `randn` is drawn before the second's), `y[rows] = c`. After
/// ``nnfsInit(seed:)`` all of this is `float32` arithmetic (Python floats are weak scalars under
/// NEP 50: `.1`, `c/3` and `0.5` are rounded to `float32` first); otherwise `float64`.
///
/// - Returns: `X` of shape `[samples*classes, 2]` and `y` (`uint8`) of shape `[samples*classes]`.
public func verticalData(samples: Int, classes: Int) -> (X: Tensor, y: Tensor) {
    NNFSDatasets.vertical(samples: samples, classes: classes, floatType: NNFSDatasets.defaultFloatType(), rng: np.random.state)
}

/// `nnfs.datasets.sine_data(samples=1000)`: `X = np.arange(samples).reshape(-1, 1) / samples`,
/// `y = np.sin(2 * np.pi * X)`; both `float64` of shape `[samples, 1]` whatever `nnfsInit` did
/// (no random draws). `sin` is the C library's, as NumPy's `float64` loop uses.
public func sineData(samples: Int = 1000) -> (X: Tensor, y: Tensor) {
    NNFSDatasets.sine(samples: samples)
}

/// The dataset generators with their dtype and generator made explicit (the public functions
/// pass ``NNFSConfig/defaultFloat`` and the global `np.random.state`).
enum NNFSDatasets {
    static func defaultFloatType() -> DType {
        NNFSConfig.defaultFloat == .float32 ? .float32 : .float64
    }

    static func spiral(samples: Int, classes: Int, floatType: DType, rng: RandomState) -> (X: Tensor, y: Tensor) {
        checkArguments(samples, classes, floatType)
        let total = samples * classes
        var x32 = floatType == .float32 ? [Float](repeating: 0, count: 2 * total) : []
        var x64 = floatType == .float64 ? [Double](repeating: 0, count: 2 * total) : []
        var labels = [Int](repeating: 0, count: total)
        let r = linspace(0.0, 1.0, samples)
        var t = [Double](repeating: 0, count: samples)
        for c in 0..<classes {
            let base = samples * c
            let line = linspace(Double(c * 4), Double((c + 1) * 4), samples)
            if floatType == .float32 {
                // float32 randn * 0.2 stays float32 (the Python float is weak), then float64 + float32.
                let noise = rng.randn([samples], dtype: .float32).floats
                let scale = Float(0.2 as Double)
                for i in 0..<samples { t[i] = line[i] + Double(noise[i] * scale) }
            } else {
                let noise = rng.randn([samples]).doubles
                for i in 0..<samples { t[i] = line[i] + noise[i] * 0.2 }
            }
            for i in 0..<samples {
                let angle = t[i] * 2.5
                let a = r[i] * sin(angle)
                let b = r[i] * cos(angle)
                let row = base + i
                if floatType == .float32 {
                    x32[2 * row] = Float(a)
                    x32[2 * row + 1] = Float(b)
                } else {
                    x64[2 * row] = a
                    x64[2 * row + 1] = b
                }
                labels[row] = c
            }
        }
        return (makeX(x32, x64, floatType, total), Tensor(ints: labels, shape: [total], dtype: .uint8))
    }

    static func vertical(samples: Int, classes: Int, floatType: DType, rng: RandomState) -> (X: Tensor, y: Tensor) {
        checkArguments(samples, classes, floatType)
        let total = samples * classes
        var x32 = floatType == .float32 ? [Float](repeating: 0, count: 2 * total) : []
        var x64 = floatType == .float64 ? [Double](repeating: 0, count: 2 * total) : []
        var labels = [Int](repeating: 0, count: total)
        for c in 0..<classes {
            let base = samples * c
            let offset = Double(c) / 3.0  // Python's true division (class_number)/3
            if floatType == .float32 {
                let first = rng.randn([samples], dtype: .float32).floats
                let second = rng.randn([samples], dtype: .float32).floats
                let scale = Float(0.1 as Double), off32 = Float(offset), half = Float(0.5 as Double)
                for i in 0..<samples {
                    x32[2 * (base + i)] = first[i] * scale + off32
                    x32[2 * (base + i) + 1] = second[i] * scale + half
                }
            } else {
                let first = rng.randn([samples]).doubles
                let second = rng.randn([samples]).doubles
                for i in 0..<samples {
                    x64[2 * (base + i)] = first[i] * 0.1 + offset
                    x64[2 * (base + i) + 1] = second[i] * 0.1 + 0.5
                }
            }
            for i in 0..<samples { labels[base + i] = c }
        }
        return (makeX(x32, x64, floatType, total), Tensor(ints: labels, shape: [total], dtype: .uint8))
    }

    static func sine(samples: Int) -> (X: Tensor, y: Tensor) {
        precondition(samples >= 0, "negative dimensions are not allowed")
        let twoPi = 2 * Double.pi  // Python's 2 * np.pi, exact
        var x = [Double](repeating: 0, count: samples)
        var y = [Double](repeating: 0, count: samples)
        for i in 0..<samples {
            x[i] = Double(i) / Double(samples)
            y[i] = sin(twoPi * x[i])
        }
        return (Tensor(float64: x, shape: [samples, 1]), Tensor(float64: y, shape: [samples, 1]))
    }

    /// `np.linspace(start, stop, num)` (endpoint=True, float64) as NumPy 2 computes it:
    /// `step = (stop - start) / (num - 1)`, `y[i] = i * step + start` (or `i / div * delta` when
    /// `step == 0`), and the last element set to `stop` exactly.
    static func linspace(_ start: Double, _ stop: Double, _ num: Int) -> [Double] {
        precondition(num >= 0, "Number of samples, \(num), must be non-negative.")
        let div = num - 1
        let delta = stop - start
        var y = [Double](repeating: 0, count: num)
        if div > 0 {
            let step = delta / Double(div)
            for i in 0..<num {
                y[i] = (step == 0 ? Double(i) / Double(div) * delta : Double(i) * step) + start
            }
            y[num - 1] = stop
        } else {
            for i in 0..<num { y[i] = Double(i) * delta + start }
        }
        return y
    }

    private static func checkArguments(_ samples: Int, _ classes: Int, _ floatType: DType) {
        precondition(samples >= 0 && classes >= 0, "negative dimensions are not allowed")
        precondition(classes <= 256, "class labels are uint8: at most 256 classes")
        precondition(floatType == .float32 || floatType == .float64, "X is float32 or float64, not \(floatType)")
    }

    private static func makeX(_ x32: [Float], _ x64: [Double], _ floatType: DType, _ total: Int) -> Tensor {
        floatType == .float32 ? Tensor(float32: x32, shape: [total, 2]) : Tensor(float64: x64, shape: [total, 2])
    }
}
