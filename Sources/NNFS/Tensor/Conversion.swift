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
}
