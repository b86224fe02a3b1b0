import Testing
@testable import NNFSBook

@Suite("Output comparator")
struct ComparatorTests {
    let cmp = OutputComparator()

    func passes(_ expected: String, _ actual: String, _ c: OutputComparator = OutputComparator()) -> Bool {
        c.compare(expected: expected, actual: actual).isEmpty
    }

    @Test func printedPrecision() {
        #expect(passes("acc: 0.920", "acc: 0.9204"))
        #expect(passes("acc: 0.920", "acc: 0.9195"))
        #expect(!passes("acc: 0.920", "acc: 0.9206"))
        #expect(!passes("acc: 0.920", "acc: 0.9194"))
        #expect(passes("-1.5", "-1.54"))
        #expect(!passes("-1.5", "-1.56"))
    }

    @Test func integersAcceptFloats() {
        #expect(passes("epoch: 20", "epoch: 20.0"))
        #expect(passes("(300, 3)", "(300, 3)"))
        #expect(!passes("epoch: 20", "epoch: 21"))
    }

    @Test func scientificNotation() {
        #expect(passes("1e-05", "1.2e-05"))
        #expect(!passes("1e-05", "1.6e-05"))
        #expect(passes("1.2345678e-05", "1.23456784e-05"))
        #expect(!passes("1.2345678e-05", "1.2345688e-05"))
        #expect(passes("[1.5e+02 2.0e-03]", "[150.01 0.00204]"))
    }

    @Test func float32UlpFloor() {
        // Half a unit of "100000000" is 0.5, but 4 float32 ulps at 1e8 are 32.
        #expect(passes("100000000", "100000030"))
        #expect(!passes("100000000", "100000040"))
    }

    @Test func ulpFloorNeverLoosensTinyMagnitudes() {
        // Below float32's range the floor would be 4 * 1.4e-45, far above these values.
        #expect(!passes("1.e-300", "2.e-300"))
        #expect(passes("1.e-300", "1.4e-300"))
        #expect(!passes("[1.e-300 2.e-300]", "[1.e-300 3.e-300]"))
        #expect(!passes("1e-40", "3e-40"))
        #expect(passes("4.9406565e-324", "4.94065646e-324"))
        // Zero gets no floor: `0.0` allows what its printed digit allows, nothing more.
        #expect(OutputComparator().tolerance(for: NumberLiteral(text: "0.0", value: 0, decimals: 1, exponent: 0)) == 0.05)
        #expect(OutputComparator().tolerance(for: NumberLiteral(text: "0e-300", value: 0, decimals: 0, exponent: -300)) == 0.5e-300)
        // Within float32's normal range the floor still absorbs float32 rounding.
        #expect(passes("1.1754944e-38", "1.1754945e-38"))
        #expect(!passes("1.1754944e-38", "1.1755e-38"))
    }

    @Test func signOfZeroIsCompared() {
        #expect(!passes("[-0.  1.]", "[ 0.  1.]"))
        #expect(!passes("[ 0.  1.]", "[-0.  1.]"))
        #expect(!passes("-0.", "0."))
        #expect(!passes("[-0.   0.5]", "[ 0.   0.5]"))
        #expect(!passes("-0.e+00", "0.e+00"))
        #expect(passes("[-0.  1.]", "[-0.  1.]"))
        // A zero printed with decimals may be a rounded tiny value of either sign.
        #expect(passes("loss: -0.000", "loss: 0.000"))
        #expect(passes("loss: 0.000", "loss: -0.000"))
        #expect(passes("-0.0", "0.0"))
        let mismatch = OutputComparator().compare(expected: "[-0.  1.]", actual: "[0. 1.]")
        #expect(mismatch.first?.reason.contains("sign of zero") == true)
    }

    @Test func numpyTrailingDotTakesThePrecisionOfItsLine() {
        #expect(passes("[1.         0.33333334]", "[1.0000001 0.33333334]"))
        #expect(!passes("[1.         0.33333334]", "[1.00001 0.33333334]"))
    }

    @Test func nanAndInfMatchExactly() {
        #expect(passes("[nan inf -inf]", "[nan inf -inf]"))
        #expect(!passes("inf", "nan"))
        #expect(!passes("-inf", "inf"))
        #expect(!passes("nan", "0.0"))
    }

    @Test func paddingNeverFails() {
        #expect(passes("[[ 1.   2.5]\n [10.   3. ]]", "[[1. 2.5]\n [10. 3.]]"))
        #expect(passes("a\tb   c   \n\n\n", "a b c"))
        #expect(passes("[ True False]", "[True False]"))
        #expect(!passes("[1. 2.]", "[1.  2. 3.]"))
    }

    @Test func textAroundNumbersMustMatch() {
        #expect(!passes("loss: 0.5", "acc: 0.5"))
        #expect(!passes("float32", "float64"))
        #expect(!passes("0.5", "0.5,"))
    }

    @Test func ellipsisStandsForAnyLines() {
        #expect(passes("epoch 0\n...\nepoch 100", "epoch 0\nepoch 1\nepoch 2\nepoch 100"))
        #expect(passes("epoch 0\n...\nepoch 100", "epoch 0\nepoch 100"))
        #expect(!passes("epoch 0\n...\nepoch 100", "epoch 0\nepoch 1"))
        #expect(passes("...\nlast", "a\nb\nlast"))
        #expect(passes("first\n...", "first\nx\ny"))
        #expect(passes("a\n...\nm\n...\nz", "a\nb\nm\nn\nz"))
        #expect(!passes("a\n...\nm\n...\nz", "a\nb\nn\nz"))
        #expect(!passes("a\n...\nz", "b\nz"))
    }

    @Test func relativeTolerance() {
        let tol = OutputComparator(relativeTolerance: 1e-4)
        #expect(!passes("1.000000", "1.00009"))
        #expect(passes("1.000000", "1.00009", tol))
        #expect(!passes("1.000000", "1.0002", tol))
    }

    @Test func toleranceNeverLoosensIntegers() {
        let tol = OutputComparator(relativeTolerance: 0.2)
        #expect(passes("epoch: 1000, acc: 0.400", "epoch: 1000, acc: 0.450", tol))
        #expect(!passes("epoch: 1000, acc: 0.400", "epoch: 1100, acc: 0.400", tol))
        // After `...`, a block cannot line up with a neighbouring epoch.
        #expect(!passes("...\nepoch: 9900, acc: 0.600", "epoch: 9800, acc: 0.600\nepoch: 9901, acc: 0.6", tol))
    }

    @Test func exactModeComparesNumbersAsText() {
        let exact = OutputComparator(exact: true)
        #expect(passes("[ 0.5  1. ]", "[0.5 1.]", exact))
        #expect(!passes("0.920", "0.9204", exact))
    }

    @Test func mismatchMessageNamesLineNumberAndAmount() throws {
        let block = FencedBlock(openLine: 10, closeLine: 13, info: "output", literal: "loss: 1.0986123\nacc: 0.920\n")
        let mismatches = cmp.compare(expected: block.literal, actual: "loss: 1.0986123\nacc: 0.9206\n")
        #expect(mismatches.count == 1)
        let text = MismatchFormatter.messages(mismatches, block: block, file: "chapters/03-x.md")
        #expect(text == ["""
            chapters/03-x.md:12: output differs from the book's output: number 1: expected 0.920, got 0.9206 (off by 6.0e-04, allowed ±5.0e-04)
                expected: acc: 0.920
                actual:   acc: 0.9206
            """])
    }

    @Test func missingAndExtraLines() throws {
        let missing = cmp.compare(expected: "a\nb\nc", actual: "a")
        #expect(missing.map(\.reason) == ["missing 2 lines: the actual output has 1 line, 3 expected"])
        #expect(missing.first?.expectedIndex == 1)
        let extra = cmp.compare(expected: "a", actual: "a\nb")
        #expect(extra.map(\.reason) == ["1 unexpected extra line: the actual output has 2 lines, 1 expected"])
        #expect(extra.first?.actualText == "b")
    }

    @Test func textMismatchNamesColumn() {
        let m = cmp.compare(expected: "shape (2, 3)", actual: "shape [2, 3]")
        #expect(m.map(\.reason) == ["differs at column 7"])
    }
}

@Suite("Output comparator: ellipsis diagnostics")
struct EllipsisDiagnosticsTests {
    @Test func missingLineAfterEllipsisPointsAtTheClosestActualLine() {
        let m = OutputComparator().compare(
            expected: "epoch: 0, acc: 0.360\n...\nepoch: 200, acc: 0.457\n...",
            actual: "epoch: 0, acc: 0.360\nepoch: 100, acc: 0.401\nepoch: 200, acc: 0.453\nepoch: 300, acc: 0.480")
        #expect(m.count == 1)
        #expect(m.first?.expectedIndex == 2)
        #expect(m.first?.actualIndex == 2)
        #expect(m.first?.reason == "expected lines after `...` not found in the actual output (searched from actual line 2); closest is actual line 3: number 2: expected 0.457, got 0.453 (off by 0.004, allowed ±5.0e-04)")
    }
}
