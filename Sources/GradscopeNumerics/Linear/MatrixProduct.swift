import CVectorMath

/// Whether a matrix operand of ``MatrixProduct`` is used as stored (`none`) or transposed.
package enum Transposition: Sendable {
    case none, transposed
}

/// The row-major matrix product `C ← α·op(A)·op(B) + β·C` on contiguous buffers
/// (BLAS's GEMM): Float and Double through `gs_dgemm`/`gs_sgemm` — OpenBLAS when the machine
/// has it (loaded at run time, so building needs nothing), else a plain C loop — and the 16-bit
/// formats through a plain loop rounded to `T` after every operation.
///
///     op(A) is m × k, op(B) is k × n, C is m × n;  lda, ldb, ldc are the row strides as stored
///
/// OpenBLAS sums in its own order (blocked, with FMA), so Float and Double results
/// differ from a left-to-right loop by rounding; NaN and ±Inf propagate as IEEE
/// arithmetic does (except that β = 0 ignores what C held, as BLAS specifies).
package enum MatrixProduct {
    // swiftlint:disable:next function_parameter_count
    package static func gemm<T: GradFloat>(_ opA: Transposition, _ opB: Transposition, m: Int, n: Int, k: Int,
                                   alpha: T, _ a: UnsafePointer<T>, lda: Int,
                                   _ b: UnsafePointer<T>, ldb: Int,
                                   beta: T, _ c: UnsafeMutablePointer<T>, ldc: Int) {
        guard m > 0, n > 0 else { return }
        let ta: Int32 = opA == .transposed ? 1 : 0
        let tb: Int32 = opB == .transposed ? 1 : 0
        // T is Double or Float itself here, so the buffers are already bound to it.
        if T.self == Double.self, k > 0 {
            gs_dgemm(ta, tb, Int32(m), Int32(n), Int32(k), Double(alpha), same(a), Int32(lda),
                     same(b), Int32(ldb), Double(beta), same(c), Int32(ldc))
            return
        }
        if T.self == Float.self, k > 0 {
            gs_sgemm(ta, tb, Int32(m), Int32(n), Int32(k), Float(alpha), same(a), Int32(lda),
                     same(b), Int32(ldb), Float(beta), same(c), Int32(ldc))
            return
        }
        for i in 0..<m {
            for j in 0..<n {
                var sum: T = 0
                for p in 0..<k {
                    let x = opA == .none ? a[i * lda + p] : a[p * lda + i]
                    let y = opB == .none ? b[p * ldb + j] : b[j * ldb + p]
                    sum += x * y
                }
                c[i * ldc + j] = beta == 0 ? alpha * sum : alpha * sum + beta * c[i * ldc + j]
            }
        }
    }

    /// `pointer` as a pointer to `U`, for `U` the very type `T` (checked in debug builds).
    @inline(__always)
    private static func same<T, U>(_ pointer: UnsafePointer<T>) -> UnsafePointer<U> {
        assert(T.self == U.self)
        return UnsafeRawPointer(pointer).assumingMemoryBound(to: U.self)
    }

    @inline(__always)
    private static func same<T, U>(_ pointer: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<U> {
        assert(T.self == U.self)
        return UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: U.self)
    }

    /// Whether a BLAS library was found at run time (else the built-in loop runs).
    package static var usesBLAS: Bool { gs_blas_loaded() != 0 }
}
