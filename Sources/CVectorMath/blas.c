// GEMM through a BLAS library found at run time, or a plain loop.
#include "CVectorMathBLAS.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { ROW_MAJOR = 101, NO_TRANS = 111, TRANS = 112 };

typedef void (*dgemm_fn)(int, int, int, int, int, int, double, const double *, int, const double *, int, double,
                         double *, int);
typedef void (*sgemm_fn)(int, int, int, int, int, int, float, const float *, int, const float *, int, float,
                         float *, int);
typedef void (*set_threads_fn)(int);

static dgemm_fn blas_dgemm;
static sgemm_fn blas_sgemm;
static pthread_once_t blas_once = PTHREAD_ONCE_INIT;

static void load_blas(void) {
    const char *choice = getenv("GRADSCOPE_BLAS");
    if (choice && strcmp(choice, "none") == 0) return;
    const char *names[] = {"libopenblas.so.0", "libopenblas.so", "libblas.so.3"};
    for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++) {
        void *lib = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
        if (!lib) continue;
        dgemm_fn d = (dgemm_fn)dlsym(lib, "cblas_dgemm");
        sgemm_fn s = (sgemm_fn)dlsym(lib, "cblas_sgemm");
        if (d && s) {
            // Products run on the calling thread: callers split batches across the CPUs themselves.
            set_threads_fn threads = (set_threads_fn)dlsym(lib, "openblas_set_num_threads");
            if (threads) threads(1);
            blas_dgemm = d;
            blas_sgemm = s;
            return;
        }
        dlclose(lib);
    }
}

int gs_blas_loaded(void) {
    pthread_once(&blas_once, load_blas);
    return blas_dgemm != 0;
}

// The loop: C[i][j] = alpha·Σ_p op(A)[i][p]·op(B)[p][j] (+ beta·C[i][j]), i-p-j order for contiguous rows.
#define GEMM_LOOP(T)                                                                                  \
    for (int i = 0; i < m; i++) {                                                                     \
        T *row = c + (size_t)i * ldc;                                                                 \
        for (int j = 0; j < n; j++) row[j] = beta == 0 ? 0 : beta * row[j];                           \
        for (int p = 0; p < k; p++) {                                                                 \
            T x = alpha * (trans_a ? a[(size_t)p * lda + i] : a[(size_t)i * lda + p]);                \
            if (!trans_b) {                                                                           \
                const T *brow = b + (size_t)p * ldb;                                                  \
                for (int j = 0; j < n; j++) row[j] += x * brow[j];                                    \
            } else {                                                                                  \
                for (int j = 0; j < n; j++) row[j] += x * b[(size_t)j * ldb + p];                     \
            }                                                                                         \
        }                                                                                             \
    }

void gs_dgemm_loop(int trans_a, int trans_b, int m, int n, int k, double alpha, const double *a, int lda,
                   const double *b, int ldb, double beta, double *c, int ldc) {
    GEMM_LOOP(double)
}

void gs_sgemm_loop(int trans_a, int trans_b, int m, int n, int k, float alpha, const float *a, int lda,
                   const float *b, int ldb, float beta, float *c, int ldc) {
    GEMM_LOOP(float)
}

/// One GEMM entry point: the loaded BLAS's `blas`, else the plain `loop` above.
#define GEMM_DISPATCH(blas, loop)                                                                           \
    if (gs_blas_loaded()) {                                                                                 \
        blas(ROW_MAJOR, trans_a ? TRANS : NO_TRANS, trans_b ? TRANS : NO_TRANS, m, n, k, alpha, a, lda, b, ldb, \
             beta, c, ldc);                                                                                 \
        return;                                                                                             \
    }                                                                                                       \
    loop(trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

void gs_dgemm(int trans_a, int trans_b, int m, int n, int k, double alpha, const double *a, int lda,
              const double *b, int ldb, double beta, double *c, int ldc) {
    GEMM_DISPATCH(blas_dgemm, gs_dgemm_loop)
}

void gs_sgemm(int trans_a, int trans_b, int m, int n, int k, float alpha, const float *a, int lda,
              const float *b, int ldb, float beta, float *c, int ldc) {
    GEMM_DISPATCH(blas_sgemm, gs_sgemm_loop)
}
