// The chain sweep for one floating-point type, included by chain_sweep.c once
// per type with REAL, SFX, R_* (scalar libm: exp, tanh, fabs, copysign, fma) defined.
//
// The rational parts after exp ((1−e)/(1+e), 4e/(1+e)², 1/(1+e), e/(1+e)²) are
// evaluated with one division and FMA-compensated products, and round once: they
// add about 0.5 ulp to exp's error instead of up to 2.5 ulp for the plain formula,
// which matters when a deep chain multiplies 50 of them (and is faster: a vector
// division costs as much as a dozen FMAs).

#define GS_CAT_(a, b) a##_##b
#define GS_CAT(a, b) GS_CAT_(a, b)
#define FN(name) GS_CAT(name, SFX)

/// Below |a| = 0.375 tanh comes from libmvec; above it from e = exp(−2|a|) ≤ 0.473 as
/// (1−e)/(1+e), where 1−e ≥ 0.527 loses nothing to cancellation.
#define TANH_FROM_EXP ((REAL)0.375)

// Vector helpers, one per ISA: exp in place, and tanh of the lane groups that
// have some |a| below TANH_FROM_EXP (or a NaN). m is a multiple of GS_MAX_LANES.

static void FN(exp_scalar)(REAL *v, size_t m) {
    for (size_t i = 0; i < m; i++) v[i] = R_EXP(v[i]);
}
static void FN(tanh_scalar)(const REAL *a, REAL *t, size_t m) {
    for (size_t i = 0; i < m; i++)
        if (!(R_FABS(a[i]) >= TANH_FROM_EXP)) t[i] = R_TANH(a[i]);
}

#if GS_HAVE_MVEC
#define GS_VECTOR_HELPERS(isa, features, bytes)                                           \
    static void FN(exp_##isa)(REAL *v, size_t m) {                                        \
        GS_CAT(gs_mvec_exp, GS_CAT(SFX, isa))(v, m * sizeof(REAL));                       \
    }                                                                                     \
    __attribute__((target(features))) static void FN(tanh_##isa)(const REAL *a, REAL *t, size_t m) { \
        const size_t lanes = (bytes) / sizeof(REAL);                                      \
        for (size_t i = 0; i < m; i += lanes) {                                           \
            int needed = 0;                                                               \
            for (size_t k = 0; k < lanes; k++) needed |= !(R_FABS(a[i + k]) >= TANH_FROM_EXP); \
            if (!needed) continue;                                                        \
            memcpy(t + i, a + i, (bytes));                                                \
            GS_CAT(gs_mvec_tanh, GS_CAT(SFX, isa))(t + i, (bytes));                       \
        }                                                                                 \
    }
GS_VECTOR_HELPERS(avx2, "avx2,fma", 32)
GS_VECTOR_HELPERS(avx512, "avx512f", 64)
#endif

/// 1/(1+e) for 0 ≤ e ≤ 1 as an unevaluated sum r + rl, with one division:
/// 1 + e = s + t exactly (Fast2Sum), r = 1/s rounded, ρ = 1 − s·r exactly (FMA),
/// 1/(s+t) = r + r·(ρ − t·r) + O(u²). The results built from it round once at the
/// end, so they carry exp's error plus about half an ulp.
static inline __attribute__((always_inline)) void FN(reciprocal_one_plus)(REAL e, REAL *r, REAL *rl) {
    REAL s = 1 + e, t = e - (s - 1);
    REAL q = 1 / s, rho = R_FMA(-s, q, 1);
    *r = q;
    *rl = q * (rho - t * q);
}

/// e·(r + rl)², rounded once: (r + rl)² = p + pl + 2·r·rl with r·r = p + pl exactly.
static inline __attribute__((always_inline)) REAL FN(times_square)(REAL e, REAL r, REAL rl) {
    REAL p = r * r, pl = R_FMA(r, r, -p);
    return R_FMA(e, p, e * (pl + 2 * r * rl));
}

/// Copies a finished row segment to the output. With `stream`, whole 64-byte lines go out
/// as non-temporal stores: outputs larger than the caches are written without first
/// reading every line into the cache, which halves the memory traffic of the sweep.
static inline __attribute__((always_inline)) void FN(store_row)(REAL *restrict dst, const REAL *restrict src,
                                                               size_t m, int stream) {
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

/// Sweeps m ≤ GS_BLOCK inputs through all layers. Inlined into one function per
/// ISA, so the loops are vectorised for that ISA and vexp/vtanh become direct calls.
static inline __attribute__((always_inline)) void FN(sweep_block)(
    const ChainLayerC *layers, int depth, const REAL *x, size_t m, REAL *y, REAL *dydx,
    size_t stride, int stream, REAL *restrict yv, REAL *restrict dv, REAL *restrict av, REAL *restrict ev,
    REAL *restrict tv, void (*vexp)(REAL *, size_t), void (*vtanh)(const REAL *, REAL *, size_t)) {
    // Pad lanes (m…mp) keep whatever finite values they hold; they are never stored.
    const size_t mp = (m + GS_MAX_LANES - 1) / GS_MAX_LANES * GS_MAX_LANES;
    for (size_t i = 0; i < m; i++) { yv[i] = x[i]; dv[i] = 1; }
    for (int l = 0; l < depth; l++) {
        const REAL w = (REAL)layers[l].w, b = (REAL)layers[l].b;
        REAL *restrict Y = y + (size_t)l * stride, *restrict D = dydx + (size_t)l * stride;
        switch (layers[l].act) {
        case GS_ACT_LINEAR:
            // y = a, act' = 1 (NaN at NaN, as the Swift activations).
            for (size_t i = 0; i < m; i++) {
                REAL a = w * yv[i] + b;
                REAL f = a == a ? (REAL)1 : a;
                REAL d = (dv[i] * w) * f;
                yv[i] = a; dv[i] = d;
            }
            break;
        case GS_ACT_RELU:
            // relu(a) = a > 0 ? a : 0, relu'(a) = a > 0 ? 1 : 0; NaN stays NaN in both.
            for (size_t i = 0; i < m; i++) {
                REAL a = w * yv[i] + b;
                REAL v = a > 0 ? a : (a == a ? (REAL)0 : a);
                REAL f = a > 0 ? (REAL)1 : (a == a ? (REAL)0 : a);
                REAL d = (dv[i] * w) * f;
                yv[i] = v; dv[i] = d;
            }
            break;
        case GS_ACT_TANH:
            // e = exp(−2|a|); tanh(a) = sign(a)·(1−e)/(1+e) for |a| ≥ 0.375, else libmvec tanh;
            // tanh'(a) = sech²(a) = 4e/(1+e)².
            for (size_t i = 0; i < m; i++) {
                REAL a = w * yv[i] + b;
                av[i] = a; ev[i] = -2 * R_FABS(a);
            }
            vexp(ev, mp);
            vtanh(av, tv, mp);
            for (size_t i = 0; i < m; i++) {
                REAL a = av[i], e = ev[i], r, rl;
                FN(reciprocal_one_plus)(e, &r, &rl);
                REAL n = 1 - e, nl = -e - (n - 1);  // 1 − e = n + nl exactly
                REAL v = R_FABS(a) >= TANH_FROM_EXP ? R_COPYSIGN(R_FMA(n, r, n * rl + nl * r), a) : tv[i];
                REAL f = 4 * FN(times_square)(e, r, rl);
                REAL d = (dv[i] * w) * f;
                yv[i] = v; dv[i] = d;
            }
            break;
        case GS_ACT_SIGMOID:
            // e = exp(−|a|); σ(a) = 1/(1+e) for a ≥ 0, e/(1+e) below; σ'(a) = e/(1+e)².
            for (size_t i = 0; i < m; i++) {
                REAL a = w * yv[i] + b;
                av[i] = a; ev[i] = -R_FABS(a);
            }
            vexp(ev, mp);
            for (size_t i = 0; i < m; i++) {
                REAL a = av[i], e = ev[i], r, rl;
                FN(reciprocal_one_plus)(e, &r, &rl);
                REAL v = a >= 0 ? r + rl : R_FMA(e, r, e * rl);
                REAL f = FN(times_square)(e, r, rl);
                REAL d = (dv[i] * w) * f;
                yv[i] = v; dv[i] = d;
            }
            break;
        }
        FN(store_row)(Y, yv, m, stream);
        FN(store_row)(D, dv, m, stream);
    }
}

/// All blocks of x for one ISA; scratch rows live on the stack, zeroed once.
#define GS_SWEEP_FOR_ISA(isa, attributes, vexp, vtanh)                                   \
    attributes static void FN(sweep_##isa)(const ChainLayerC *layers, int depth,         \
                                           const REAL *x, size_t n, REAL *y, REAL *dydx, \
                                           size_t stride, int stream) {                  \
        _Alignas(64) REAL yv[GS_BLOCK] = {0}, dv[GS_BLOCK] = {0}, av[GS_BLOCK] = {0},   \
                          ev[GS_BLOCK] = {0}, tv[GS_BLOCK] = {0};                        \
        for (size_t i0 = 0; i0 < n; i0 += GS_BLOCK) {                                    \
            size_t m = n - i0 < GS_BLOCK ? n - i0 : GS_BLOCK;                            \
            FN(sweep_block)(layers, depth, x + i0, m, y + i0, dydx + i0, stride, stream, \
                            yv, dv, av, ev, tv, vexp, vtanh);                            \
        }                                                                                \
        if (stream) GS_STORE_FENCE(); /* the streamed lines are visible on return */ \
    }
GS_SWEEP_FOR_ISA(scalar, , FN(exp_scalar), FN(tanh_scalar))
#if GS_HAVE_MVEC
GS_SWEEP_FOR_ISA(avx2, __attribute__((target("avx2,fma"))), FN(exp_avx2), FN(tanh_avx2))
GS_SWEEP_FOR_ISA(avx512, __attribute__((target("avx512f"))), FN(exp_avx512), FN(tanh_avx512))
#endif

int GS_CAT(gs_chain_sweep, SFX)(const ChainLayerC *layers, int depth, const REAL *x, size_t n,
                                REAL *y, REAL *dydx, size_t row_stride, int isa) {
    int status = gs_supported(layers, depth, n, row_stride);
    if (status != GS_OK) return status;
    const int stream = (double)depth * (double)n * 2 * sizeof(REAL) >= GS_STREAM_BYTES;
    switch (gs_pick_isa(isa)) {
#if GS_HAVE_MVEC
    case 3: FN(sweep_avx512)(layers, depth, x, n, y, dydx, row_stride, stream); break;
    case 2: FN(sweep_avx2)(layers, depth, x, n, y, dydx, row_stride, stream); break;
#endif
    default: FN(sweep_scalar)(layers, depth, x, n, y, dydx, row_stride, stream); break;
    }
    return GS_OK;
}

#undef FN
#undef GS_CAT
#undef GS_CAT_
#undef TANH_FROM_EXP
#undef GS_VECTOR_HELPERS
#undef GS_SWEEP_FOR_ISA
#undef REAL
#undef R_FMA
#undef SFX
#undef R_EXP
#undef R_TANH
#undef R_FABS
#undef R_COPYSIGN
