/// The x grids every face samples curves on: evenly spaced, both ends included, and 0 included
/// whenever the range spans it, so that the slope at 0 (8^L for `tanh(8x)` nested L times,
/// 2^L for the post's S5) is a grid point and "the steepest slope" is the true maximum there.
///
/// ```swift
/// SampleGrid.evenlySpaced(-1...1, count: 4)   // [-1, 0, 0.333…, 1]: −1/3 is moved to 0
/// ```
public enum SampleGrid {
    /// `count` points `lower + (upper − lower)·t` for t = i/(count − 1), i = 0…count − 1, the ends
    /// exact; when `upper − lower` overflows (`-1e308...1e308`) `lower·(1 − t) + upper·t`, which
    /// cannot. When the range
    /// spans 0 and 0 is not already a point, the point nearest 0 (an interior one) becomes 0;
    /// its neighbours stay where they were, so that one gap is at most 1.5 steps wide.
    /// - Precondition: `count ≥ 2` and both ends finite.
    public static func evenlySpaced(_ range: ClosedRange<Double>, count: Int) -> [Double] {
        precondition(count >= 2 && range.lowerBound.isFinite && range.upperBound.isFinite,
                     "SampleGrid needs at least 2 points and a finite range.")
        let (lower, upper) = (range.lowerBound, range.upperBound)
        let last = Double(count - 1), width = upper - lower
        var xs = (0..<count).map { i -> Double in
            if i == 0 { return lower }
            if i == count - 1 { return upper }
            let t = Double(i) / last
            return width.isFinite ? lower + width * t : lower * (1 - t) + upper * t
        }
        if lower < 0, upper > 0, !xs.contains(0),
           let nearest = xs.indices.dropFirst().dropLast().min(by: { abs(xs[$0]) < abs(xs[$1]) }) {
            xs[nearest] = 0
        }
        return xs
    }
}
