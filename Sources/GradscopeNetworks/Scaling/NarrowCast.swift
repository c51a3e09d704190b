import GradscopeNumerics

/// Casts of Float32 tensors to a narrow format and back, with a scale, counting what happened.
///
///     q(x) = decode(encode(x·s)) / s      (per tensor, one s)
///     q(x) = decode(encode_sat(x / X_b)) · X_b   (MX, one X_b = 2^e_b per block b of 32)
///
/// The products x·s and the divisions are Float32, as on the hardware.
public enum NarrowCast {
    /// `values` cast with one scale `s` (`s` = 1: the plain cast).
    public static func cast(_ values: [Float], scale: Float, to format: NarrowFormat, counts: inout CastCounts) -> [Float] {
        values.map { x in
            let scaled = x * scale
            let q = Float(roundAndCount(x, scaled: scaled, format: format, counts: &counts))
            return q / scale
        }
    }

    /// The MX shared exponent of a block: ⌊log2 amax⌋ − emax of the element format, clamped
    /// to E8M0's [−127, 127]; nil for a block of zeros (any scale gives zeros) or with
    /// a non-finite value (the whole block becomes NaN, as E8M0's NaN scale makes it).
    public static func sharedExponent(amax: Float, format: NarrowFormat) -> Int? {
        guard amax.isFinite, amax > 0 else { return nil }
        let elementMax = format.greatestFiniteMagnitude.exponent
        return min(127, max(-127, amax.exponent - elementMax))
    }

    /// A `rows × columns` row-major matrix cast in MX blocks of 32 along its rows
    /// (`alongRows`: blocks of contiguous elements of a row) or along its columns; the
    /// elements saturate. A row (column) shorter than a multiple of 32 has a short last block,
    /// the same as padding it with zeros.
    public static func castMX(_ values: [Float], rows: Int, columns: Int, alongRows: Bool, to format: NarrowFormat,
                              counts: inout CastCounts) -> [Float] {
        precondition(values.count == rows * columns, "The matrix has \(values.count) values, not \(rows)×\(columns).")
        let saturating = format.with(overflow: .saturate)
        var result = values
        let lines = alongRows ? rows : columns, length = alongRows ? columns : rows
        func index(_ line: Int, _ k: Int) -> Int { alongRows ? line * columns + k : k * columns + line }
        for line in 0..<lines {
            for start in stride(from: 0, to: length, by: ScalingRecipe.blockLength) {
                let block = start..<min(length, start + ScalingRecipe.blockLength)
                var amax: Float = 0, finite = true
                for k in block {
                    let v = values[index(line, k)]
                    if !v.isFinite { finite = false }
                    amax = max(amax, v.magnitude)
                }
                guard finite else {
                    for k in block {
                        counts.values += 1
                        if !values[index(line, k)].isFinite { counts.nonFinite += 1 }
                        result[index(line, k)] = .nan
                    }
                    continue
                }
                let exponent = sharedExponent(amax: amax, format: format) ?? 0
                let scale = Float(sign: .plus, exponent: -exponent, significand: 1)  // 1/X, exact
                for k in block {
                    let x = values[index(line, k)]
                    let q = Float(roundAndCount(x, scaled: x * scale, format: saturating, counts: &counts))
                    result[index(line, k)] = q / scale
                }
            }
        }
        return result
    }

    /// Rounds `scaled` (= x·s) to `format` and counts it; returns the rounded scaled value.
    static func roundAndCount(_ x: Float, scaled: Float, format: NarrowFormat, counts: inout CastCounts) -> Double {
        counts.values += 1
        if !x.isFinite { counts.nonFinite += 1 }
        let q = format.decode(format.encode(Double(scaled)))
        if x.isFinite, format.roundsPastGreatestFinite(Double(scaled)) {
            counts.overflowed += 1
        } else if x != 0, q == 0 {
            counts.flushedToZero += 1
        } else if q != 0, q.isFinite, q.magnitude < format.leastNormalMagnitude {
            counts.subnormal += 1
        }
        return q
    }

    /// The largest magnitude of `values`; NaN if any is NaN, +Inf if any is infinite.
    public static func amax(_ values: [Float]) -> Float {
        var result: Float = 0
        for v in values {
            if v.isNaN { return .nan }
            result = max(result, v.magnitude)
        }
        return result
    }
}
