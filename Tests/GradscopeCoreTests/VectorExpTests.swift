import CVectorMath
import Foundation
import Testing

/// The chain kernels' own vector exp (`gs_vexp_f64/_f32`: the code the AVX2 and AVX-512
/// sweeps inline), against mpmath over its whole range: subnormal results, overflow, ±Inf, NaN.
@Suite struct VectorExpTests {
    struct Point { var bits: Int, x: Double, hi: Double, lo: Double }

    /// scripts/gen_kernel_reference.py: e^x = hi + lo (double-double), for Double (64) or Float (32) x.
    static let reference: [Point] = {
        let url = Bundle.module.url(forResource: "exp_reference", withExtension: "csv", subdirectory: "Resources")!
        let lines = try! String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
        return lines.map { line in
            let f = line.split(separator: ",").map(String.init)
            return Point(bits: Int(f[0])!, x: Double(f[1])!, hi: Double(f[2])!, lo: Double(f[3])!)
        }
    }()

    static func exp(_ xs: [Double], isa: Int) -> [Double] {
        var ys = [Double](repeating: 0, count: xs.count)
        _ = gs_vexp_f64(xs, &ys, xs.count, Int32(isa))
        return ys
    }

    static func exp(_ xs: [Float], isa: Int) -> [Float] {
        var ys = [Float](repeating: 0, count: xs.count)
        _ = gs_vexp_f32(xs, &ys, xs.count, Int32(isa))
        return ys
    }

    /// |got − (hi + lo)| in ulps of T at the exact value; below the normal range, in units of the
    /// least subnormal (what the format can hold). Inf must match exactly.
    static func ulps<T: BinaryFloatingPoint>(_ got: T, _ point: Point) -> Double {
        let rounded = T(point.hi)
        if rounded.isInfinite || got.isInfinite || point.hi.isInfinite {
            return got == rounded ? 0 : .infinity
        }
        let spacing = max(Double(min(rounded.ulp, rounded.magnitude.nextDown.ulp)), Double(T.leastNonzeroMagnitude))
        return ((Double(got) - point.hi) - point.lo).magnitude / spacing
    }

    @Test("Double exp is within 2 ulp of mpmath on [−745.2, 709.8], subnormals and overflow included",
          arguments: ChainKernelTests.isas)
    func doubleAccuracy(isa: Int) {
        let points = Self.reference.filter { $0.bits == 64 }
        #expect(points.count > 4000)
        let got = Self.exp(points.map(\.x), isa: isa)
        var worst = 0.0, worstX = 0.0
        for (y, point) in zip(got, points) where Self.ulps(y, point) > worst {
            worst = Self.ulps(y, point); worstX = point.x
        }
        print("VectorExp isa \(isa) Double max ulp \(worst) at x = \(worstX)")
        #expect(worst <= 2, "max \(worst) ulp at x = \(worstX)")
    }

    @Test("Float exp is within 2 ulp of mpmath on [−104, 89], subnormals and overflow included",
          arguments: ChainKernelTests.isas)
    func floatAccuracy(isa: Int) {
        let points = Self.reference.filter { $0.bits == 32 }
        #expect(points.count > 4000)
        let got = Self.exp(points.map { Float($0.x) }, isa: isa)
        var worst = 0.0, worstX = 0.0
        for (y, point) in zip(got, points) where Self.ulps(y, point) > worst {
            worst = Self.ulps(y, point); worstX = point.x
        }
        print("VectorExp isa \(isa) Float max ulp \(worst) at x = \(worstX)")
        #expect(worst <= 2, "max \(worst) ulp at x = \(worstX)")
    }

    @Test("exp of NaN, ±Inf, ±0, huge and tiny x; any length (tails)", arguments: ChainKernelTests.isas)
    func specialValues(isa: Int) {
        let xs: [Double] = [.nan, .infinity, -.infinity, 0, -0.0, 1e300, -1e300, .greatestFiniteMagnitude,
                            -.greatestFiniteMagnitude, .leastNonzeroMagnitude, -.leastNormalMagnitude, 710, -746]
        let expected: [Double] = [.nan, .infinity, 0, 1, 1, .infinity, 0, .infinity, 0, 1, 1, .infinity, 0]
        let got = Self.exp(xs, isa: isa)
        for (k, (y, e)) in zip(got, expected).enumerated() {
            #expect(y == e || (y.isNaN && e.isNaN), "Double exp(\(xs[k])) = \(y), expected \(e)")
        }
        let xf = xs.map { Float($0) }
        let gotF = Self.exp(xf, isa: isa)
        for (k, (y, e)) in zip(gotF, expected).enumerated() {
            #expect(Double(y) == e || (y.isNaN && e.isNaN), "Float exp(\(xf[k])) = \(y), expected \(e)")
        }
        // Subnormal results keep the accuracy the format allows: e^−744 ≈ 1.0e−323 (2 subnormal steps),
        // e^−100 in Float ≈ 3.7e−44 (26 steps).
        #expect(Self.exp([-744.0], isa: isa)[0] == Foundation.exp(-744.0))
        #expect(Self.exp([Float(-100)], isa: isa)[0] == Float(Foundation.exp(-100.0)))
        // Every length, so that partial vectors are handled: the same values as one long call.
        let long = (0..<67).map { Double($0) * 0.37 - 12 }
        let all = Self.exp(long, isa: isa)
        for count in 0...long.count {
            #expect(Self.exp(Array(long.prefix(count)), isa: isa) == Array(all.prefix(count)), "length \(count)")
        }
    }
}
