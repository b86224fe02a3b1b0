import Testing
@testable import NNFS

/// Temporary elision (`Tensor.binaryInPlace`): an arithmetic operand that nothing else holds gets
/// the result written into its own elements. These tests check that the result is exactly the
/// allocating path's, that a variable never changes, that elision really happens (the result's
/// elements sit at the temporary's address), and that the warnings are the same. Serialized, and
/// each test under the global-state lock: the operations on special values raise warnings, which
/// the warnings test (and other suites' under the lock) record process-wide.
@Suite(.serialized) struct TemporaryElisionTests {
    /// Where a tensor's stored elements start (for telling a reused buffer from a new one).
    static func address(_ t: Tensor) -> UnsafeRawPointer? {
        switch t.base {
        case .float32(let v): return v.withUnsafeBytes { $0.baseAddress }
        case .float64(let v): return v.withUnsafeBytes { $0.baseAddress }
        case .int(let v): return v.withUnsafeBytes { $0.baseAddress }
        case .bool(let v): return v.withUnsafeBytes { $0.baseAddress }
        }
    }

    /// Values that exercise IEEE corner cases: signed zeros, infinities, NaN, overflow, underflow.
    static let specials: [Double] = [1.5, -2.25, 0, -0.0, .infinity, -.infinity, .nan, 3e38, 1e-300, 7, -1e10, 0.1]

    /// A new tensor of `dtype` and `shape`; `salt` shifts the values so two operands differ.
    static func make(_ dtype: DType, _ shape: [Int] = [3, 4], salt: Int = 0) -> Tensor {
        let n = shape.reduce(1, *)
        let values = (0..<n).map { specials[($0 + salt) % specials.count] }
        switch dtype {
        case .float32: return Tensor(float32: values.map(Float.init), shape: shape)
        case .float64: return Tensor(float64: values, shape: shape)
        // Values near Int.max make `+` and `*` wrap.
        case .int64: return Tensor(ints: (0..<n).map { ($0 + salt) * 7919 - 40 &+ ($0 % 3 == 0 ? Int.max - 5 : 0) }, shape: shape)
        case .uint8: return Tensor(ints: (0..<n).map { ($0 * 37 + salt * 11) % 256 }, shape: shape, dtype: .uint8)
        case .bool: return Tensor(bools: (0..<n).map { ($0 + salt) % 3 == 0 }, shape: shape)
        }
    }

    static let ops: [Tensor.ArithmeticOp] = [.add, .subtract, .multiply, .divide]

    /// `fresh op other` (or `other op fresh`) with a fresh operand handed over, against the same
    /// operation on a twin kept in a variable (so never written into): same dtype, shape,
    /// strides and bits; the twin unchanged; and the result in the fresh operand's buffer exactly
    /// when `elides`.
    static func check(
        _ make: () -> Tensor, _ other: Tensor, freshOnLeft: Bool = true, _ op: Tensor.ArithmeticOp, elides: Bool,
        _ label: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let kept = make()
        let reference = freshOnLeft ? Tensor.arithmetic(kept, other, op) : Tensor.arithmetic(other, kept, op)
        let fresh = make()
        let freshAddress = address(fresh)
        let result: Tensor
        if freshOnLeft {
            result = Tensor.arithmetic(consume fresh, other, op)
        } else {
            result = Tensor.arithmetic(other, consume fresh, op)
        }
        let what = "\(label) \(op)"
        #expect((address(result) == freshAddress) == elides, "elision: \(what)", sourceLocation: sourceLocation)
        #expect(result.dtype == reference.dtype, "dtype: \(what)", sourceLocation: sourceLocation)
        #expect(result.shape == reference.shape, "shape: \(what)", sourceLocation: sourceLocation)
        #expect(result.strides == reference.strides, "strides: \(what)", sourceLocation: sourceLocation)
        #expect(result.isWeakScalar == reference.isWeakScalar, "weak: \(what)", sourceLocation: sourceLocation)
        #expect(fastPathBits(result) == fastPathBits(reference), "bits: \(what)", sourceLocation: sourceLocation)
        #expect(fastPathBits(kept) == fastPathBits(make()), "variable changed: \(what)", sourceLocation: sourceLocation)
    }

    // MARK: (1) the same bits as the allocating path

    @Test(arguments: [DType.float32, .float64, .int64, .uint8])
    func sameShapeAndScalarOperands(_ dtype: DType) {
        withGlobalState {
            let other = Self.make(dtype, salt: 5)
            for op in Self.ops {
                // True division of integers gives float64: the integer operand cannot hold it.
                let keepsType = dtype.isFloatingPoint || op != .divide
                Self.check({ Self.make(dtype) }, other, op, elides: keepsType, "\(dtype) fresh op tensor")
                Self.check({ Self.make(dtype) }, other, freshOnLeft: false, op, elides: keepsType, "\(dtype) tensor op fresh")
                // A Python float keeps a float dtype (NEP 50) and makes integers float64.
                let float = Tensor(weak: 2.5)
                Self.check({ Self.make(dtype) }, float, op, elides: dtype.isFloatingPoint, "\(dtype) fresh op 2.5")
                Self.check({ Self.make(dtype) }, float, freshOnLeft: false, op, elides: dtype.isFloatingPoint, "\(dtype) 2.5 op fresh")
                let int = Tensor(weak: 3)
                Self.check({ Self.make(dtype) }, int, op, elides: keepsType, "\(dtype) fresh op 3")
                Self.check({ Self.make(dtype) }, int, freshOnLeft: false, op, elides: keepsType, "\(dtype) 3 op fresh")
            }
        }
    }

    @Test(arguments: [DType.float32, .float64, .int64])
    func broadcasting(_ dtype: DType) {
        withGlobalState {
            let keepsType = { (op: Tensor.ArithmeticOp) in dtype.isFloatingPoint || op != .divide }
            for op in Self.ops {
                // The fresh matrix spans the result: written into, on either side.
                for small in [Self.make(dtype, [4], salt: 3), Self.make(dtype, [1, 4], salt: 3), Self.make(dtype, [3, 1], salt: 3)] {
                    Self.check({ Self.make(dtype) }, small, op, elides: keepsType(op), "\(dtype) fresh (3, 4) op \(small.shape)")
                    Self.check(
                        { Self.make(dtype) }, small, freshOnLeft: false, op, elides: keepsType(op),
                        "\(dtype) \(small.shape) op fresh (3, 4)")
                }
                // The fresh operand is stretched to a larger shape: never written into.
                let matrix = Self.make(dtype, salt: 1)
                for shape in [[4], [1, 4], [3, 1], [1, 1], []] {
                    Self.check({ Self.make(dtype, shape) }, matrix, op, elides: false, "\(dtype) fresh \(shape) op (3, 4)")
                    Self.check(
                        { Self.make(dtype, shape) }, matrix, freshOnLeft: false, op, elides: false, "\(dtype) (3, 4) op fresh \(shape)")
                }
                // A rank-3 broadcast takes the general loop, which allocates.
                Self.check(
                    { Self.make(dtype, [2, 3, 4]) }, Self.make(dtype, [3, 1]), op, elides: false, "\(dtype) fresh (2, 3, 4) op (3, 1)")
            }
        }
    }

    @Test func dtypesAndLayoutsThatDoNotElide() {
        withGlobalState {
            for op in Self.ops {
                // The fresh operand's dtype is not the result's.
                Self.check({ Self.make(.float32) }, Self.make(.float64, salt: 2), op, elides: false, "float32 fresh op float64")
                Self.check({ Self.make(.uint8) }, Self.make(.int64, salt: 2), op, elides: false, "uint8 fresh op int64")
                Self.check({ Self.make(.float32) }, Tensor(scalar: 2.0), op, elides: false, "float32 fresh op float64 0-d")
                // A same-size operand of another dtype would need a converted copy: the widening loop runs.
                Self.check({ Self.make(.float64) }, Self.make(.float32, salt: 2), op, elides: false, "float64 fresh op float32")
                // A transposed view stores its elements in the other order.
                Self.check({ Self.make(.float32, [4, 3]).T }, Self.make(.float32, salt: 2), op, elides: false, "fresh view .T op (3, 4)")
                Self.check({ Self.make(.float64, [4]) }, Self.make(.float64, [4], salt: 2), op, elides: true, "1-D fresh op 1-D")
                Self.check({ Tensor(weak: 2.5) }, Tensor(weak: 4.0), op, elides: true, "weak fresh op weak")
            }
            // Booleans: `+` is OR and `*` is AND, computed through int64; never elided.
            Self.check({ Self.make(.bool) }, Self.make(.bool, salt: 1), .add, elides: false, "bool fresh + bool")
            Self.check({ Self.make(.bool) }, Self.make(.bool, salt: 1), .multiply, elides: false, "bool fresh * bool")
        }
    }

    /// Element-wise results of a transposed view carry NumPy's strides; written into, they keep them.
    @Test func stridedOperandsKeepTheirStrides() {
        withGlobalState {
            for op in Self.ops {
                let strided = Self.make(.float32, [4, 3]).T * 1
                #expect(strided.strides != nil)
                Self.check(
                    { Self.make(.float32, [4, 3]).T * 1 }, Self.make(.float32, salt: 2), op, elides: true, "strided fresh op tensor")
                Self.check({ Self.make(.float32) }, strided, op, elides: true, "fresh op strided")
                Self.check({ Self.make(.float32) }, Self.make(.float32, [4, 3], salt: 4).T, op, elides: true, "fresh op view .T")
            }
        }
    }

    // MARK: (2) a variable is never changed

    @Test func variablesAreNeverWrittenInto() {
        withGlobalState {
            let a = Tensor(float64: [1, 2, 3, 4], shape: [2, 2])
            let b = a * 2
            let c = 2 * a - 1
            let d = a + a
            let e = a  // shares a's elements
            let f = (consume e) * 3
            var g = a
            g += 1
            let h = Tensor(float32: [1, 2], shape: [2])
            let i = -1.0 / (h - 2) + h
            #expect(a.doubles == [1, 2, 3, 4])
            #expect(h.floats == [1, 2])
            #expect(b.doubles == [2, 4, 6, 8])
            #expect(c.doubles == [1, 3, 5, 7])
            #expect(d.doubles == [2, 4, 6, 8])
            #expect(f.doubles == [3, 6, 9, 12])
            #expect(g.doubles == [2, 3, 4, 5])
            #expect(i.floats == [2, -Float.infinity])
            for t in [b, c, d, f, g] { #expect(Self.address(t) != Self.address(a)) }
        }
    }

    // MARK: (3) elision happens

    /// Every operator overload, chained on one buffer: each result sits at the first
    /// temporary's address, so no step allocated. The values follow the same steps in `Double`.
    @Test func everyOperatorWritesIntoItsTemporary() {
        withGlobalState {
            // `want` is its own array: `x.doubles` would share x's buffer, and x would not be written into.
            var want: [Double] = [0.5, -1.25, 3, 10, 0.1, -7]
            var x = Tensor(float64: [0.5, -1.25, 3, 10, 0.1, -7], shape: [2, 3])
            let other = Tensor(float64: [2, 4, -0.5, 8, 1.5, 3], shape: [2, 3])
            let start = Self.address(x)
            func step(_ t: consuming Tensor, _ f: (Double, Double) -> Double, sourceLocation: SourceLocation = #_sourceLocation) -> Tensor {
                want = zip(want, other.doubles).map(f)
                #expect(Self.address(t) == start, "a new buffer", sourceLocation: sourceLocation)
                #expect(t.doubles.map(\.bitPattern) == want.map(\.bitPattern), sourceLocation: sourceLocation)
                return t
            }
            x = step((consume x) + 2.5) { v, _ in v + 2.5 }
            x = step((consume x) - 2.5) { v, _ in v - 2.5 }
            x = step((consume x) * 2.5) { v, _ in v * 2.5 }
            x = step((consume x) / 2.5) { v, _ in v / 2.5 }
            x = step(2.5 + (consume x)) { v, _ in 2.5 + v }
            x = step(2.5 - (consume x)) { v, _ in 2.5 - v }
            x = step(2.5 * (consume x)) { v, _ in 2.5 * v }
            x = step(2.5 / (consume x)) { v, _ in 2.5 / v }
            x = step((consume x) + 3) { v, _ in v + 3 }
            x = step((consume x) - 3) { v, _ in v - 3 }
            x = step((consume x) * 3) { v, _ in v * 3 }
            x = step((consume x) / 3) { v, _ in v / 3 }
            x = step(3 + (consume x)) { v, _ in 3 + v }
            x = step(3 - (consume x)) { v, _ in 3 - v }
            x = step(3 * (consume x)) { v, _ in 3 * v }
            x = step(3 / (consume x)) { v, _ in 3 / v }
            x = step((consume x) + other) { v, o in v + o }
            x = step((consume x) - other) { v, o in v - o }
            x = step((consume x) * other) { v, o in v * o }
            x = step((consume x) / other) { v, o in v / o }
            x = step(other + (consume x)) { v, o in o + v }
            x = step(other - (consume x)) { v, o in o - v }
            x = step(other * (consume x)) { v, o in o * v }
            x = step(other / (consume x)) { v, o in o / v }
            _ = x
        }
    }

    /// `a += b` and the other compound forms update `a`'s own elements when nothing else holds
    /// them, and leave a variable that shares them alone.
    @Test func compoundAssignmentsWriteIntoTheirTarget() {
        withGlobalState {
            var a = Tensor(float32: [1, 2, 3, 4], shape: [2, 2])
            let start = Self.address(a)
            a += 1
            a -= Tensor(float32: [0.5, 0.5, 0.5, 0.5], shape: [2, 2])
            a *= 2.5
            a /= Tensor(float32: [2, 4], shape: [2])
            #expect(Self.address(a) == start)
            #expect(a.dtype == .float32)
            let want = [Float(1), 2, 3, 4].enumerated().map { i, v in (v + 1 - 0.5) * 2.5 / (i % 2 == 0 ? 2 : 4) }
            #expect(a.floats.map(\.bitPattern) == want.map(\.bitPattern))

            let kept = a
            a += 1
            #expect(Self.address(a) != Self.address(kept))
            #expect(kept.floats.map(\.bitPattern) == want.map(\.bitPattern))

            // The result is computed in float64 and cast back: the same bits either way.
            var narrow = Tensor(float32: [1, 2, 3, 4], shape: [2, 2])
            let wide = Tensor(float64: [0.1, 0.2, 0.3, 0.4], shape: [2, 2])
            narrow += wide
            let reference = (Tensor(float32: [1, 2, 3, 4], shape: [2, 2]) + wide).astype(.float32)
            #expect(narrow.dtype == .float32)
            #expect(fastPathBits(narrow) == fastPathBits(reference))
        }
    }

    /// The benchmark's data expression `rand * 2 - 1`, on `float32` and `float64` temporaries:
    /// both steps stay in the temporary's buffer, with the values `Float`/`Double` arithmetic gives.
    @Test func timesTwoMinusOneStaysInTheTemporary() {
        withGlobalState {
            let x32 = Tensor(float32: [0, 0.25, 0.5, 0.999], shape: [2, 2])
            let start32 = Self.address(x32)
            let y32 = (consume x32) * 2
            #expect(Self.address(y32) == start32)
            let z32 = (consume y32) - 1
            #expect(Self.address(z32) == start32)
            #expect(z32.dtype == .float32)
            #expect(z32.floats == [Float(0), 0.25, 0.5, 0.999].map { $0 * 2 - 1 })

            np.random.seed(3)
            let rand = np.random.rand(3, 4)
            let x64 = rand
            let want = rand.doubles.map { $0 * 2 - 1 }
            _ = consume rand
            let start64 = Self.address(x64)
            let y64 = (consume x64) * 2
            #expect(Self.address(y64) == start64)
            let z64 = (consume y64) - 1
            #expect(Self.address(z64) == start64)
            #expect(z64.doubles.map(\.bitPattern) == want.map(\.bitPattern))
        }
    }

    // MARK: (4) the same warnings

    @Test func warningsAreTheSame() {
        // Recorded around each operation by hand: a closure could not `consume` a variable.
        func record() { RuntimeWarnings.recorded = [] }
        func recorded() -> [String] {
            defer { RuntimeWarnings.recorded = nil }
            return RuntimeWarnings.recorded ?? []
        }
        withGlobalState {
            let zeros = Tensor(float64: [0, 0, 1], shape: [3])
            let kept = Tensor(float64: [1, 0, 2], shape: [3])
            record()
            let allocated = kept / zeros
            let allocatedWarnings = recorded()
            let fresh = Tensor(float64: [1, 0, 2], shape: [3])
            let start = Self.address(fresh)
            record()
            let elided = (consume fresh) / zeros
            let elidedWarnings = recorded()
            #expect(Self.address(elided) == start)
            #expect(allocatedWarnings == ["divide by zero encountered in divide", "invalid value encountered in divide"])
            #expect(elidedWarnings == allocatedWarnings)
            #expect(fastPathBits(elided) == fastPathBits(allocated))

            let big = Tensor(float32: [3e38, 1], shape: [2])
            record()
            _ = big * 10
            let overflowAllocated = recorded()
            let bigFresh = Tensor(float32: [3e38, 1], shape: [2])
            let bigStart = Self.address(bigFresh)
            record()
            let bigElided = (consume bigFresh) * 10
            let overflowElided = recorded()
            #expect(Self.address(bigElided) == bigStart)
            #expect(overflowAllocated == ["overflow encountered in multiply"])
            #expect(overflowElided == overflowAllocated)

            record()
            _ = 1.0 / zeros
            let reciprocalAllocated = recorded()
            let zerosFresh = Tensor(float64: [0, 0, 1], shape: [3])
            let zerosStart = Self.address(zerosFresh)
            record()
            let reciprocal = 1.0 / (consume zerosFresh)
            let reciprocalElided = recorded()
            #expect(Self.address(reciprocal) == zerosStart)
            #expect(reciprocalAllocated == ["divide by zero encountered in divide"])
            #expect(reciprocalElided == reciprocalAllocated)

            // Nothing raised, nothing reported, though an earlier operation left the flags set.
            _ = Tensor(float64: [1], shape: [1]) / Tensor(float64: [0], shape: [1])
            record()
            let clean = Tensor(float64: [1, 2], shape: [2]) + 1
            #expect(recorded() == [])
            #expect(clean.doubles == [2, 3])
        }
    }
}
