/// Tight element-type conversions (vectorisable loops, no per-element closure calls).
enum Conversion {
    static func toDouble(_ a: [Float]) -> [Double] {
        [Double](unsafeUninitializedCapacity: a.count) { out, count in
            a.withUnsafeBufferPointer { p in
                let o = out.baseAddress!
                for i in 0..<p.count { o[i] = Double(p[i]) }
            }
            count = a.count
        }
    }

    /// Rounds each `Double` to the nearest `Float` (ties to even).
    static func toFloat(_ a: [Double]) -> [Float] {
        [Float](unsafeUninitializedCapacity: a.count) { out, count in
            a.withUnsafeBufferPointer { p in
                let o = out.baseAddress!
                for i in 0..<p.count { o[i] = Float(p[i]) }
            }
            count = a.count
        }
    }

    /// A float truncated toward zero as NumPy's cast gives it on x86-64: NaN, infinities and
    /// values outside `Int`'s range become `Int.min` (what `cvttsd2si` returns).
    @inline(__always) static func toInt(_ x: Double) -> Int {
        x.isNaN || x >= 9.223372036854775808e18 || x < -9.223372036854775808e18 ? Int.min : Int(x)
    }
}
