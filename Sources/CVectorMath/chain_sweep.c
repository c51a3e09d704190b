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

// glibc libmvec entry points (vector function ABI: e = AVX-512, d = AVX2).
typedef double gs_v8d __attribute__((vector_size(64)));
typedef float gs_v16f __attribute__((vector_size(64)));
typedef double gs_v4d __attribute__((vector_size(32)));
typedef float gs_v8f __attribute__((vector_size(32)));
__attribute__((target("avx512f"))) gs_v8d _ZGVeN8v_exp(gs_v8d);
__attribute__((target("avx512f"))) gs_v8d _ZGVeN8v_tanh(gs_v8d);
__attribute__((target("avx512f"))) gs_v16f _ZGVeN16v_expf(gs_v16f);
__attribute__((target("avx512f"))) gs_v16f _ZGVeN16v_tanhf(gs_v16f);
__attribute__((target("avx2"))) gs_v4d _ZGVdN4v_exp(gs_v4d);
__attribute__((target("avx2"))) gs_v4d _ZGVdN4v_tanh(gs_v4d);
__attribute__((target("avx2"))) gs_v8f _ZGVdN8v_expf(gs_v8f);
__attribute__((target("avx2"))) gs_v8f _ZGVdN8v_tanhf(gs_v8f);

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
    int best = gs_vector_isa();
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
#define V512 gs_v8d
#define V512_EXP _ZGVeN8v_exp
#define V512_TANH _ZGVeN8v_tanh
#define V256 gs_v4d
#define V256_EXP _ZGVdN4v_exp
#define V256_TANH _ZGVdN4v_tanh
#include "chain_sweep_impl.h"

// Float: f32 kernels.
#define REAL float
#define SFX f32
#define R_EXP expf
#define R_TANH tanhf
#define R_FABS fabsf
#define R_FMA fmaf
#define R_COPYSIGN copysignf
#define V512 gs_v16f
#define V512_EXP _ZGVeN16v_expf
#define V512_TANH _ZGVeN16v_tanhf
#define V256 gs_v8f
#define V256_EXP _ZGVdN8v_expf
#define V256_TANH _ZGVdN8v_tanhf
#include "chain_sweep_impl.h"
