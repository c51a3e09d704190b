extension MatrixProduct {
    /// The row-major product `C ← C + op(A)·B` with every element summed in the order of the
    /// textbook loop, each product and each sum rounded to `T`:
    ///
    ///     C[i][j] ← (…((C[i][j] + op(A)[i][0]·B[0][j]) + op(A)[i][1]·B[1][j]) + …) + op(A)[i][k−1]·B[k−1][j]
    ///
    /// op(A) is m × k (A is m × k as stored, or k × m when `opA` is `.transposed`), B is k × n,
    /// C is m × n; lda, ldb, ldc are the row strides. Unlike ``gemm(_:_:m:n:k:alpha:_:lda:_:ldb:beta:_:ldc:)``
    /// (OpenBLAS blocks and fuses), the result is bit-identical to
    /// `var s = C[i][j]; for p in 0..<k { s += a[i][p] * b[p][j] }` in any precision, so a run
    /// that is replayed operation by operation sees exactly the same numbers. It is still fast:
    /// the inner loop runs along a row of B and C, which the compiler vectorises without
    /// reordering any element's sum. NaN and ±Inf propagate as IEEE arithmetic does.
    // Called from generic network code in another module, which does not specialise it (BENCHMARKS.md, "autopsy").
    // swiftlint:disable:next function_parameter_count
    @inlinable
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    @_specialize(where T == Float16)
    @_specialize(where T == BFloat16)
    package static func accumulateInOrder<T: GradFloat>(_ opA: Transposition, m: Int, n: Int, k: Int,
                                                        _ a: UnsafePointer<T>, lda: Int, _ b: UnsafePointer<T>, ldb: Int,
                                                        into c: UnsafeMutablePointer<T>, ldc: Int) {
        guard m > 0, n > 0, k > 0 else { return }
        for i in 0..<m {
            let row = c + i * ldc
            for p in 0..<k {
                let factor = opA == .none ? a[i * lda + p] : a[p * lda + i]
                let other = b + p * ldb
                for j in 0..<n { row[j] += factor * other[j] }
            }
        }
    }
}
