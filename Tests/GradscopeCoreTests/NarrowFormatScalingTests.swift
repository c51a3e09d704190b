import Testing
@testable import GradscopeNumerics
@testable import GradscopeNetworks

/// The scaling recipes on hand-computed cases.
@Suite struct NarrowFormatScalingTests {
    @Test("current: s = 448/amax; 4 values rounded on the e4m3fn grid at 4.48×")
    func current() {
        var scaler = TensorScaler(recipe: .current(margin: 0), format: .float8E4M3FN)
        let x: [Float] = [1, -2, 0.5, 100]
        let s = scaler.scale(for: x)
        #expect(s == Float(448) / 100)
        var counts = CastCounts()
        let q = NarrowCast.cast(x, scale: s, to: .float8E4M3FN, counts: &counts)
        // x·s = 4.48, −8.96, 2.24, 448 → 4.5 (spacing 0.5), −9 (spacing 1), 2.25 (spacing 0.25), 448.
        #expect(q == [4.5 / s, -9 / s, 2.25 / s, 448 / s])
        #expect(counts == CastCounts(values: 4, overflowed: 0, flushedToZero: 0, subnormal: 0, nonFinite: 0))
        // margin 1 halves the scale.
        var halved = TensorScaler(recipe: .current(margin: 1), format: .float8E4M3FN)
        #expect(halved.scale(for: x) == Float(448) / 100 / 2)
        // amax = 0: s = 1.
        #expect(scaler.scale(for: [0, 0]) == 1)
    }

    @Test("delayed, history 3: the scale follows the largest of the last three amaxes")
    func delayed() {
        var scaler = TensorScaler(recipe: .delayed(history: 3, margin: 0, amax: .max), format: .float8E4M3FN)
        var used: [Float] = []
        for amax: Float in [2, 8, 1, 0.5, 0, .nan] {
            used.append(scaler.scale(for: [amax]))
            scaler.record(amax)
        }
        // Step 1 uses 1; then 448/2; 448/8 while 8 is in the history; after 8 leaves it
        // (history 1, 0.5, 0) the largest is 1: 448.
        #expect(used == [1, 224, 56, 56, 56, 448])
        #expect(scaler.history == [1, 0.5, 0])
        #expect(scaler.skippedAmaxes == 1, "the NaN amax is reported and not recorded")
        #expect(scaler.scale == 448)
        // A spike the history has not seen: 1000 × 448 overflows e4m3fn → NaN, or 448 saturated.
        var counts = CastCounts()
        let spiked = NarrowCast.cast([1000, 1], scale: scaler.scale, to: .float8E4M3FN, counts: &counts)
        #expect(spiked[0].isNaN)
        #expect(spiked[1] == 1)
        #expect(counts.overflowed == 1)
        let saturated = NarrowCast.cast([1000], scale: scaler.scale, to: NarrowFormat.float8E4M3FN.with(overflow: .saturate), counts: &counts)
        #expect(saturated == [1])
    }

    @Test("delayed, most recent amax: amax = 0 keeps the previous scale")
    func delayedMostRecent() {
        var scaler = TensorScaler(recipe: .delayed(history: 3, margin: 0, amax: .mostRecent), format: .float8E5M2)
        scaler.record(8)
        #expect(scaler.scale == 57344 / 8)
        scaler.record(0)
        #expect(scaler.scale == 57344 / 8)
        scaler.record(64)
        #expect(scaler.scale == 57344 / 64)
    }

    @Test("MX: one 64-element block pair in e4m3fn")
    func mxBlocks() {
        // Block 1: k/8 for k = 1…32, amax 4: X = 2^(2 − 8) = 2^−6, so x/X = 8k. Above 128 the
        // grid spacing is 16 and the odd k are ties: 136 → 128, 152 → 160, 168 → 160, 184 → 192,
        // 200 → 192, 216 → 224, 232 → 224, 248 → 256.
        // Block 2: 1000 and 31 × 0.001, amax 1000: X = 2^(9 − 8) = 2; 500 saturates to 448
        // (x = 896), 0.0005 is below half the smallest subnormal 2^−10 and flushes to 0.
        let x: [Float] = (1...32).map { Float($0) / 8 } + [1000] + Array(repeating: 0.001, count: 31)
        #expect(NarrowCast.sharedExponent(amax: 4, format: .float8E4M3FN) == -6)
        #expect(NarrowCast.sharedExponent(amax: 1000, format: .float8E4M3FN) == 1)
        var counts = CastCounts()
        let q = NarrowCast.castMX(x, rows: 1, columns: 64, alongRows: true, to: .float8E4M3FN, counts: &counts)
        let ties: [Int: Float] = [17: 128, 19: 160, 21: 160, 23: 192, 25: 192, 27: 224, 29: 224, 31: 256]
        let first = (1...32).map { k in (ties[k] ?? Float(8 * k)) / 64 }
        #expect(Array(q[0..<32]) == first)
        #expect(q[32] == 896)
        #expect(Array(q[33...]) == Array(repeating: 0, count: 31))
        #expect(counts == CastCounts(values: 64, overflowed: 1, flushedToZero: 31, subnormal: 0, nonFinite: 0))
        // The same values as a 64 × 1 column, blocked along the column, give the same result.
        var columnCounts = CastCounts()
        #expect(NarrowCast.castMX(x, rows: 64, columns: 1, alongRows: false, to: .float8E4M3FN, counts: &columnCounts) == q)
        // A block holding a NaN becomes NaN (E8M0's NaN scale).
        var nanCounts = CastCounts()
        let withNaN = NarrowCast.castMX([1, .nan, 2], rows: 1, columns: 3, alongRows: true, to: .float8E4M3FN, counts: &nanCounts)
        #expect(withNaN.allSatisfy { $0.isNaN })
        #expect(nanCounts.nonFinite == 1)
    }

    @Test("Recipes parse by name and print back")
    func names() {
        #expect(ScalingRecipe(named: "current") == .current(margin: 0))
        #expect(ScalingRecipe(named: "delayed", history: 16) == .delayed(history: 16, margin: 0, amax: .max))
        #expect(ScalingRecipe(named: "MX") == .mx)
        #expect(ScalingRecipe(named: "dynamic") == nil)
        #expect(ScalingRecipe.delayed(history: 1024, margin: 0, amax: .max).description == "scale=delayed")
        #expect(ScalingRecipe.current(margin: 2).description == "scale=current(margin 2)")
    }
}
