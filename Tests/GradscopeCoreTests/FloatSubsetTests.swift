import Testing
@testable import GradscopeNumerics

/// The pieces the narrow formats and BFloat16 now share: the precision each narrow type derives
/// from its layout, and ``FloatSubset``'s comparisons, hashing and striding through the exact Float.
@Suite struct FloatSubsetTests {
    private struct Named: PrecisionVisitor {
        func visit<T: GradFloat>(_ type: T.Type) -> Precision { T.precision }
    }

    @Test("Every precision's type names that precision, saturating or not")
    func precisionRoundTrip() {
        for precision in Precision.allCases {
            #expect(precision.visit(Named()) == precision)
            #expect(precision.visit(Named(), overflow: .saturate) == precision)
        }
        #expect(Float8E4M3FN.precision == .float8E4M3FN)
        #expect(Float8E5M2.precision == .float8E5M2)
        #expect(Float6E3M2FN.precision == .float6E3M2FN)
        #expect(Float6E2M3FN.precision == .float6E2M3FN)
        #expect(Float4E2M1FN.precision == .float4E2M1FN)
        #expect(Saturating<Float8E4M3FN>.precision == .float8E4M3FN)
        #expect(Saturating<Float8E5M2>.precision == .float8E5M2)
    }

    @Test("BFloat16.floatValue is Float(x) for every bit pattern")
    func bfloat16FloatValue() {
        var mismatches: [UInt16] = []
        for bits in UInt16.min...UInt16.max {
            let x = BFloat16(bitPattern: bits)
            if x.floatValue.bitPattern != Float(x).bitPattern { mismatches.append(bits) }
        }
        #expect(mismatches == [])
    }

    /// Every pair of patterns: ==, <, <=, >, >=, totalOrder and equal hashes agree with Float's.
    private func checkEveryPair<T: FloatSubset & Hashable>(_ values: [T]) -> Int {
        var wrong = 0
        for x in values {
            for y in values {
                let (a, b) = (x.floatValue, y.floatValue)
                if (x == y) != (a == b) || (x < y) != (a < b) || (x <= y) != (a <= b) || (x > y) != (a > b)
                    || (x >= y) != (a >= b) || x.isTotallyOrdered(belowOrEqualTo: y) != a.isTotallyOrdered(belowOrEqualTo: b)
                    || (x == y && x.hashValue != y.hashValue) { wrong += 1 }
            }
        }
        return wrong
    }

    @Test("Narrow formats compare and hash as their Float values, every pair of bit patterns")
    func narrowPairs() {
        #expect(checkEveryPair((0...255).map { Float8E4M3FN(bitPattern: UInt8($0)) }) == 0)
        #expect(checkEveryPair((0...255).map { Float8E5M2(bitPattern: UInt8($0)) }) == 0)
        #expect(checkEveryPair((0...63).map { Float6E3M2FN(bitPattern: UInt8($0)) }) == 0)
        #expect(checkEveryPair((0...63).map { Float6E2M3FN(bitPattern: UInt8($0)) }) == 0)
        #expect(checkEveryPair((0...15).map { Float4E2M1FN(bitPattern: UInt8($0)) }) == 0)
    }

    @Test("BFloat16 compares and hashes as its Float value around zero, one, the limits, Inf and NaN")
    func bfloat16Pairs() {
        let patterns: [UInt16] = [0x0000, 0x8000, 0x0001, 0x8001, 0x007F, 0x0080, 0x3F80, 0xBF80, 0x3F81, 0x7F7F, 0xFF7F,
                                  0x7F80, 0xFF80, 0x7FC0, 0xFFC0, 0x7FA0]
        #expect(checkEveryPair(patterns.map(BFloat16.init(bitPattern:))) == 0)
        #expect(BFloat16(-0.0).hashValue == BFloat16(0).hashValue)
        #expect(BFloat16(1).distance(to: BFloat16(3)) == BFloat16(2))
        #expect(Float8E4M3FN(1).advanced(by: Float8E4M3FN(0.5)) == Float8E4M3FN(1.5))
    }
}
