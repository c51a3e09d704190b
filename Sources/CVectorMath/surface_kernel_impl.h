// The surface kernel for one floating-point type, included by surface_kernel.c once
// per type with REAL, SFX, R_FMA/R_FABS/R_COPYSIGN (libm) and the exp constants
// (GS_SEXP_*) defined.

#define GS_SCAT_(a, b) a##_##b
#define GS_SCAT(a, b) GS_SCAT_(a, b)
#define SFN(name) GS_SCAT(name, SFX)

/// Below |x| = 0.1 tanh comes from its Taylor series (1 − e would cancel), above it from e = exp(−2|x|),
/// where 1 − e ≥ 0.18 loses at most 2 bits.
#define GS_TANH_FROM_EXP ((REAL)0.1)

/// 2^k for integer-valued k with k + bias in the exponent range: the low bits of k + 1.5·2^p
/// (p = 52 or 23) are k in two's complement; adding the bias and shifting them into the
/// exponent field drops the rest.
static inline __attribute__((always_inline)) REAL SFN(surface_pow2)(REAL k) {
    REAL shifted = k + GS_SEXP_SHIFTER;
    GS_SEXP_BITS bits;
    memcpy(&bits, &shifted, sizeof bits);
    bits = (bits + GS_SEXP_BIAS) << GS_SEXP_MANTISSA;
    REAL result;
    memcpy(&result, &bits, sizeof result);
    return result;
}

/// e^x for x ≤ 0 or NaN, in plain arithmetic that clang vectorises inside the step loop:
///
///     k = round(x·log2 e),  r = x − k·ln2 (Cody–Waite, ln2 = hi + lo, two FMAs, |r| ≤ 0.35)
///     e^r = Σ_{n ≤ N} r^n/n!  (even and odd terms by Horner in r² with FMAs; N = 13 for Double,
///                              7 for Float: the first omitted term is below 2^−57 / 2^−27 of e^r)
///     e^x = (e^r·2^⌊k/2⌉)·2^(k−⌊k/2⌉)   (both factors normal: gradual underflow to 0)
///
/// x below GS_SEXP_MIN (where e^x is 0) is clamped to it; NaN fails the comparison and stays NaN.
static inline __attribute__((always_inline)) REAL SFN(surface_exp)(REAL x) {
    REAL c = x < GS_SEXP_MIN ? GS_SEXP_MIN : x;
    REAL k = (c * GS_SEXP_LOG2E + GS_SEXP_SHIFTER) - GS_SEXP_SHIFTER;
    REAL r = R_FMA(-k, GS_SEXP_LN2HI, c);
    r = R_FMA(-k, GS_SEXP_LN2LO, r);
    // Even and odd terms in r² side by side (N is odd): two chains half as long as Horner's.
    const REAL r2 = r * r;
    REAL even = GS_SEXP_TAYLOR[GS_SEXP_N - 1], odd = GS_SEXP_TAYLOR[GS_SEXP_N];
    for (int n = GS_SEXP_N - 3; n >= 0; n -= 2) even = R_FMA(even, r2, GS_SEXP_TAYLOR[n]);
    for (int n = GS_SEXP_N - 2; n >= 1; n -= 2) odd = R_FMA(odd, r2, GS_SEXP_TAYLOR[n]);
    const REAL p = R_FMA(odd, r, even);
    REAL half = (k * (REAL)0.5 + GS_SEXP_SHIFTER) - GS_SEXP_SHIFTER;
    return (p * SFN(surface_pow2)(half)) * SFN(surface_pow2)(k - half);
}

/// tanh(x) for |x| < 0.1: x + x·z·q(z), z = x², q the Taylor series of (tanh(x)/x − 1)/z through
/// x^13 (the first omitted term is below 2e−17 relative), by Horner with FMAs.
static inline __attribute__((always_inline)) REAL SFN(surface_tanh_small)(REAL x) {
    const REAL z = x * x;
    REAL q = (REAL)3.5921280365724810e-03;
    q = R_FMA(q, z, (REAL)-8.8632355299021966e-03);
    q = R_FMA(q, z, (REAL)2.1869488536155203e-02);
    q = R_FMA(q, z, (REAL)-5.3968253968253968e-02);
    q = R_FMA(q, z, (REAL)1.3333333333333333e-01);
    q = R_FMA(q, z, (REAL)-3.3333333333333333e-01);
    return R_FMA(x * z, q, x);
}

/// φ(x) and φ'(x) of one lane from e = exp(−|x|) (sigmoid) or exp(−2|x|) (tanh):
/// σ = 1/(1+e) for x ≥ 0, e/(1+e) below, σ' = e/(1+e)²; tanh = ±(1−e)/(1+e), tanh' = 4e/(1+e)².
/// `series` (a constant after inlining) says whether some lane may have |x| < 0.1 and needs
/// tanh's series. NaN fails every comparison and stays NaN on every path.
static inline __attribute__((always_inline)) void SFN(surface_activate)(int act, int series, REAL x, REAL *a, REAL *s) {
    const REAL e = SFN(surface_exp)((act == GS_SURFACE_TANH ? (REAL)-2 : (REAL)-1) * R_FABS(x));
    const REAL r = 1 / (1 + e);
    if (act == GS_SURFACE_SIGMOID) {
        *a = x >= 0 ? r : e * r;
        *s = e * r * r;
    } else {
        REAL large = R_COPYSIGN((1 - e) * r, x);
        *a = series && !(R_FABS(x) >= GS_TANH_FROM_EXP) ? SFN(surface_tanh_small)(x) : large;
        *s = 4 * e * r * r;
    }
}

/// One step of m lanes in one fused loop: e, φ, φ', the tangents and the new state.
/// Returns whether some new |x| is below 0.1.
static inline __attribute__((always_inline)) int SFN(surface_step)(
    int act, int series, const REAL *restrict w, REAL b, size_t m,
    REAL *restrict x, REAL *restrict dw, REAL *restrict db) {
    int small = 0;
    // Four vectors in flight: one lane's chain (exp, division, products) is ~100 cycles deep.
#pragma clang loop interleave_count(4)
    for (size_t i = 0; i < m; i++) {
        REAL a, s;
        SFN(surface_activate)(act, series, x[i], &a, &s);
        REAL k = w[i] * s;
        dw[i] = a + k * dw[i];
        db[i] = 1 + k * db[i];
        REAL next = w[i] * a + b;
        x[i] = next;
        small |= !(R_FABS(next) >= GS_TANH_FROM_EXP);
    }
    return small;
}

/// Loss and gradient of m ≤ GS_SURFACE_BLOCK points sharing the bias b, all T steps while
/// the block sits in L1. Inlined into one function per ISA, so the loops are vectorised for
/// it; tanh takes the loop with its series only while some lane of the block is near 0.
static inline __attribute__((always_inline)) void SFN(surface_block)(
    const SurfaceModelC *model, const REAL *restrict w, REAL b, size_t m,
    REAL *restrict loss, REAL *restrict dldw, REAL *restrict dldb,
    REAL *restrict x, REAL *restrict dw, REAL *restrict db) {
    // Pad lanes (m…mp) run too (whole vectors) and are never stored.
    const size_t mp = (m + GS_SURFACE_LANES - 1) / GS_SURFACE_LANES * GS_SURFACE_LANES;
    const REAL x0 = (REAL)model->x0, target = (REAL)model->target;
    for (size_t i = 0; i < mp; i++) { x[i] = x0; dw[i] = 0; db[i] = 0; }
    int small = !(R_FABS(x0) >= GS_TANH_FROM_EXP);
    for (int t = 0; t < model->steps; t++) {
        if (model->act == GS_SURFACE_SIGMOID) {
            SFN(surface_step)(GS_SURFACE_SIGMOID, 0, w, b, mp, x, dw, db);
        } else if (small) {
            small = SFN(surface_step)(GS_SURFACE_TANH, 1, w, b, mp, x, dw, db);
        } else {
            small = SFN(surface_step)(GS_SURFACE_TANH, 0, w, b, mp, x, dw, db);
        }
    }
    if (model->loss == GS_SURFACE_LOSS_STATE) {
        for (size_t i = 0; i < m; i++) {
            REAL r = x[i] - target, g = 2 * r;
            loss[i] = r * r; dldw[i] = g * dw[i]; dldb[i] = g * db[i];
        }
    } else {
        for (size_t i = 0; i < m; i++) {
            REAL a, s;
            SFN(surface_activate)(model->act, 1, x[i], &a, &s);
            REAL r = a - target, g = 2 * r * s;
            loss[i] = r * r; dldw[i] = g * dw[i]; dldb[i] = g * db[i];
        }
    }
}

/// All rows and column blocks for one ISA; scratch rows live on the stack, zeroed once.
#define GS_SURFACE_FOR_ISA(isa, attributes)                                                        \
    attributes static void SFN(surface_##isa)(const SurfaceModelC *model, const REAL *ws, size_t columns, \
                                              const REAL *bs, size_t rows, REAL *loss, REAL *dldw, REAL *dldb) { \
        _Alignas(64) REAL x[GS_SURFACE_BLOCK] = {0}, dw[GS_SURFACE_BLOCK] = {0}, db[GS_SURFACE_BLOCK] = {0}, \
            wv[GS_SURFACE_BLOCK] = {0};                                                             \
        for (size_t r = 0; r < rows; r++) {                                                         \
            for (size_t c0 = 0; c0 < columns; c0 += GS_SURFACE_BLOCK) {                              \
                size_t m = columns - c0 < GS_SURFACE_BLOCK ? columns - c0 : GS_SURFACE_BLOCK;        \
                memcpy(wv, ws + c0, m * sizeof(REAL));                                              \
                size_t o = r * columns + c0;                                                        \
                SFN(surface_block)(model, wv, bs[r], m, loss + o, dldw + o, dldb + o, x, dw, db);   \
            }                                                                                       \
        }                                                                                           \
    }
GS_SURFACE_FOR_ISA(scalar, )
#if GS_SURFACE_HAVE_SIMD
GS_SURFACE_FOR_ISA(avx2, __attribute__((target("avx2,fma"))))
GS_SURFACE_FOR_ISA(avx512, __attribute__((target("avx512f"))))
#endif

int GS_SCAT(gs_surface, SFX)(const SurfaceModelC *model, const REAL *ws, size_t columns, const REAL *bs, size_t rows,
                             REAL *loss, REAL *dloss_dw, REAL *dloss_db, int isa) {
    if ((model->act != GS_SURFACE_TANH && model->act != GS_SURFACE_SIGMOID) ||
        (model->loss != GS_SURFACE_LOSS_STATE && model->loss != GS_SURFACE_LOSS_OUTPUT) || model->steps < 0)
        return -1;
    switch (gs_surface_isa(isa)) {
#if GS_SURFACE_HAVE_SIMD
    case 3: SFN(surface_avx512)(model, ws, columns, bs, rows, loss, dloss_dw, dloss_db); break;
    case 2: SFN(surface_avx2)(model, ws, columns, bs, rows, loss, dloss_dw, dloss_db); break;
#endif
    default: SFN(surface_scalar)(model, ws, columns, bs, rows, loss, dloss_dw, dloss_db); break;
    }
    return 0;
}

#undef SFN
#undef GS_SCAT
#undef GS_SCAT_
#undef GS_TANH_FROM_EXP
#undef GS_SURFACE_FOR_ISA
#undef REAL
#undef SFX
#undef R_FMA
#undef R_FABS
#undef R_COPYSIGN
#undef GS_SEXP_SHIFTER
#undef GS_SEXP_BITS
#undef GS_SEXP_BIAS
#undef GS_SEXP_MANTISSA
#undef GS_SEXP_MIN
#undef GS_SEXP_LOG2E
#undef GS_SEXP_LN2HI
#undef GS_SEXP_LN2LO
#undef GS_SEXP_TAYLOR
#undef GS_SEXP_N
