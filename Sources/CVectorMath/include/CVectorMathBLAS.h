#ifndef CVECTORMATH_BLAS_H
#define CVECTORMATH_BLAS_H

/// Row-major GEMM, C <- alpha·op(A)·op(B) + beta·C (beta = 0 ignores what C held, as BLAS specifies).
/// OpenBLAS is loaded at run time when the machine has it (libopenblas.so.0, then libblas.so.3), so
/// nothing is needed to build; without it a plain loop computes the same product.
/// trans_a / trans_b: 0 = as stored, 1 = transposed.
void gs_dgemm(int trans_a, int trans_b, int m, int n, int k, double alpha, const double *a, int lda,
              const double *b, int ldb, double beta, double *c, int ldc);
void gs_sgemm(int trans_a, int trans_b, int m, int n, int k, float alpha, const float *a, int lda,
              const float *b, int ldb, float beta, float *c, int ldc);

/// The built-in loop alone (what runs when no BLAS library is found).
void gs_dgemm_loop(int trans_a, int trans_b, int m, int n, int k, double alpha, const double *a, int lda,
                   const double *b, int ldb, double beta, double *c, int ldc);
void gs_sgemm_loop(int trans_a, int trans_b, int m, int n, int k, float alpha, const float *a, int lda,
                   const float *b, int ldb, float beta, float *c, int ldc);

/// Which GEMM runs: 1 a BLAS library loaded at run time, 0 the built-in loop.
/// GRADSCOPE_BLAS=none forces the loop (tests compare the two).
int gs_blas_loaded(void);

#endif
