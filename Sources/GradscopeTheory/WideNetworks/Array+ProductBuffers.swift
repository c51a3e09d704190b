extension [Double] {
    /// `count` zeros that `body` fills from the buffers of `a` and `b`: the plumbing the wide
    /// networks' matrix products (`W x + b`, `Wᵀ δ`, `A·B`) share, each keeping its own loop.
    @inline(__always)
    init(zeros count: Int, from a: [Double], _ b: [Double],
         filling body: (UnsafeBufferPointer<Double>, UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void) {
        self.init(repeating: 0, count: count)
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                withUnsafeMutableBufferPointer { out in body(a, b, out) }
            }
        }
    }

    /// `y[0..<count] += s · x[0..<count]`, element by element; nothing when `s` is 0 (so a
    /// zero weight or gradient skips its row even where `x` holds ±Inf or NaN).
    @inline(__always)
    static func add(_ s: Double, times x: UnsafePointer<Double>, to y: UnsafeMutablePointer<Double>, count: Int) {
        if s == 0 { return }
        for c in 0..<count { y[c] += s * x[c] }
    }
}
