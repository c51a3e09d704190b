import GradscopeNumerics
import RealModule

/// Singular values of a square matrix by the one-sided Jacobi method (Hestenes 1958; Demmel &
/// Veselić 1992): plane rotations orthogonalise the columns pairwise,
///
///     for each pair (i, j): α = ‖a_i‖², β = ‖a_j‖², γ = a_i·a_j,  ζ = (β − α)/(2γ),
///     t = sign(ζ)/(|ζ| + √(1 + ζ²)),  c = 1/√(1 + t²),  s = c·t,  (a_i, a_j) ← (c a_i − s a_j, s a_i + c a_j)
///
/// until every |γ| ≤ 1e−15·√(αβ); the singular values are then the column norms. It finds small
/// singular values to high relative accuracy, needs no LAPACK, and costs O(n³) per sweep (about
/// ten sweeps): meant for n ≤ a few hundred.
enum JacobiSVD {
    /// The singular values of the `n × n` row-major matrix, descending.
    static func singularValues(of matrix: [Double], n: Int) -> [Double] {
        precondition(matrix.count == n * n, "A \(n)×\(n) matrix needs \(n * n) elements.")
        // Column-major copy: column j is columns[j·n ..< (j + 1)·n].
        var a = [Double](repeating: 0, count: n * n)
        for r in 0..<n { for c in 0..<n { a[c * n + r] = matrix[r * n + c] } }
        a.withUnsafeMutableBufferPointer { a in
            let base = a.baseAddress!
            for _ in 0..<60 {
                var rotated = false
                for i in 0..<(n - 1) {
                    let ai = base + i * n
                    for j in (i + 1)..<n {
                        let aj = base + j * n
                        var alpha = 0.0, beta = 0.0, gamma = 0.0
                        for k in 0..<n { alpha += ai[k] * ai[k]; beta += aj[k] * aj[k]; gamma += ai[k] * aj[k] }
                        if gamma == 0 || abs(gamma) <= 1e-15 * (alpha * beta).squareRoot() { continue }
                        rotated = true
                        let zeta = (beta - alpha) / (2 * gamma)
                        let t = (zeta >= 0 ? 1.0 : -1.0) / (abs(zeta) + (1 + zeta * zeta).squareRoot())
                        let c = 1 / (1 + t * t).squareRoot(), s = c * t
                        for k in 0..<n {
                            let x = ai[k], y = aj[k]
                            ai[k] = c * x - s * y
                            aj[k] = s * x + c * y
                        }
                    }
                }
                if !rotated { break }
            }
        }
        return (0..<n).map { j in
            var sum = 0.0
            for k in 0..<n { sum += a[j * n + k] * a[j * n + k] }
            return sum.squareRoot()
        }.sorted(by: >)
    }
}
