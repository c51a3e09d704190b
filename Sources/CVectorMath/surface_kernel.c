// The (w, b) loss surface of the single-unit recurrent model (W2): every lane of a
// block is one grid point, carried through all T steps while the block sits in L1.
//
// The element-wise loops are plain C that clang vectorises for the target of the
// function they are inlined into, exp included (Cody–Waite reduction and a Taylor
// polynomial, written per lane so that it vectorises inside the step loop: no call and
// no extra pass over the block); tanh comes from that exp (and a short series near 0).
// One body, three targets (baseline x86-64, AVX2, AVX-512), chosen at run time.
//
// Products and sums round separately, as the generic Swift path does: no FMA contraction
// (only exp's reduction and polynomials and tanh's series use explicit FMAs).
#pragma STDC FP_CONTRACT OFF

#include <math.h>
#include <stdint.h>
#include <string.h>
#include "CVectorMath.h"

/// Grid points carried through the steps at once: 4 scratch rows of 256 values stay in L1.
#define GS_SURFACE_BLOCK 256
/// Scratch rows are padded to a multiple of the widest vector (16 floats).
#define GS_SURFACE_LANES 16

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define GS_SURFACE_HAVE_SIMD 1
#else
#define GS_SURFACE_HAVE_SIMD 0
#endif

static int gs_surface_isa(int requested) {
#if GS_SURFACE_HAVE_SIMD
    int best = gs_vector_isa();
#else
    int best = 0;
#endif
    if (requested < 0 || requested > best) return best;
    return requested >= 3 ? 3 : requested >= 2 ? 2 : 0;
}

// 1/n!: e^r's Taylor coefficients.
static const double gs_surface_taylor_f64[14] = {
    1.0, 1.0, 1.0 / 2, 1.0 / 6, 1.0 / 24, 1.0 / 120, 1.0 / 720, 1.0 / 5040, 1.0 / 40320, 1.0 / 362880,
    1.0 / 3628800, 1.0 / 39916800, 1.0 / 479001600, 1.0 / 6227020800,
};
static const float gs_surface_taylor_f32[8] = {
    1.0f, 1.0f, 1.0f / 2, 1.0f / 6, 1.0f / 24, 1.0f / 120, 1.0f / 720, 1.0f / 5040,
};

// Double: e^x is 0 below −745.2, so x is clamped at −1000 (k ≥ −1443: both halves of 2^k normal);
// ln2 = LN2HI + LN2LO with LN2HI's 32 significant bits, so k·LN2HI is exact.
#define REAL double
#define SFX f64
#define R_FMA fma
#define R_FABS fabs
#define R_COPYSIGN copysign
#define GS_SEXP_SHIFTER 0x1.8p52
#define GS_SEXP_BITS uint64_t
#define GS_SEXP_BIAS 1023
#define GS_SEXP_MANTISSA 52
#define GS_SEXP_MIN (-1000.0)
#define GS_SEXP_LOG2E 0x1.71547652b82fep0
#define GS_SEXP_LN2HI 0x1.62e42feep-1
#define GS_SEXP_LN2LO 0x1.a39ef35793c76p-33
#define GS_SEXP_TAYLOR gs_surface_taylor_f64
#define GS_SEXP_N 13
#include "surface_kernel_impl.h"

// Float: e^x is 0 below −103.3, so x is clamped at −150 (k ≥ −217: both halves normal);
// LN2HI has 15 significant bits.
#define REAL float
#define SFX f32
#define R_FMA fmaf
#define R_FABS fabsf
#define R_COPYSIGN copysignf
#define GS_SEXP_SHIFTER 0x1.8p23f
#define GS_SEXP_BITS uint32_t
#define GS_SEXP_BIAS 127
#define GS_SEXP_MANTISSA 23
#define GS_SEXP_MIN (-150.0f)
#define GS_SEXP_LOG2E 0x1.715476p0f
#define GS_SEXP_LN2HI 0x1.62e4p-1f
#define GS_SEXP_LN2LO 0x1.7f7d1cp-20f
#define GS_SEXP_TAYLOR gs_surface_taylor_f32
#define GS_SEXP_N 7
#include "surface_kernel_impl.h"
