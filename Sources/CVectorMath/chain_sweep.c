// Fused single-unit chain sweeps (W1): a block of x goes through every layer
// while it sits in L1, each layer's row of y and dy/dx is stored on the way.
//
// tanh and sigmoid use our own vector exp (chain_simd_impl.h), written with
// intrinsics and inlined into the layer loops of each ISA (AVX2, AVX-512): no
// library call, no vector passed across a call. relu and linear are plain C loops
// that clang vectorises for the target of the function they are inlined into. The
// scalar fallback uses libm. The ISA is chosen at run time, so the binary runs anywhere.
//
// `a = w*y + b` must round twice, as the generic Swift path does: contraction
// into an FMA is off for this file (pragma here, -ffp-contract=off in Package.swift).
#pragma STDC FP_CONTRACT OFF

#include <math.h>
#include <stdint.h>
#include <string.h>
#include "CVectorMath.h"

/// x values carried through all layers at once: 2 scratch rows of 512 values stay in L1.
#define GS_BLOCK 512
/// Outputs (y and dy/dx of one call) at least this large bypass the caches (non-temporal stores).
#define GS_STREAM_BYTES ((size_t)8 << 20)
#if defined(__x86_64__) || defined(__i386__)
#define GS_STORE_FENCE() __builtin_ia32_sfence()
#else
#define GS_STORE_FENCE() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#endif
/// Vectors the SIMD layer loops take at once (interleaved), and the values they cover at
/// most (4 vectors of 16 floats): scratch rows are padded to a multiple of it.
#define GS_UNROLL 4
#define GS_MAX_LANES 64

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define GS_HAVE_X86 1
#include "simd_ops.h"
#else
#define GS_HAVE_X86 0
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
    int best = GS_HAVE_X86 ? gs_vector_isa() : 0;
    if (requested < 0 || requested > best) return best;
    return requested >= 3 ? 3 : requested >= 2 ? 2 : 0;
}

// exp's polynomial: e^r − 1 = r + r²·Q(r), Q(r) = Σ q_j r^j, interpolating (e^r − 1 − r)/r²
// at the Chebyshev nodes of |r| ≤ 1.002·ln2/2 (near-minimax; mpmath, 300 bits).
static const double gs_exp_q_f64[10] = {
    0.5000000000000001, 0.16666666666666669, 0.04166666666662348, 0.008333333333330011,
    0.0013888888917538296, 0.00019841269863303223, 2.4801520792572694e-05, 2.75572680728901e-06,
    2.762032742826824e-07, 2.5100569275813683e-08,
};
static const float gs_exp_q_f32[5] = {
    5.000000000e-01f, 1.666657627e-01f, 4.166655242e-02f, 8.363292553e-03f, 1.392632606e-03f,
};

// Double: f64 kernels. e^x is 0 below −745.14 (4·e^x, tanh's derivative, below −746.5: the
// clamp) and Inf above 709.79; ln2 = LN2HI + LN2LO with LN2HI's 32 significant bits, so
// k·LN2HI is exact for |k| < 2^21.
#define REAL double
#define SFX f64
#define R_EXP exp
#define R_TANH tanh
#define R_FABS fabs
#define R_FMA fma
#define R_COPYSIGN copysign
#define GS_EXP_LO (-750.0)
#define GS_EXP_HI 710.0
#define GS_EXP_SHIFTER 0x1.8p52
#define GS_EXP_LOG2E 0x1.71547652b82fep0
#define GS_EXP_LN2HI 0x1.62e42feep-1
#define GS_EXP_LN2LO 0x1.a39ef35793c76p-33
#define GS_EXP_Q gs_exp_q_f64
#define GS_EXP_QN 10
#include "chain_sweep_impl.h"

// Float: f32 kernels, every operation in Float. e^x is 0 below −103.98 (4·e^x below −105.4:
// the clamp is lower) and Inf above 88.73; LN2HI has 15 significant bits, so k·LN2HI is
// exact for |k| < 2^9.
#define REAL float
#define SFX f32
#define R_EXP expf
#define R_TANH tanhf
#define R_FABS fabsf
#define R_FMA fmaf
#define R_COPYSIGN copysignf
#define GS_EXP_LO (-110.0f)
#define GS_EXP_HI 89.0f
#define GS_EXP_SHIFTER 0x1.8p23f
#define GS_EXP_LOG2E 0x1.715476p0f
#define GS_EXP_LN2HI 0x1.62e4p-1f
#define GS_EXP_LN2LO 0x1.7f7d1cp-20f
#define GS_EXP_Q gs_exp_q_f32
#define GS_EXP_QN 5
#include "chain_sweep_impl.h"
