import Testing
@testable import NNFS

@Test func promotionFollowsNumPy() {
    #expect(DType.promote(.float32, .float32) == .float32)
    #expect(DType.promote(.float32, .float64) == .float64)
    #expect(DType.promote(.uint8, .float32) == .float32)
    #expect(DType.promote(.int64, .float32) == .float64)
    #expect(DType.promote(.bool, .int64) == .int64)
    #expect(DType.promote(.float32, weakFloat: ()) == .float32)
    #expect(DType.promote(.int64, weakFloat: ()) == .float64)
}
