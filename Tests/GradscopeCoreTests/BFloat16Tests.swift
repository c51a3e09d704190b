import Foundation
import RealModule
import Testing
@testable import GradscopeNumerics
@testable import GradscopeNetworks
@testable import GradscopeTheory

// MARK: - Helpers


/// The value of each non-negative pattern 0 ... 0x7F80 from its fields, with 0x7F80 standing
/// for 2^128, the first value past the greatest finite one (where overflow to Inf starts).
private let patternValues: [Double] = (0...0x7F80).map { (pattern: Int) -> Double in
    let exponentField = pattern >> 7, fraction = Double(pattern & 0x7F)
    if exponentField == 0 { return fraction * 0x1p-133 }
    return Double(sign: .plus, exponent: exponentField - 127, significand: 1 + fraction / 128)
}

/// Independent reference rounding: the BFloat16 bits nearest to `x`, ties to the even pattern.
///
/// Binary search for the largest pattern not above |x|, then an exact comparison with the
/// midpoint to the next pattern (exact in Double: 9 significant bits).
private func referenceBits(_ x: Double) -> UInt16 {
    precondition(!x.isNaN)
    let sign: UInt16 = x.sign == .minus ? 0x8000 : 0
    let target = x.magnitude
    if target >= 0x1p128 { return sign | 0x7F80 }
    var low = 0, high = 0x7F80  // patternValues[low] <= target < patternValues[high]
    while high - low > 1 {
        let middle = (low + high) / 2
        if patternValues[middle] <= target { low = middle } else { high = middle }
    }
    let midpoint = (patternValues[low] + patternValues[high]) / 2
    let nearest = target < midpoint ? low : target > midpoint ? high : (low.isMultiple(of: 2) ? low : high)
    return sign | UInt16(nearest)
}

private func hex(_ bits: some BinaryInteger) -> String { "0x" + String(bits, radix: 16) }

/// A random non-NaN BFloat16 whose exponent field lies in `exponents`.
private func randomValue(exponents: ClosedRange<UInt16>, using rng: inout SplitMix64) -> BFloat16 {
    let bits = UInt16(truncatingIfNeeded: rng.next())
    return BFloat16(bitPattern: bits & 0x807F | UInt16.random(in: exponents, using: &rng) << 7)
}

private let allPatterns = UInt16.min...UInt16.max

// MARK: - Conversions

@Suite struct BFloat16ConversionTests {
    @Test("Every bit pattern survives the trip through Float and Double; NaNs stay NaN")
    func exhaustiveRoundTrip() {
        var failures: [String] = []
        for bits in allPatterns {
            let x = BFloat16(bitPattern: bits)
            for back in [BFloat16(Float(x)), BFloat16(Double(x))] {
                let ok = x.isNaN ? back.isNaN && back.sign == x.sign : back.bitPattern == bits
                if !ok { failures.append("\(hex(bits)) -> \(hex(back.bitPattern))") }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(10))")
    }

    @Test("A NaN stays a quiet NaN, even a signalling one with only low payload bits")
    func nanIsQuieted() {
        let lowPayload = BFloat16(Float(bitPattern: 0x7F80_0001))
        #expect(lowPayload.isNaN && !lowPayload.isSignalingNaN)
        #expect(BFloat16(-Float.nan).isNaN && BFloat16(-Float.nan).sign == .minus)
        #expect(BFloat16(Double.signalingNaN).isNaN && !BFloat16(Double.signalingNaN).isSignalingNaN)
        #expect(BFloat16(Float.infinity) == .infinity && BFloat16(-Double.infinity) == -.infinity)
    }

    @Test("Rounding from Float matches the reference on random floats and at every tie", arguments: [0xB_F16 as UInt64, 2024])
    func floatRounding(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var failures: [String] = []
        func check(_ f: Float) {
            guard !f.isNaN else { return }
            let got = BFloat16(f).bitPattern, expected = referenceBits(Double(f))
            if got != expected { failures.append("\(hex(f.bitPattern)): \(hex(got)) != \(hex(expected))") }
        }
        for _ in 0..<100_000 { check(Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()))) }
        // Ties (low half 0x8000) and their neighbours, for every finite pattern and both signs.
        for pattern in UInt32(0)...0x7F7F {
            for sign in [UInt32(0), 0x8000] {
                for low in [UInt32(0x7FFF), 0x8000, 0x8001] { check(Float(bitPattern: (sign | pattern) << 16 | low)) }
            }
        }
        #expect(failures.isEmpty, "seed \(seed): \(failures.prefix(10))")
    }

    @Test("Rounding from Double is correct, also just beside ties where Double → Float → BFloat16 rounds twice")
    func doubleRounding() {
        // 1 + 2^−8 + 2^−40 is above the tie between 1 and 1 + 2^−7, but rounds to the tie as a Float.
        let trap = 1 + 0x1p-8 + 0x1p-40
        #expect(BFloat16(Float(trap)) == 1)
        #expect(BFloat16(trap) == 1.0078125)
        #expect(BFloat16(1 + 0x1p-8 - 0x1p-40) == 1)

        var failures: [String] = []
        func check(_ d: Double) {
            let got = BFloat16(d).bitPattern, expected = referenceBits(d)
            if got != expected { failures.append("\(d): \(hex(got)) != \(hex(expected))") }
        }
        for pattern in 0..<0x7F80 {
            let midpoint = (patternValues[pattern] + patternValues[pattern + 1]) / 2
            for d in [midpoint, midpoint.nextUp, midpoint.nextDown, midpoint + midpoint.ulp * 0x1p20] {
                check(d)
                check(-d)
            }
        }
        let seed: UInt64 = 42
        var rng = SplitMix64(seed: seed)
        for _ in 0..<100_000 {
            // Exponents from below the subnormals to past the overflow, random 52-bit fractions.
            let d = Double(sign: rng.next() & 1 == 0 ? .plus : .minus, exponentBitPattern: UInt.random(in: 1023 - 140...1023 + 130, using: &rng),
                           significandBitPattern: rng.next() >> 12)
            check(d)
        }
        #expect(failures.isEmpty, "seed \(seed): \(failures.prefix(10))")
    }

    @Test("Overflow to Inf starts exactly at the greatest finite value plus half an ulp")
    func overflowThreshold() {
        #expect(Double(BFloat16.greatestFiniteMagnitude) == 3.3895313892515355e38)
        #expect(BFloat16(Float(bitPattern: 0x7F7F_7FFF)) == .greatestFiniteMagnitude)
        #expect(BFloat16(Float(bitPattern: 0x7F7F_8000)) == .infinity)
        let threshold = 3.3895313892515355e38 + 0x1p119
        #expect(BFloat16(threshold) == .infinity)
        #expect(BFloat16(-threshold) == -.infinity)
        #expect(BFloat16(threshold.nextDown) == .greatestFiniteMagnitude)
        #expect(BFloat16(Float.greatestFiniteMagnitude) == .infinity)
        #expect(BFloat16(Double.greatestFiniteMagnitude) == .infinity)
        #expect(BFloat16.greatestFiniteMagnitude * 1.0078125 == .infinity)
        #expect(BFloat16.greatestFiniteMagnitude + BFloat16(0x1p119) == .infinity)
    }

    @Test("Subnormals round, and underflow to zero is ties-to-even at 2^−134")
    func subnormals() {
        #expect(Double(BFloat16.leastNonzeroMagnitude) == 0x1p-133)
        #expect(Double(BFloat16.leastNonzeroMagnitude).isApproximatelyEqual(to: 9.183549615799121e-41, relativeTolerance: 1e-15))
        #expect(Double(BFloat16.leastNormalMagnitude) == 0x1p-126)
        #expect(BFloat16(0x1p-134) == 0)
        #expect(BFloat16(-0x1p-134).bitPattern == 0x8000)
        #expect(BFloat16(0x1p-134 * 1.0001) == .leastNonzeroMagnitude)
        #expect(BFloat16(Float(0x1p-134) * 1.0001) == .leastNonzeroMagnitude)
        #expect(BFloat16(3 * 0x1p-134).bitPattern == 2)  // 1.5 × 2^−133: tie, to even
        #expect(BFloat16(5 * 0x1p-134).bitPattern == 2)
        #expect(BFloat16(0x1p-140) == 0 && BFloat16(Double.leastNonzeroMagnitude) == 0)
        #expect(BFloat16.leastNonzeroMagnitude.isSubnormal && BFloat16.leastNormalMagnitude.nextDown.isSubnormal)
        #expect(BFloat16.leastNonzeroMagnitude / 2 == 0)
        #expect((BFloat16.leastNonzeroMagnitude * 1.5).bitPattern == 2)
        #expect(BFloat16.leastNormalMagnitude - .leastNonzeroMagnitude == BFloat16(bitPattern: 0x7F))
    }

    @Test("Integers round once to nearest even, beyond 2^53 too")
    func integers() {
        #expect(BFloat16(257) == 256 && BFloat16(259) == 260 && BFloat16(-259) == -260)
        #expect(BFloat16(exactly: 257) == nil && BFloat16(exactly: 256) == 256)
        // 2^62 + 2^54 + 1 is just above a tie; through Double it would become the tie and round down.
        #expect(BFloat16(Int64(1) << 62 + 1 << 54 + 1) == BFloat16(0x1p62 + 0x1p55))
        #expect(BFloat16(UInt64(1) << 63 + 1 << 55 + 1) == BFloat16(0x1p63 + 0x1p56))
        #expect(BFloat16(UInt64.max) == BFloat16(0x1p64))
        #expect(Int(BFloat16(300.7)) == 300 && Int(exactly: BFloat16(0.5)) == nil)
        #if !(os(Windows) || os(Android)) && (arch(i386) || arch(x86_64))
        #expect(BFloat16(Float80(1) + 0x1p-8 + 0x1p-60) == 1.0078125)
        #endif
    }
}

// MARK: - Arithmetic

@Suite struct BFloat16ArithmeticTests {
    @Test("Every operation rounds to BFloat16")
    func roundedPerOperation() {
        #expect(BFloat16(1) + BFloat16(1.0 / 256) == 1)
        #expect(BFloat16(256) + 1 == 256)
        #expect(BFloat16(1) + BFloat16(3.0 / 256) == 1.015625)  // tie, to even
        #expect(BFloat16(1) / 3 == 0.333984375)
        #expect(BFloat16(2).squareRoot() == 1.4140625)
        var sum: BFloat16 = 0
        for _ in 0..<1000 { sum += 1 }
        #expect(sum == 256)  // 256 + 1 rounds back to 256: the classic bfloat16 accumulation stall
    }

    /// Double's 53 bits ≥ 2·8 + 2, so a Double operation followed by the reference rounding is
    /// the correctly rounded BFloat16 result (products are even exact).
    @Test("+ − × ÷ and √ are correctly rounded", arguments: [7 as UInt64, 99])
    func correctlyRounded(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var failures: [String] = []
        func check(_ name: String, _ got: BFloat16, _ exact: Double) {
            let ok = exact.isNaN ? got.isNaN : got.bitPattern == referenceBits(exact)
            if !ok { failures.append("\(name): \(hex(got.bitPattern)) for \(exact)") }
        }
        for round in 0..<60_000 {
            // Every third pair is tiny over huge, so quotients and products land among the subnormals.
            let a = round % 3 == 0 ? randomValue(exponents: 0...20, using: &rng) : BFloat16(bitPattern: UInt16(truncatingIfNeeded: rng.next()))
            let b = round % 3 == 0 ? randomValue(exponents: 120...140, using: &rng) : BFloat16(bitPattern: UInt16(truncatingIfNeeded: rng.next()))
            guard !a.isNaN, !b.isNaN else { continue }
            let (x, y) = (Double(a), Double(b))
            check("\(a) + \(b)", a + b, x + y)
            check("\(a) - \(b)", a - b, x - y)
            check("\(a) * \(b)", a * b, x * y)
            check("\(a) * \(b)", a * (b / 4096), x * Double(b / 4096))
            check("\(a) / \(b)", a / b, x / y)
        }
        for bits in allPatterns where !BFloat16(bitPattern: bits).isNaN {
            let x = BFloat16(bitPattern: bits)
            check("sqrt \(x)", x.squareRoot(), Double(x).squareRoot())
        }
        #expect(failures.isEmpty, "seed \(seed): \(failures.prefix(10))")
    }

    @Test("addProduct is fused: one rounding of the exact self + lhs × rhs")
    func fusedMultiplyAdd() {
        // 7 × 37 = 259 is a tie between 258 and 260; a tiny addend decides, which a Double or
        // Float sum would lose before the final rounding.
        #expect(BFloat16(-0x1p-60).addingProduct(7, 37) == 258)
        #expect(BFloat16(0x1p-60).addingProduct(9, 29) == 262)  // 261 is a tie between 260 and 262
        #expect(BFloat16(0x1p-60).addingProduct(7, 37) == 260)
        #expect(BFloat16(1).addingProduct(.infinity, 0).isNaN)
        #expect(BFloat16(1).addingProduct(.greatestFiniteMagnitude, .greatestFiniteMagnitude) == .infinity)
        #expect(BFloat16(-0.0).addingProduct(0, -1).bitPattern == 0x8000)
        #expect(BFloat16(1).addingProduct(-1, 1).bitPattern == 0)
        var x = BFloat16(1)
        x.addProduct(.leastNonzeroMagnitude, .leastNonzeroMagnitude)
        #expect(x == 1)

        // Exponents close enough that the exact result fits in a Double.
        let seed: UInt64 = 5
        var rng = SplitMix64(seed: seed)
        var failures: [String] = []
        for _ in 0..<100_000 {
            let a = randomValue(exponents: 124...130, using: &rng), b = randomValue(exponents: 124...130, using: &rng)
            let c = randomValue(exponents: 115...135, using: &rng)
            let got = c.addingProduct(a, b), expected = referenceBits(Double(c) + Double(a) * Double(b))
            if got.bitPattern != expected { failures.append("\(c) + \(a) × \(b): \(got)") }
        }
        #expect(failures.isEmpty, "seed \(seed): \(failures.prefix(10))")
    }

    @Test("Remainders and rounding to integers are exact")
    func exactOperations() {
        let seed: UInt64 = 11
        var rng = SplitMix64(seed: seed)
        var failures: [String] = []
        for _ in 0..<50_000 {
            let a = BFloat16(bitPattern: UInt16(truncatingIfNeeded: rng.next()))
            let b = BFloat16(bitPattern: UInt16(truncatingIfNeeded: rng.next()))
            guard a.isFinite, b.isFinite, b != 0 else { continue }
            if Double(a.remainder(dividingBy: b)) != Double(a).remainder(dividingBy: Double(b))
                || Double(a.truncatingRemainder(dividingBy: b)) != Double(a).truncatingRemainder(dividingBy: Double(b)) {
                failures.append("\(a) rem \(b)")
            }
        }
        let rules: [FloatingPointRoundingRule] = [.toNearestOrEven, .toNearestOrAwayFromZero, .up, .down, .towardZero, .awayFromZero]
        for bits in allPatterns where BFloat16(bitPattern: bits).isFinite {
            let x = BFloat16(bitPattern: bits)
            for rule in rules where Double(x.rounded(rule)) != Double(x).rounded(rule) { failures.append("\(x) rounded \(rule)") }
        }
        #expect(failures.isEmpty, "seed \(seed): \(failures.prefix(10))")
        #expect(BFloat16(2.5).rounded() == 3 && BFloat16(2.5).rounded(.toNearestOrEven) == 2)
    }
}

// MARK: - Floating-point model

@Suite struct BFloat16ModelTests {
    @Test("Constants")
    func constants() {
        #expect(BFloat16.pi == 3.140625)
        #expect(Double(BFloat16.pi) <= Double.pi && Double(BFloat16.pi.nextUp) > Double.pi)
        #expect(BFloat16.ulpOfOne == 0.0078125)
        #expect(BFloat16.nan.isNaN && !BFloat16.nan.isSignalingNaN && BFloat16.signalingNaN.isSignalingNaN)
        #expect(Float(BFloat16.infinity) == .infinity && BFloat16.infinity.isInfinite)
        #expect(BFloat16.exponentBitCount == 8 && BFloat16.significandBitCount == 7)
        #expect(BFloat16.greatestFiniteMagnitude.nextUp == .infinity && BFloat16.infinity.nextUp == .infinity)
        #expect((-BFloat16.infinity).nextUp == -.greatestFiniteMagnitude)
        #expect(BFloat16(-0.0).nextUp == .leastNonzeroMagnitude && (-BFloat16.leastNonzeroMagnitude).nextUp.bitPattern == 0x8000)
        #expect(BFloat16.infinity.ulp.isNaN && BFloat16(0).ulp == .leastNonzeroMagnitude)
    }

    @Test("Parts, ulp, nextUp, binade and classification agree with the value, for every pattern")
    func exhaustiveParts() {
        var failures: [String] = []
        for bits in allPatterns {
            let x = BFloat16(bitPattern: bits), f = Float(x), d = Double(x)
            let fields = BFloat16(sign: x.sign, exponentBitPattern: x.exponentBitPattern, significandBitPattern: x.significandBitPattern)
            var ok = fields.bitPattern == bits
                && x.isNaN == f.isNaN && x.isInfinite == f.isInfinite && x.isFinite == f.isFinite
                && x.isZero == f.isZero && x.isSubnormal == f.isSubnormal && x.isNormal == f.isNormal
                && x.sign == f.sign && x.floatingPointClass == f.floatingPointClass
                && x.magnitude.bitPattern == bits & 0x7FFF && (-x).bitPattern == bits ^ 0x8000
            if x.isFinite && !x.isZero {
                let significand = Double(x.significand), binade = Double(x.binade).magnitude
                ok = ok && (1..<2).contains(significand) && significand * Double(sign: .plus, exponent: x.exponent, significand: 1) == d.magnitude
                    && binade <= d.magnitude && d.magnitude < 2 * binade && binade == Double(sign: .plus, exponent: x.exponent, significand: 1)
                    && x.significandWidth == f.significandWidth
                    && BFloat16(sign: x.sign, exponent: x.exponent, significand: x.significand) == x
            }
            if x.isFinite && x.sign == .plus && x != .greatestFiniteMagnitude {
                let next = x.nextUp
                ok = ok && next.bitPattern == bits + 1 && Double(next) - d == Double(x.ulp) && next.nextDown.bitPattern == bits
            }
            if !ok { failures.append(hex(bits)) }
        }
        #expect(failures.isEmpty, "\(failures.prefix(10))")
    }

    @Test("Comparisons and totalOrder follow the values and the IEEE 754 ordering of bit patterns")
    func ordering() {
        /// Orders patterns as IEEE totalOrder does: negatives reversed below positives.
        func key(_ x: BFloat16) -> UInt16 { x.sign == .minus ? ~x.bitPattern : x.bitPattern | 0x8000 }
        let seed: UInt64 = 3
        var rng = SplitMix64(seed: seed)
        var failures: [String] = []
        for _ in 0..<100_000 {
            let a = BFloat16(bitPattern: UInt16(truncatingIfNeeded: rng.next()))
            let b = BFloat16(bitPattern: UInt16(truncatingIfNeeded: rng.next() & 0x80FF))  // many small and equal values
            let (x, y) = (Double(a), Double(b))
            if (a < b) != (x < y) || (a <= b) != (x <= y) || (a == b) != (x == y) || (a > b) != (x > y) || (a >= b) != (x >= y)
                || a.isTotallyOrdered(belowOrEqualTo: b) != (key(a) <= key(b)) {
                failures.append("\(hex(a.bitPattern)) vs \(hex(b.bitPattern))")
            }
        }
        #expect(failures.isEmpty, "seed \(seed): \(failures.prefix(10))")
        #expect(BFloat16(-0.0) == 0 && BFloat16(-0.0).isTotallyOrdered(belowOrEqualTo: 0) && !BFloat16(0).isTotallyOrdered(belowOrEqualTo: -0.0))
        #expect(BFloat16.nan != .nan && !(BFloat16.nan < 1) && BFloat16.minimum(.nan, 1) == 1)
    }

    @Test("Equal values hash alike; striding and random(in:) stay in range")
    func hashingAndStriding() {
        #expect(Set<BFloat16>([0, -0.0, 1, 1]).count == 2)
        #expect(Array(stride(from: BFloat16(0), to: 1, by: 0.25)) == [0, 0.25, 0.5, 0.75])
        #expect(BFloat16(3).distance(to: 5) == 2 && BFloat16(3).advanced(by: 0.5) == 3.5)
        var rng = SplitMix64(seed: 8)
        for _ in 0..<1000 {
            let r = BFloat16.random(in: -2..<3, using: &rng)
            #expect(r >= -2 && r < 3)
        }
    }
}

// MARK: - Elementary functions

@Suite struct BFloat16RealTests {
    private typealias Function = @Sendable (BFloat16) -> BFloat16
    private typealias Reference = @Sendable (Float) -> Float
    private static let functions: [(name: String, bfloat: Function, float: Reference, double: @Sendable (Double) -> Double)] = [
        ("exp", { .exp($0) }, { .exp($0) }, { .exp($0) }),
        ("expMinusOne", { .expMinusOne($0) }, { .expMinusOne($0) }, { .expMinusOne($0) }),
        ("log", { .log($0) }, { .log($0) }, { .log($0) }),
        ("log(onePlus:)", { .log(onePlus: $0) }, { .log(onePlus: $0) }, { .log(onePlus: $0) }),
        ("tanh", { .tanh($0) }, { .tanh($0) }, { .tanh($0) }),
        ("sin", { .sin($0) }, { .sin($0) }, { .sin($0) }),
        ("atan", { .atan($0) }, { .atan($0) }, { .atan($0) }),
        ("erf", { .erf($0) }, { .erf($0) }, { .erf($0) }),
        ("exp2", { .exp2($0) }, { .exp2($0) }, { .exp2($0) }),
        ("sqrt", { .sqrt($0) }, { .sqrt($0) }, { .sqrt($0) }),
    ]

    @Test("Elementary functions are the Float result rounded to nearest, within half an ulp of the Double result", arguments: 0..<10)
    func elementaryFunctions(index: Int) {
        let (name, bfloat, float, double) = Self.functions[index]
        var failures: [String] = []
        for bits in allPatterns {
            let x = BFloat16(bitPattern: bits)
            let got = bfloat(x), viaFloat = float(Float(x)), exact = double(Double(x))
            if viaFloat.isNaN { if !got.isNaN { failures.append("\(name)(\(x)) = \(got), not NaN") }; continue }
            if got.bitPattern != referenceBits(Double(viaFloat)) { failures.append("\(name)(\(x)) = \(got), Float says \(viaFloat)") }
            // Half an ulp of the result, plus Float's own error, from the Double result.
            if got.isFinite && got.isNormal && abs(Double(got) - exact) > Double(got.ulp) * (0.5 + 0x1p-12) {
                failures.append("\(name)(\(x)) = \(got), Double says \(exact)")
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(10))")
    }

    @Test("pow, root, hypot and atan2 round once and overflow only where the result does")
    func otherFunctions() {
        #expect(BFloat16.pow(2, 127) == BFloat16(0x1p127) && BFloat16.pow(2, 128) == .infinity)
        #expect(BFloat16.pow(-2, 3) == -8 && BFloat16.pow(-2, Int.max) == -.infinity && BFloat16.pow(-1, Int.min) == 1)
        #expect(BFloat16.pow(2, BFloat16(0.5)) == 1.4140625 && BFloat16.pow(-2, BFloat16(2)).isNaN)
        #expect(BFloat16.root(-27, 3) == -3)
        #expect(BFloat16.hypot(3, 4) == 5 && BFloat16.hypot(1e38, 1e38) == BFloat16(Double(BFloat16(1e38)) * 2.squareRoot()))
        #expect(BFloat16.hypot(.greatestFiniteMagnitude, .greatestFiniteMagnitude) == .infinity)
        #expect(BFloat16.hypot(.infinity, .nan) == .infinity)
        #expect(BFloat16.atan2(y: 1, x: -1) == BFloat16(3 * Double.pi / 4))
        #expect(BFloat16.exp(89) == .infinity && BFloat16.exp(88) == BFloat16(Double.exp(88)))
        #expect(BFloat16.gamma(5) == 24 && BFloat16.logGamma(1) == 0 && BFloat16.signGamma(-0.5) == .minus)
    }
}

// MARK: - Text and coding

@Suite struct BFloat16TextTests {
    @Test("description is the shortest decimal that reads back, laid out like Float's", arguments: [
        (BFloat16(8), "8.0"), (0.1, "0.1"), (0.3, "0.3"), (.pi, "3.14"), (-1.5, "-1.5"), (100, "100.0"),
        (1e6, "999424.0"), (0x1p24, "16777216.0"), (0x1p25, "3.36e+07"), (.greatestFiniteMagnitude, "3.39e+38"),
        (.leastNonzeroMagnitude, "9e-41"), (.leastNormalMagnitude, "1.18e-38"), (0.0001, "0.0001"), (0.00001, "1e-05"),
        (0, "0.0"), (-0.0, "-0.0"), (.infinity, "inf"), (-.infinity, "-inf"), (.nan, "nan"),
    ] as [(BFloat16, String)])
    func description(value: BFloat16, text: String) {
        #expect(value.description == text)
        #expect(value.debugDescription == text)
        #expect("\(value)" == text)
    }

    @Test("Every value's description reads back as the same value")
    func descriptionRoundTrips() {
        var failures: [String] = []
        for bits in allPatterns {
            let x = BFloat16(bitPattern: bits)
            guard let back = BFloat16(x.description) else { failures.append(x.description); continue }
            if x.isNaN ? !back.isNaN : back.bitPattern != bits { failures.append(x.description) }
        }
        #expect(failures.isEmpty, "\(failures.prefix(10))")
    }

    @Test("Parsing text rounds the number once")
    func parsing() {
        #expect(BFloat16("1.5") == 1.5 && BFloat16("abc") == nil && BFloat16("") == nil)
        #expect(BFloat16("0x1p-133") == .leastNonzeroMagnitude && BFloat16("-inf") == -.infinity && BFloat16("nan")!.isNaN)
        #expect(BFloat16("1.00390625") == 1 && BFloat16("1.00390625000001") == 1.0078125)
        #expect(BFloat16("4e38") == .infinity && BFloat16(Substring("2")) == 2)
        #expect(BFloat16.nan.debugDescription == "nan" && BFloat16.signalingNaN.debugDescription == "snan")
    }

    @Test("Codable writes the Float value and reads it back")
    func codable() throws {
        let values: [BFloat16] = [0, -0.0, 0.1, .pi, .greatestFiniteMagnitude, .leastNonzeroMagnitude, -300]
        let data = try JSONEncoder().encode(values)
        #expect(data == (try JSONEncoder().encode(values.map(Float.init))))
        let decoded = try JSONDecoder().decode([BFloat16].self, from: data)
        #expect(decoded.map(\.bitPattern) == values.map(\.bitPattern))
        #expect(try JSONDecoder().decode(BFloat16.self, from: Data("1.00390625001".utf8)) == 1.0078125)
    }
}

// MARK: - Generic over GradFloat

/// Multiplies 8 and 0.5 into themselves until they overflow to Inf and underflow to 0,
/// and samples tanh and exp, all in the visited type.
private struct DepthProbe: PrecisionVisitor {
    func visit<T: GradFloat>(_ type: T.Type) -> (overflow: Int, underflow: Int, tanh: Double, exp: Double, name: String, precision: Precision) {
        var product: T = 1, overflow = 0
        repeat { product *= 8; overflow += 1 } while product.isFinite
        var halves: T = 1, underflow = 0
        repeat { halves *= 0.5; underflow += 1 } while halves != 0
        return (overflow, underflow, Double(T.tanh(T(0.5))), Double(T.exp(T(1))), "\(T.self)", T.precision)
    }
}

@Suite struct GradFloatPrecisionTests {
    @Test("Each precision overflows 8^k and underflows 0.5^k at its own depth", arguments: [
        (Precision.float16, 6, 25), (.bfloat16, 43, 134), (.float32, 43, 150), (.float64, 342, 1075),
    ])
    func depths(precision: Precision, overflow: Int, underflow: Int) {
        let probe = precision.visit(DepthProbe())
        #expect(probe.overflow == overflow)
        #expect(probe.underflow == underflow)
        // Rounded to the format: within one ulp of 1 (relative) of the true values.
        let tolerance = Double(sign: .plus, exponent: -Self.fractionBits(precision), significand: 1)
        #expect(probe.tanh.isApproximatelyEqual(to: 0.46211715726000974, relativeTolerance: tolerance))
        #expect(probe.exp.isApproximatelyEqual(to: 2.718281828459045, relativeTolerance: tolerance))
        #expect(Double(precision.greatestFiniteMagnitude).isFinite)
    }

    @Test("visit calls the visitor with the type of each precision")
    func visitDispatches() {
        let names = Precision.wideFormats.map { $0.visit(DepthProbe()).name }
        #expect(names == ["Float16", "BFloat16", "Float", "Double"])
        for precision in Precision.wideFormats { #expect(precision.visit(DepthProbe()).precision == precision) }
        #expect(BFloat16.precision == .bfloat16)
        #expect(Double(BFloat16.greatestFiniteMagnitude) == Precision.bfloat16.greatestFiniteMagnitude)
        #expect(Double(BFloat16.leastNonzeroMagnitude) == Precision.bfloat16.leastNonzeroMagnitude)
        #expect(Double(BFloat16.leastNormalMagnitude) == Precision.bfloat16.leastNormalMagnitude)
    }

    private static func fractionBits(_ precision: Precision) -> Int {
        switch precision {
        case .float16: 10
        case .bfloat16: 7
        case .float32: 23
        case .float64: 52
        case .float8E4M3FN, .float8E5M2, .float6E3M2FN, .float6E2M3FN, .float4E2M1FN: precision.significandBitCount
        }
    }
}
