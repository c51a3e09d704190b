// The (w, b) loss surface of the single-unit recurrent model (W2): every lane of a
// block is one grid point, carried through all T steps while the block sits in L1.
//
// The element-wise loops are plain C that clang vectorises for the target of the
// function they are inlined into; exp comes from the chain kernels' own vector exp
// (`gs_vexp_f64/_f32`: Cody–Waite reduction and a minimax polynomial, ≤ 1.1 ulp), tanh
// from that exp (and a short series near 0). One body, three targets (scalar libm,
// AVX2, AVX-512), chosen at run time.
//
// Products and sums round separately, as the generic Swift path does: no FMA contraction.
#pragma STDC FP_CONTRACT OFF

#include <math.h>
#include <string.h>
#include "CVectorMath.h"

/// Grid points carried through the steps at once: 5 scratch rows of 256 values stay in L1.
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

// Double
#define REAL double
#define SFX f64
#define R_EXP exp
#define R_FMA fma
#define R_FABS fabs
#define R_COPYSIGN copysign
#include "surface_kernel_impl.h"

// Float
#define REAL float
#define SFX f32
#define R_EXP expf
#define R_FMA fmaf
#define R_FABS fabsf
#define R_COPYSIGN copysignf
#include "surface_kernel_impl.h"
