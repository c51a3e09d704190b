// Fused single-unit chain sweeps (W1): a block of x goes through every layer
// while it sits in L1, each layer's row of y and dy/dx is stored on the way.
//
// The element-wise loops are plain C that clang vectorises for the target of
// the function they are inlined into; only exp and tanh come from glibc's
// libmvec (clang does not vectorise calls to them). One body, three targets
// (scalar, AVX2, AVX-512), chosen at run time, so the binary runs anywhere.
//
// `a = w*y + b` must round twice, as the generic Swift path does: contraction
// into an FMA is off for this file (pragma here, -ffp-contract=off in Package.swift).
#pragma STDC FP_CONTRACT OFF

#include <math.h>
#include <stdint.h>
#include <string.h>
#include "CVectorMath.h"

/// x values carried through all layers at once: 5 scratch rows of 256 values stay in L1.
#define GS_BLOCK 256
/// Outputs (y and dy/dx of one call) at least this large bypass the caches (non-temporal stores).
#define GS_STREAM_BYTES ((size_t)8 << 20)
#if defined(__x86_64__) || defined(__i386__)
#define GS_STORE_FENCE() __builtin_ia32_sfence()
#else
#define GS_STORE_FENCE() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#endif
/// Widest vector in values (16 floats): scratch rows are padded to a multiple of it.
#define GS_MAX_LANES 16

// glibc libmvec through the trampolines in mvec_calls.S: f applied in place to
// `bytes` of values, a whole number of 64-byte (AVX-512) or 32-byte (AVX2) vectors.
#if defined(__x86_64__) && defined(__ELF__)
#define GS_HAVE_MVEC 1
void gs_mvec_exp_f64_avx512(double *v, size_t bytes);
void gs_mvec_tanh_f64_avx512(double *v, size_t bytes);
void gs_mvec_exp_f32_avx512(float *v, size_t bytes);
void gs_mvec_tanh_f32_avx512(float *v, size_t bytes);
void gs_mvec_exp_f64_avx2(double *v, size_t bytes);
void gs_mvec_tanh_f64_avx2(double *v, size_t bytes);
void gs_mvec_exp_f32_avx2(float *v, size_t bytes);
void gs_mvec_tanh_f32_avx2(float *v, size_t bytes);
#else
#define GS_HAVE_MVEC 0
#endif

static int gs_supported(const ChainLayerC *layers, int depth, size_t n, size_t row_stride) {
    if (depth < 0 || (depth > 0 && row_stride < n)) return GS_ERR_ARGUMENT;
    for (int l = 0; l < depth; l++) {
        int act = layers[l].act;
        if (act != GS_ACT_LINEAR && act != GS_ACT_RELU && act != GS_ACT_TANH && act != GS_ACT_SIGMOID)
            return GS_ERR_UNSUPPORTED;
    }
    return GS_OK;
}

static int gs_pick_isa(int requested) {
    int best = GS_HAVE_MVEC ? gs_vector_isa() : 0;
    if (requested < 0 || requested > best) return best;
    return requested >= 3 ? 3 : requested >= 2 ? 2 : 0;
}

// Double: f64 kernels.
#define REAL double
#define SFX f64
#define R_EXP exp
#define R_TANH tanh
#define R_FABS fabs
#define R_FMA fma
#define R_COPYSIGN copysign
#include "chain_sweep_impl.h"

// Float: f32 kernels.
#define REAL float
#define SFX f32
#define R_EXP expf
#define R_TANH tanhf
#define R_FABS fabsf
#define R_FMA fmaf
#define R_COPYSIGN copysignf
#include "chain_sweep_impl.h"
