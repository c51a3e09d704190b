import Testing
@testable import GradscopeNumerics

/// + − × ÷ of every pair of values against a brute-force oracle: the nearest value in the
/// format's decoded table (ties to the even bit pattern), found by search, not by the
/// rounding code under test.
@Suite struct NarrowFormatArithmeticTests {
    /// The correctly rounded bits of `exact` by search over every finite value of `format`.
    static func nearest(_ exact: Double, in format: NarrowFormat, finite: [(UInt8, Double)]) -> UInt8 {
        let signBit: UInt8 = exact.sign == .minus ? format.signMask : 0
        let magnitude = exact.magnitude
        let (maxBits, maxValue) = finite.last!
        let step = Double(sign: .plus, exponent: maxValue.exponent - format.significandBitCount, significand: 1)
        // Past max: the next value on the grid would be max + step, with an even (0) last bit
        // when max's last bit is odd.
        let pastMax = maxValue + step / 2
        if magnitude > pastMax || magnitude == pastMax && maxBits & 1 == 1 {
            switch (format.overflow, format.specials) {
            case (.nonfinite, .infinityAndNaN): return signBit | format.infinityBits!
            case (.nonfinite, .nanOnly): return signBit | format.nanBits!
            default: return signBit | maxBits
            }
        }
        // Binary search for the first value ≥ magnitude, then pick between it and the one below.
        var low = 0, high = finite.count - 1
        while low < high {
            let middle = (low + high) / 2
            if finite[middle].1 < magnitude { low = middle + 1 } else { high = middle }
        }
        var best = finite[low]
        if low > 0 {
            let below = finite[low - 1]
            let d = magnitude - below.1, b = best.1 - magnitude
            if d < b || d == b && below.0 & 1 == 0 { best = below }
        }
        return signBit | best.0
    }

    @Test("+ − × ÷ of every pair are correctly rounded", arguments: Precision.narrowFormats)
    func everyPair(_ precision: Precision) {
        #expect(precision.visit(EveryPair()) == [])
        #expect(precision.visit(EveryPair(), overflow: .saturate) == [])
    }

    struct EveryPair: PrecisionVisitor {
        func visit<T: GradFloat>(_ type: T.Type) -> [String] {
            let narrow = T.self as! any NarrowFloatingPoint.Type
            return check(narrow)
        }
        func check<Narrow: NarrowFloatingPoint>(_ type: Narrow.Type) -> [String] {
            let format = Narrow.format
            let values = (0..<(1 << format.bitCount)).map { Narrow(bitPattern: UInt8($0)) }.filter(\.isFinite)
            let finite = (0..<(UInt8(1) << (format.bitCount - 1))).map { ($0, format.decode($0)) }.filter { $0.1.isFinite }
            var failures: [String] = []
            for a in values {
                for b in values {
                    let x = a.doubleValue, y = b.doubleValue
                    for (name, got, exact) in [("+", a + b, x + y), ("−", a - b, x - y), ("×", a * b, x * y), ("÷", a / b, x / y)] {
                        // ÷ is inexact in Double; only exact quotients and Inf/NaN are checked by search.
                        if name == "÷", !(exact * y == x) || y == 0 { continue }
                        let expected = NarrowFormatArithmeticTests.nearest(exact, in: format, finite: finite)
                        let same = got.bitPattern == expected || (exact == 0 && got.isZero)
                        if !same && failures.count < 10 { failures.append("\(format.name) \(a) \(name) \(b): \(got.debugDescription), expected 0x\(String(expected, radix: 16))") }
                    }
                }
            }
            return failures
        }
    }

    @Test("The post's chain in e4m3fn: 8 × 8 × 8 is NaN, or 448 saturated")
    func productOfWeights() {
        let w = Float8E4M3FN(8)
        #expect((w * w).doubleValue == 64)
        #expect((w * w * w).isNaN)
        let s = Saturating<Float8E4M3FN>(8)
        #expect((s * s * s).doubleValue == 448)
        #expect(Float8E5M2(8) * Float8E5M2(8) * Float8E5M2(8) == Float8E5M2(512))
        #expect(Float8E5M2(61440).isInfinite)
        #expect(Saturating<Float8E5M2>(61440).doubleValue == 57344)
        #expect(Float6E2M3FN(8).doubleValue == 7.5)
        #expect(Float4E2M1FN(8).doubleValue == 6)
        #expect(Float6E3M2FN(8) * Float6E3M2FN(8) == Float6E3M2FN(28))
    }

    @Test("Below 2⁻⁶ ≈ 0.0156 (most weights of std 0.02) e4m3fn is subnormal")
    func subnormalWeights() {
        #expect(Float8E4M3FN(0.02).doubleValue == 0.01953125)
        #expect(Float8E4M3FN(0.02).isNormal)
        let w = Float8E4M3FN(0.01)
        #expect(w.doubleValue == 0.009765625)   // 5 × 2⁻⁹: three significant bits left
        #expect(w.isSubnormal)
        #expect(Float8E4M3FN.leastNormalMagnitude.doubleValue == 0x1p-6)
        #expect(Float8E4M3FN(0x1p-10).isZero)           // half the smallest subnormal: the tie goes to 0
        #expect(Float8E4M3FN(0x1p-10 * 1.01).doubleValue == 0x1p-9)
    }

    @Test("Limits and parts of every format", arguments: zip(Precision.narrowFormats, [
        (448.0, 0x1p-9, 0x1p-6, 464.0), (57344, 0x1p-16, 0x1p-14, 61440), (28, 0x1p-4, 0x1p-2, 30), (7.5, 0x1p-3, 1, 7.75), (6, 0.5, 1, 7),
    ]))
    func limits(_ precision: Precision, _ expected: (Double, Double, Double, Double)) throws {
        let format = try #require(precision.narrowFormat)
        #expect(precision.greatestFiniteMagnitude == expected.0)
        #expect(precision.leastNonzeroMagnitude == expected.1)
        #expect(precision.leastNormalMagnitude == expected.2)
        #expect(format.overflowThreshold == expected.3)
        #expect(format.name == precision.rawValue)
        #expect(precision.visit(Parts()) == [expected.0, expected.1, expected.2])
    }

    struct Parts: PrecisionVisitor {
        func visit<T: GradFloat>(_ type: T.Type) -> [Double] {
            // Through the generic BinaryFloatingPoint conversion, not the narrow one.
            [Double(T.greatestFiniteMagnitude), Double(T.leastNonzeroMagnitude), Double(T.leastNormalMagnitude)]
        }
    }

    @Test("Generic conversions agree with the exact values for every bit pattern", arguments: Precision.narrowFormats)
    func genericConversions(_ precision: Precision) {
        #expect(precision.visit(GenericConversions()) == [])
    }

    struct GenericConversions: PrecisionVisitor {
        func visit<T: GradFloat>(_ type: T.Type) -> [String] {
            let narrow = T.self as! any NarrowFloatingPoint.Type
            return check(narrow)
        }
        func check<Narrow: NarrowFloatingPoint>(_ type: Narrow.Type) -> [String] {
            var failures: [String] = []
            for bits in 0..<(1 << Narrow.format.bitCount) {
                let value = Narrow(bitPattern: UInt8(bits))
                let viaGeneric = generic(value)
                let exact = value.doubleValue
                if !(viaGeneric.0.bitPattern == exact.bitPattern || viaGeneric.0.isNaN && exact.isNaN) || viaGeneric.1 != value.bitPattern && !value.isNaN {
                    failures.append("0x\(String(bits, radix: 16)): generic \(viaGeneric), exact \(exact)")
                }
            }
            return failures
        }
        func generic<T: BinaryFloatingPoint>(_ value: T) -> (Double, UInt8) {
            let double = Double(value)
            let back = T(double)
            return (double, (back as! any NarrowFloatingPoint).bitPattern)
        }
    }

    @Test("Text, ulp and nextUp")
    func textAndNeighbours() {
        #expect(Float8E4M3FN(448).description == "448.0")
        #expect(Float8E4M3FN(bitPattern: 0x01).description == "0.001953125")
        #expect(Float8E4M3FN.nan.debugDescription == "nan (0x7f)")
        #expect(Float8E5M2(-Double.infinity).description == "-inf")
        #expect(Float8E4M3FN("464") == Float8E4M3FN(448))
        #expect(Float8E4M3FN(448).ulp.doubleValue == 32)
        #expect(Float8E4M3FN(0).nextUp == .leastNonzeroMagnitude)
        #expect(Float8E4M3FN(-0.0).nextUp == .leastNonzeroMagnitude)
        #expect(Float8E4M3FN(1).nextUp.doubleValue == 1.125)
        #expect(Float8E4M3FN(-1).nextUp.doubleValue == -0.9375)
        #expect(Float8E5M2.greatestFiniteMagnitude.nextUp == .infinity)
        #expect(Float4E2M1FN.greatestFiniteMagnitude.nextUp == .greatestFiniteMagnitude)
        #expect(Float4E2M1FN.pi.doubleValue == 3)
        #expect(Float6E2M3FN.pi.doubleValue == 3)
        #expect(Float8E4M3FN.pi.doubleValue == 3)
        #expect(Float4E2M1FN.nan.bitPattern == 0x8)   // +NaN is stored as −0, as ml_dtypes does
        #expect(!Float4E2M1FN.nan.isNaN)
    }
}
