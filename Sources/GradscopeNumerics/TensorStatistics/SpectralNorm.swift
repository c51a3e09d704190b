import CVectorMath

/// The largest singular value λ₁ = ‖W‖₂ of a dense row-major matrix, by Golub–Kahan–Lanczos
/// bidiagonalisation from a seeded random start, with full reorthogonalisation, and its a-posteriori bound.
///
///     A V_k = U_k B_k,   Aᵀ U_k = V_k B_kᵀ + β_k v_{k+1} e_kᵀ     (B_k upper bidiagonal: α on the diagonal, β above)
///     (σ, x, y) the top singular triplet of B_k;  u = U_k x, v = V_k y
///     bound = √((‖A v − σ u‖² + ‖Aᵀ u − σ v‖²) / 2)
///
/// `bound` is the residual of z = (u, v)/√2 for the symmetric matrix [[0, A], [Aᵀ, 0]], whose eigenvalues
/// are ±σ_j, so some singular value of A lies within `bound` of σ (Weyl / Bauer–Fike for symmetric
/// matrices); the residual is recomputed with two explicit products at the end, not taken from the
/// recurrence. Iterations stop when the recurrence's estimate β_k·|x_k| ≤ 1e-9·σ (or k = min(m, n)).
/// That the singular value found is the largest is what Lanczos from a random start gives with
/// probability 1; the bound does not prove it. Every product (with W and in the
/// reorthogonalisation) through the kernels' `gs_dgemv` (OpenBLAS's GEMM packs the whole matrix for one column).
/// NaN or ±Inf in A give NaN.
public struct SpectralNorm: Sendable, Equatable, Codable {
    /// λ₁.
    public var value: Double
    /// Some singular value of the matrix lies within `bound` of `value`.
    public var bound: Double
    /// Lanczos steps taken.
    public var iterations: Int

    /// λ₁ of the `rows` × `columns` row-major matrix `a`.
    public init(rows m: Int, columns n: Int, _ a: [Double], seed: UInt64 = 0x5EED) {
        precondition(a.count == m * n, "The matrix needs rows × columns elements.")
        guard m > 0, n > 0 else { self.init(value: 0, bound: 0, iterations: 0); return }
        if a.contains(where: { !$0.isFinite }) { self.init(value: .nan, bound: .nan, iterations: 0); return }
        let limit = min(m, n, 400)
        var rng = Xoshiro256StarStar(seed: seed)
        var v = (0..<n).map { _ in rng.nextGaussian() }
        Self.normalize(&v)
        var us: [Double] = [], vs: [Double] = v  // bases, one vector after another
        var alphas: [Double] = [], betas: [Double] = []
        var u = [Double](repeating: 0, count: m)
        var top = (sigma: 0.0, x: [Double](), y: [Double]())
        var k = 0
        while k < limit {
            // u_k = A v_k − β_{k−1} u_{k−1}, reorthogonalised against U
            Self.multiply(a, m, n, transposed: false, v, &u)
            Self.orthogonalize(&u, against: us, count: k, length: m)
            let alpha = Self.normalize(&u)
            us += u
            alphas.append(alpha)
            k += 1
            // v_{k+1} = Aᵀ u_k − α_k v_k, reorthogonalised against V
            var w = [Double](repeating: 0, count: n)
            Self.multiply(a, m, n, transposed: true, u, &w)
            Self.orthogonalize(&w, against: vs, count: k, length: n)
            let beta = Self.normalize(&w)
            betas.append(beta)
            if (k >= 16 && k % 8 == 0) || k == limit || beta == 0 || alpha == 0 {
                top = Self.topTriplet(alphas, betas)
                if beta * abs(top.x[k - 1]) <= 1e-9 * top.sigma || beta == 0 || alpha == 0 { break }
            }
            vs += w
            v = w
        }
        if top.x.count != k { top = Self.topTriplet(alphas, betas) }
        // u = U x, v = V y and the explicit residuals.
        var uu = [Double](repeating: 0, count: m), vv = [Double](repeating: 0, count: n)
        for j in 0..<k {
            for i in 0..<m { uu[i] += top.x[j] * us[j * m + i] }
            for i in 0..<n { vv[i] += top.y[j] * vs[j * n + i] }
        }
        var av = [Double](repeating: 0, count: m), atu = [Double](repeating: 0, count: n)
        Self.multiply(a, m, n, transposed: false, vv, &av)
        Self.multiply(a, m, n, transposed: true, uu, &atu)
        var r1 = 0.0, r2 = 0.0
        for i in 0..<m { let d = av[i] - top.sigma * uu[i]; r1 += d * d }
        for i in 0..<n { let d = atu[i] - top.sigma * vv[i]; r2 += d * d }
        self.init(value: top.sigma, bound: ((r1 + r2) / 2).squareRoot(), iterations: k)
    }

    init(value: Double, bound: Double, iterations: Int) {
        self.value = value
        self.bound = bound
        self.iterations = iterations
    }

    /// y = A x (m-vector) or Aᵀ x (n-vector) through the kernels' matrix-vector product (`gs_dgemv`).
    static func multiply(_ a: [Double], _ m: Int, _ n: Int, transposed: Bool, _ x: [Double], _ y: inout [Double]) {
        a.withUnsafeBufferPointer { a in
            x.withUnsafeBufferPointer { x in
                y.withUnsafeMutableBufferPointer { y in
                    gs_dgemv(transposed ? 1 : 0, m, n, a.baseAddress!, x.baseAddress!, y.baseAddress!)
                }
            }
        }
    }

    /// Classical Gram–Schmidt, twice, against `count` stored vectors of `length` (rows of Q):
    /// x ← x − Qᵀ(Q x).
    static func orthogonalize(_ x: inout [Double], against basis: [Double], count: Int, length: Int) {
        guard count > 0 else { return }
        for _ in 0..<2 {
            var c = [Double](repeating: 0, count: count), p = [Double](repeating: 0, count: length)
            multiply(basis, count, length, transposed: false, x, &c)
            multiply(basis, count, length, transposed: true, c, &p)
            for i in 0..<length { x[i] -= p[i] }
        }
    }

    /// Scales x to unit length; returns its former length (0 leaves x as it was).
    @discardableResult
    static func normalize(_ x: inout [Double]) -> Double {
        let norm = x.reduce(0) { $0 + $1 * $1 }.squareRoot()
        if norm > 0 { for i in x.indices { x[i] /= norm } }
        return norm
    }

    /// The top singular triplet (σ, x, y) of the upper bidiagonal B (α diagonal, β above it), from the
    /// eigen-decomposition of B Bᵀ by cyclic Jacobi rotations; y = Bᵀx/σ.
    static func topTriplet(_ alphas: [Double], _ betas: [Double]) -> (sigma: Double, x: [Double], y: [Double]) {
        let k = alphas.count
        var t = [Double](repeating: 0, count: k * k)
        for i in 0..<k {
            t[i * k + i] = alphas[i] * alphas[i] + (i + 1 < k ? betas[i] * betas[i] : 0)
            if i + 1 < k { t[i * k + i + 1] = betas[i] * alphas[i + 1]; t[(i + 1) * k + i] = t[i * k + i + 1] }
        }
        var q = [Double](repeating: 0, count: k * k)
        for i in 0..<k { q[i * k + i] = 1 }
        for _ in 0..<30 {
            var off = 0.0
            for p in 0..<k { for r in (p + 1)..<max(k, p + 1) { off += t[p * k + r] * t[p * k + r] } }
            if off <= 1e-26 * t.enumerated().reduce(0) { $1.offset % (k + 1) == 0 ? $0 + $1.element * $1.element : $0 } { break }
            for p in 0..<k {
                for r in (p + 1)..<max(k, p + 1) where t[p * k + r] != 0 {
                    let theta = (t[r * k + r] - t[p * k + p]) / (2 * t[p * k + r])
                    let tan = (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (tan * tan + 1).squareRoot(), s = tan * c
                    for i in 0..<k {
                        let tp = t[i * k + p], tr = t[i * k + r]
                        t[i * k + p] = c * tp - s * tr
                        t[i * k + r] = s * tp + c * tr
                    }
                    for i in 0..<k {
                        let tp = t[p * k + i], tr = t[r * k + i]
                        t[p * k + i] = c * tp - s * tr
                        t[r * k + i] = s * tp + c * tr
                    }
                    for i in 0..<k {
                        let qp = q[i * k + p], qr = q[i * k + r]
                        q[i * k + p] = c * qp - s * qr
                        q[i * k + r] = s * qp + c * qr
                    }
                }
            }
        }
        let best = (0..<k).max { t[$0 * k + $0] < t[$1 * k + $1] }!
        let sigma = max(t[best * k + best], 0).squareRoot()
        let x = (0..<k).map { q[$0 * k + best] }
        var y = [Double](repeating: 0, count: k)
        for j in 0..<k {  // (Bᵀx)_j = α_j x_j + β_{j−1} x_{j−1}
            y[j] = alphas[j] * x[j] + (j > 0 ? betas[j - 1] * x[j - 1] : 0)
        }
        if sigma > 0 { for j in 0..<k { y[j] /= sigma } }
        return (sigma, x, y)
    }
}
