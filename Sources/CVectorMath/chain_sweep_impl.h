// The chain sweep for one floating-point type, included by chain_sweep.c once per
// type with REAL, SFX, R_* (scalar libm: exp, tanh, fabs, copysign, fma) and the
// type's exp constants (GS_EXP_*) defined.
//
// The rational parts after exp ((1−e)/(1+e), 4e/(1+e)², 1/(1+e), e/(1+e)²) are
// evaluated with one reciprocal and FMA-compensated products, and round once: they
// add about 0.5 ulp to exp's error instead of up to 2.5 ulp for the plain formula,
// which matters when a deep chain multiplies 50 of them.
//
// Three bodies: scalar (libm exp and tanh, here), AVX2 and AVX-512 (our inlined
// vector exp, chain_simd_impl.h), chosen at run time.

#define GS_CAT_(a, b) a##_##b
#define GS_CAT(a, b) GS_CAT_(a, b)
#define FN(name) GS_CAT(name, SFX)
#define GS_INLINE static inline __attribute__((always_inline))

/// Below |a| = 0.375 the scalar tanh comes from libm; above it from e = exp(−2|a|) ≤ 0.473
/// as (1−e)/(1+e), where 1−e ≥ 0.527 loses nothing to cancellation.
#define TANH_FROM_EXP ((REAL)0.375)

/// 1/(1+e) for 0 ≤ e ≤ 1 as an unevaluated sum r + rl, with one division:
/// 1 + e = s + t exactly (Fast2Sum), r = 1/s rounded, ρ = 1 − s·r exactly (FMA),
/// 1/(s+t) = r + r·(ρ − t·r) + O(u²).
GS_INLINE void FN(reciprocal_one_plus)(REAL e, REAL *r, REAL *rl) {
    REAL s = 1 + e, t = e - (s - 1);
    REAL q = 1 / s, rho = R_FMA(-s, q, 1);
    *r = q;
    *rl = q * (rho - t * q);
}

/// e·(r + rl)², rounded once: (r + rl)² = p + pl + 2·r·rl with r·r = p + pl exactly.
GS_INLINE REAL FN(times_square)(REAL e, REAL r, REAL rl) {
    REAL p = r * r, pl = R_FMA(r, r, -p);
    return R_FMA(e, p, e * (pl + 2 * r * rl));
}

/// Copies a finished row segment to the output. With `stream`, whole 64-byte lines go out
/// as non-temporal stores: outputs larger than the caches are written without first
/// reading every line into the cache, which halves the memory traffic of the sweep.
GS_INLINE void FN(store_row)(REAL *restrict dst, const REAL *restrict src, size_t m, int stream) {
    size_t i = 0;
    if (stream) {
        const size_t line = 64 / sizeof(REAL);
        for (; i < m && ((uintptr_t)(dst + i) & 63) != 0; i++) dst[i] = src[i];
        for (; i + line <= m; i += line) {
            REAL *aligned = __builtin_assume_aligned(dst + i, 64);
            for (size_t k = 0; k < line; k++) __builtin_nontemporal_store(src[i + k], aligned + k);
        }
    }
    for (; i < m; i++) dst[i] = src[i];
}

/// y_0 = x, d_0 = 1; the pad lanes m…mp hold 0 and 1 (finite, never stored).
GS_INLINE void FN(load_block)(const REAL *x, size_t m, size_t mp, REAL *restrict yv, REAL *restrict dv) {
    for (size_t i = 0; i < mp; i++) {
        yv[i] = i < m ? x[i] : 0;
        dv[i] = 1;
    }
}

// Layers in place over yv/dv. The plain loops are vectorised for the target of the
// function they are inlined into.

/// y = a, act' = 1 (NaN at NaN, as the Swift activations).
GS_INLINE void FN(linear_layer)(REAL w, REAL b, REAL *restrict yv, REAL *restrict dv, size_t m) {
    for (size_t i = 0; i < m; i++) {
        REAL a = w * yv[i] + b;
        REAL f = a == a ? (REAL)1 : a;
        REAL d = (dv[i] * w) * f;
        yv[i] = a; dv[i] = d;
    }
}

/// relu(a) = a > 0 ? a : 0, relu'(a) = a > 0 ? 1 : 0; NaN stays NaN in both.
GS_INLINE void FN(relu_layer)(REAL w, REAL b, REAL *restrict yv, REAL *restrict dv, size_t m) {
    for (size_t i = 0; i < m; i++) {
        REAL a = w * yv[i] + b;
        REAL v = a > 0 ? a : (a == a ? (REAL)0 : a);
        REAL f = a > 0 ? (REAL)1 : (a == a ? (REAL)0 : a);
        REAL d = (dv[i] * w) * f;
        yv[i] = v; dv[i] = d;
    }
}

/// Scalar tanh: e = exp(−2|a|); tanh(a) = sign(a)·(1−e)/(1+e) for |a| ≥ 0.375, else libm
/// tanh; tanh'(a) = sech²(a) = 4e/(1+e)².
static void FN(tanh_layer_scalar)(REAL w, REAL b, REAL *restrict yv, REAL *restrict dv, size_t m) {
    for (size_t i = 0; i < m; i++) {
        REAL a = w * yv[i] + b;
        REAL e = R_EXP(-2 * R_FABS(a)), r, rl;
        FN(reciprocal_one_plus)(e, &r, &rl);
        REAL n = 1 - e, nl = -e - (n - 1);  // 1 − e = n + nl exactly
        REAL v = R_FABS(a) >= TANH_FROM_EXP ? R_COPYSIGN(R_FMA(n, r, n * rl + nl * r), a) : R_TANH(a);
        REAL f = 4 * FN(times_square)(e, r, rl);
        REAL d = (dv[i] * w) * f;
        yv[i] = v; dv[i] = d;
    }
}

/// Scalar sigmoid: e = exp(−|a|); σ(a) = 1/(1+e) for a ≥ 0, e/(1+e) below; σ'(a) = e/(1+e)².
static void FN(sigmoid_layer_scalar)(REAL w, REAL b, REAL *restrict yv, REAL *restrict dv, size_t m) {
    for (size_t i = 0; i < m; i++) {
        REAL a = w * yv[i] + b;
        REAL e = R_EXP(-R_FABS(a)), r, rl;
        FN(reciprocal_one_plus)(e, &r, &rl);
        REAL v = a >= 0 ? r + rl : R_FMA(e, r, e * rl);
        REAL f = FN(times_square)(e, r, rl);
        REAL d = (dv[i] * w) * f;
        yv[i] = v; dv[i] = d;
    }
}

static void FN(sweep_scalar)(const ChainLayerC *layers, int depth, const REAL *x, size_t n,
                             REAL *y, REAL *dydx, size_t stride, int stream) {
    REAL yv[GS_BLOCK], dv[GS_BLOCK];
    for (size_t i0 = 0; i0 < n; i0 += GS_BLOCK) {
        const size_t m = n - i0 < GS_BLOCK ? n - i0 : GS_BLOCK;
        FN(load_block)(x + i0, m, m, yv, dv);
        for (int l = 0; l < depth; l++) {
            const REAL w = (REAL)layers[l].w, b = (REAL)layers[l].b;
            switch (layers[l].act) {
            case GS_ACT_LINEAR: FN(linear_layer)(w, b, yv, dv, m); break;
            case GS_ACT_RELU: FN(relu_layer)(w, b, yv, dv, m); break;
            case GS_ACT_TANH: FN(tanh_layer_scalar)(w, b, yv, dv, m); break;
            case GS_ACT_SIGMOID: FN(sigmoid_layer_scalar)(w, b, yv, dv, m); break;
            }
            FN(store_row)(y + i0 + (size_t)l * stride, yv, m, stream);
            FN(store_row)(dydx + i0 + (size_t)l * stride, dv, m, stream);
        }
    }
    if (stream) GS_STORE_FENCE();
}

#if GS_HAVE_X86
#define ISA avx2
#define GS_SIMD_TARGET GS_AVX2
#include "chain_simd_impl.h"
#define ISA avx512
#define GS_SIMD_TARGET GS_AVX512
#include "chain_simd_impl.h"
#endif

int GS_CAT(gs_chain_sweep, SFX)(const ChainLayerC *layers, int depth, const REAL *x, size_t n,
                                REAL *y, REAL *dydx, size_t row_stride, int isa) {
    int status = gs_supported(layers, depth, n, row_stride);
    if (status != GS_OK) return status;
    const int stream = (double)depth * (double)n * 2 * sizeof(REAL) >= GS_STREAM_BYTES;
    switch (gs_pick_isa(isa)) {
#if GS_HAVE_X86
    case 3: GS_CAT(FN(sweep), avx512)(layers, depth, x, n, y, dydx, row_stride, stream); break;
    case 2: GS_CAT(FN(sweep), avx2)(layers, depth, x, n, y, dydx, row_stride, stream); break;
#endif
    default: FN(sweep_scalar)(layers, depth, x, n, y, dydx, row_stride, stream); break;
    }
    return GS_OK;
}

int GS_CAT(gs_vexp, SFX)(const REAL *x, REAL *y, size_t n, int isa) {
    switch (gs_pick_isa(isa)) {
#if GS_HAVE_X86
    case 3: GS_CAT(FN(exp_array_run), avx512)(x, y, n); return 3;
    case 2: GS_CAT(FN(exp_array_run), avx2)(x, y, n); return 2;
#endif
    default:
        for (size_t i = 0; i < n; i++) y[i] = R_EXP(x[i]);
        return 0;
    }
}

#undef FN
#undef GS_CAT
#undef GS_CAT_
#undef GS_INLINE
#undef TANH_FROM_EXP
#undef REAL
#undef R_FMA
#undef SFX
#undef R_EXP
#undef R_TANH
#undef R_FABS
#undef R_COPYSIGN
#undef GS_EXP_LO
#undef GS_EXP_HI
#undef GS_EXP_SHIFTER
#undef GS_EXP_LOG2E
#undef GS_EXP_LN2HI
#undef GS_EXP_LN2LO
#undef GS_EXP_Q
#undef GS_EXP_QN
