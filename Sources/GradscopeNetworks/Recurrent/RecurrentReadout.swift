import GradscopeNumerics

/// The linear readout every recurrent network here ends with, and its reverse mode:
///
///     y = V·h_T + d                     (batch × O, V is O × H)
///     ∂L/∂V = seedᵀ·h_T,  ∂L/∂d = Σ_b seed_b,  ∂L/∂h_T = seed·V
///
/// `seed` is ∂L/∂y. Shared by ``ElmanNetwork``, ``LSTMNetwork`` and ``GRUNetwork``; NaN and ±Inf propagate.
enum RecurrentReadout {
    /// Writes y (n × o) to `out` from the last states `last` (n × h).
    /// `last` is rows `lastRow ..< lastRow + n` of the states h_0…h_T (`stateRows` rows), as the workspace's cast names them.
    static func forward<T: GradFloat>(weights: Matrix<T>, bias: [T], last: UnsafePointer<T>, lastRow: Int, stateRows: Int, batch n: Int,
                                      into out: UnsafeMutablePointer<T>, workspace ws: RecurrentWorkspace<T>) {
        let o = bias.count, h = weights.columns
        let hT = ws.operand(.states, last, firstRow: lastRow, rows: n, of: stateRows, columns: h, reducing: .columns)
        weights.elements.withUnsafeBufferPointer { v in
            let vCast = ws.operand(.readoutWeights, v.baseAddress!, rows: o, columns: h, reducing: .columns)
            MatrixProduct.gemm(.none, .transposed, m: n, n: o, k: h, alpha: 1, hT, lda: h, vCast, ldb: h, beta: 0, out, ldc: o)
        }
        for b in 0..<n { for k in 0..<o { out[b * o + k] += bias[k] } }
    }

    /// ∂L/∂V into `gV` (o × h), ∂L/∂d added to `gd` (o), and ∂L/∂h_T written to `stateGradient` (n × h).
    static func backward<T: GradFloat>(weights: Matrix<T>, seed: UnsafePointer<T>, last: UnsafePointer<T>, lastRow: Int, stateRows: Int, batch n: Int,
                                       gV: inout [T], gd: inout [T], stateGradient dh: UnsafeMutablePointer<T>, workspace ws: RecurrentWorkspace<T>) {
        let o = weights.rows, h = weights.columns
        gV.withUnsafeMutableBufferPointer { gV in
            let seedCast = ws.operand(.outputGradient, seed, rows: n, columns: o, reducing: .rows)
            let hT = ws.operand(.states, last, firstRow: lastRow, rows: n, of: stateRows, columns: h, reducing: .rows)
            MatrixProduct.gemm(.transposed, .none, m: o, n: h, k: n, alpha: 1, seedCast, lda: o, hT, ldb: h, beta: 0, gV.baseAddress!, ldc: h)
        }
        for b in 0..<n { for k in 0..<o { gd[k] += seed[b * o + k] } }
        weights.elements.withUnsafeBufferPointer { v in
            let seedCast = ws.operand(.outputGradient, seed, rows: n, columns: o, reducing: .columns)
            let vCast = ws.operand(.readoutWeights, v.baseAddress!, rows: o, columns: h, reducing: .rows)
            MatrixProduct.gemm(.none, .none, m: n, n: h, k: o, alpha: 1, seedCast, lda: o, vCast, ldb: h, beta: 0, dh, ldc: h)
        }
    }
}
