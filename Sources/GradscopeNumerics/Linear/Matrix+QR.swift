import RealModule

extension Matrix where T == Double {
    /// The thin QR factor Q of a tall matrix (`rows ≥ columns`) by modified Gram–Schmidt:
    /// its columns are orthonormal and span the columns of `self`, with `R`'s diagonal
    /// positive (the sign convention PyTorch's `orthogonal_` applies to its QR).
    ///
    ///     for j: q_j = a_j − Σ_{i<j} (q_i·a_j) q_i  (one projection at a time),  q_j /= ‖q_j‖
    ///
    /// Preconditions: `rows ≥ columns` and full column rank.
    public func orthonormalColumns() -> Matrix {
        precondition(rows >= columns, "Gram–Schmidt needs a tall matrix, got \(rows)×\(columns).")
        var q = self
        for j in 0..<columns {
            for i in 0..<j {
                var dot = 0.0
                for r in 0..<rows { dot += q[r, i] * q[r, j] }
                for r in 0..<rows { q[r, j] -= dot * q[r, i] }
            }
            var norm = 0.0
            for r in 0..<rows { norm += q[r, j] * q[r, j] }
            norm = norm.squareRoot()
            precondition(norm > 0, "The matrix is rank deficient.")
            for r in 0..<rows { q[r, j] /= norm }
        }
        return q
    }
}
