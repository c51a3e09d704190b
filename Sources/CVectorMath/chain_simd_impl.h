// The SIMD chain sweep for one floating-point type and one ISA, included by
// chain_sweep_impl.h once per ISA with REAL, SFX (f64/f32), ISA (avx2/avx512) and
// GS_SIMD_TARGET defined, the vector operations of simd_ops.h, and the type's exp
// constants (GS_EXP_*).
//
// exp is our own, inlined into the layer loops: no vector crosses a call.
//   x = k·ln2 + r,  k = round(x/ln2),  r by a two-constant Cody–Waite reduction
//   (ln2hi·k exact, both steps FMA, so r is within half an ulp of x − k·ln2);
//   e^r − 1 = r + r²·Q(r), Q a near-minimax polynomial on |r| ≤ 0.348 (degree 9 for
//   Double, 4 for Float; ≤ 0.15 / 0.17 ulp of e^r with the rounded coefficients),
//   evaluated as E(r²) + r·O(r²) for a short dependency chain;
//   e^x = scalef(1 + (e^r − 1), k), which rounds once, overflows to Inf and underflows
//   gradually to subnormals and 0. Callers clamp x to [GS_EXP_LO, GS_EXP_HI] first
//   (max/min keep NaN), so ±Inf give 0 / Inf and the reduction never sees Inf.

#define VT GS_CAT(GS_CAT(v, SFX), ISA)
#define V_(op) GS_CAT(GS_CAT(v_##op, SFX), ISA)
#define VF(name) GS_CAT(GS_CAT(name, SFX), ISA)
#define VLANES (sizeof(VT) / sizeof(REAL))
#define VI static inline __attribute__((always_inline, target(GS_SIMD_TARGET)))

/// GS_UNROLL vectors go through each step together: the dependency chain of one vector
/// (exp, reciprocal, products: about 30 operations, 100+ cycles deep) is too long for the
/// out-of-order window to overlap successive iterations enough; interleaved in program
/// order, four chains keep the FMA pipes busy (Zen 4: 4 chains 10 % faster than 2, 2
/// chains 6 % faster than 1).
#define EACH for (int u = 0; u < GS_UNROLL; u++)

/// e^x = 2^k·(1 + pm1) for x in [GS_EXP_LO, GS_EXP_HI] (or NaN), GS_UNROLL vectors:
/// k integer-valued, pm1 = e^r − 1 with |r| ≤ ln2/2, accurate relative to itself
/// (also for tiny r).
VI void VF(exp_parts)(const VT *x, VT *k, VT *pm1) {
    const VT shifter = V_(set1)(GS_EXP_SHIFTER);
    VT r[GS_UNROLL], r2[GS_UNROLL], even[GS_UNROLL], odd[GS_UNROLL];
    EACH k[u] = V_(sub)(V_(fma)(x[u], V_(set1)(GS_EXP_LOG2E), shifter), shifter);
    EACH r[u] = V_(fnma)(k[u], V_(set1)(GS_EXP_LN2HI), x[u]);
    EACH r[u] = V_(fnma)(k[u], V_(set1)(GS_EXP_LN2LO), r[u]);
    EACH r2[u] = V_(mul)(r[u], r[u]);
    enum { top_even = (GS_EXP_QN - 1) & ~1, top_odd = (GS_EXP_QN - 2) | 1 };
    EACH even[u] = V_(set1)(GS_EXP_Q[top_even]);
    EACH odd[u] = V_(set1)(GS_EXP_Q[top_odd]);
    for (int j = top_even - 2; j >= 0; j -= 2) {
        EACH even[u] = V_(fma)(even[u], r2[u], V_(set1)(GS_EXP_Q[j]));
        if (j + 1 <= top_odd - 2) EACH odd[u] = V_(fma)(odd[u], r2[u], V_(set1)(GS_EXP_Q[j + 1]));
    }
    EACH pm1[u] = V_(fma)(r2[u], V_(fma)(odd[u], r[u], even[u]), r[u]);
}

/// P·(r + rl)² with two roundings: (r + rl)² = r·r + 2·r·rl (+ rl², below 2^−27 relative)
/// rounded once, then the product. Within 1 ulp plus P's error (the kernels are bound by
/// the FMA pipes; the once-rounded form, with r·r split exactly, costs two more operations).
VI VT VF(times_square)(VT P, VT r, VT rl) {
    return V_(mul)(P, V_(fma)(r, r, V_(mul)(r, V_(add)(rl, rl))));
}

/// Row output interleaved with the layer's arithmetic. A row's non-temporal stores issued
/// in a burst after the layer overlap little with the arithmetic; issued one vector per
/// computed vector they do (Zen 4, float64 tanh: 11 % faster). `head` values go
/// before the first vector-aligned address of the destination; vector j of the aligned
/// part holds values head + j·lanes … and is complete once scratch vector j + 1 is.
typedef struct {
    REAL *Y, *D;            // this block's segment of the y and dy/dx rows (m values)
    size_t m, headY, headD; // values to store; values before the aligned part of each row
} VF(row_out);

VI VF(row_out) VF(row_out_start)(REAL *Y, REAL *D, size_t m) {
    const uintptr_t bytes = sizeof(VT);
    VF(row_out) o = {Y, D, m, (bytes - (uintptr_t)Y % bytes) % bytes / sizeof(REAL),
                     (bytes - (uintptr_t)D % bytes) % bytes / sizeof(REAL)};
    return o;
}

/// Streams aligned vector j of both rows, if it lies within the m values.
VI void VF(row_out_vector)(const VF(row_out) *o, const REAL *yv, const REAL *dv, size_t j) {
    size_t y0 = o->headY + j * VLANES, d0 = o->headD + j * VLANES;
    if (y0 + VLANES <= o->m) V_(stream)(o->Y + y0, V_(loadu)(yv + y0));
    if (d0 + VLANES <= o->m) V_(stream)(o->D + d0, V_(loadu)(dv + d0));
}

/// After scratch vectors iv … iv + GS_UNROLL − 1: aligned vectors iv − 1 … iv + GS_UNROLL − 2
/// are complete (the earlier ones went out after the previous group).
VI void VF(row_out_group)(const VF(row_out) *o, const REAL *yv, const REAL *dv, size_t iv) {
    for (size_t j = iv ? iv - 1 : 0; j + 2 <= iv + GS_UNROLL; j++) VF(row_out_vector)(o, yv, dv, j);
}

/// After the layer loop (nvec vectors): the remaining aligned vectors, then the head and
/// tail values with ordinary stores.
VI void VF(row_out_finish)(const VF(row_out) *o, const REAL *yv, const REAL *dv, size_t nvec) {
    for (size_t j = nvec ? nvec - 1 : 0; j * VLANES < o->m; j++) VF(row_out_vector)(o, yv, dv, j);
    const size_t heads[2] = {o->headY, o->headD};
    REAL *const dst[2] = {o->Y, o->D};
    const REAL *const src[2] = {yv, dv};
    for (int r = 0; r < 2; r++) {
        size_t head = heads[r] < o->m ? heads[r] : o->m;
        size_t tail = head + (o->m - head) / VLANES * VLANES;
        for (size_t i = 0; i < head; i++) dst[r][i] = src[r][i];
        for (size_t i = tail; i < o->m; i++) dst[r][i] = src[r][i];
    }
}

/// One tanh layer over yv/dv (mp values, a multiple of GS_UNROLL vectors), in place.
/// e = exp(−2|a|) = 2^k·P, 1 − e = −2^k·(P − 1) + (1 − 2^k) (one FMA, no cancellation:
/// this is also tanh's accurate path near 0, where P − 1 = e^r − 1 carries the digits),
/// 1/(1 + e) = r + rl; tanh(a) = sign(a)·(1 − e)/(1 + e) (Inf → ±1, NaN → NaN),
/// tanh'(a) = 4e/(1 + e)² = 2^(k+2)·P·(r + rl)², scaled last so that it keeps its
/// relative accuracy down into the subnormals.
VI void VF(tanh_layer)(REAL w, REAL b, REAL *restrict yv, REAL *restrict dv, size_t mp,
                       const VF(row_out) *out) {
    const VT vw = V_(set1)(w), vb = V_(set1)(b), one = V_(set1)(1), two = V_(set1)(2);
    const VT lo = V_(set1)(GS_EXP_LO);
    for (size_t i = 0; i < mp; i += GS_UNROLL * VLANES) {
        VT a[GS_UNROLL], x[GS_UNROLL], k[GS_UNROLL], pm1[GS_UNROLL], P[GS_UNROLL], e[GS_UNROLL];
        VT s[GS_UNROLL], t[GS_UNROLL], r[GS_UNROLL], rl[GS_UNROLL], y[GS_UNROLL];
        EACH a[u] = V_(add)(V_(mul)(vw, V_(load)(yv + i + u * VLANES)), vb);
        EACH x[u] = V_(negabs)(a[u]);
        EACH x[u] = V_(atleast)(lo, V_(add)(x[u], x[u]));  // −2|a|
        VF(exp_parts)(x, k, pm1);
        EACH P[u] = V_(add)(one, pm1[u]);
        EACH e[u] = V_(scalef)(P[u], k[u]);
        EACH s[u] = V_(add)(one, e[u]);
        EACH t[u] = V_(sub)(e[u], V_(sub)(s[u], one));  // 1 + e = s + t exactly
        EACH V_(recip)(s[u], t[u], &r[u], &rl[u]);
        EACH {  // 1 − e = −2^k·(P − 1) + (1 − 2^k): one rounding, no cancellation, also near a = 0
            VT twok = V_(scalef)(one, k[u]);
            VT n = V_(fnma)(twok, pm1[u], V_(sub)(one, twok));
            y[u] = V_(fma)(n, r[u], V_(mul)(n, rl[u]));
        }
        EACH V_(store)(yv + i + u * VLANES, V_(copysign)(y[u], a[u]));
        EACH {
            VT f = V_(scalef)(VF(times_square)(P[u], r[u], rl[u]), V_(add)(k[u], two));
            V_(store)(dv + i + u * VLANES, V_(mul)(V_(mul)(V_(load)(dv + i + u * VLANES), vw), f));
        }
        if (out) VF(row_out_group)(out, yv, dv, i / VLANES);
    }
    if (out) VF(row_out_finish)(out, yv, dv, mp / VLANES);
}

/// One sigmoid layer: e = exp(−|a|) = 2^k·P, 1/(1 + e) = r + rl;
/// σ(a) = r + rl for a ≥ 0, 2^k·P·(r + rl) below (skipped when every a of the group is
/// ≥ 0); σ'(a) = 2^k·P·(r + rl)², scaled last like tanh'.
VI void VF(sigmoid_layer)(REAL w, REAL b, REAL *restrict yv, REAL *restrict dv, size_t mp,
                          const VF(row_out) *out) {
    const VT vw = V_(set1)(w), vb = V_(set1)(b), one = V_(set1)(1);
    const VT lo = V_(set1)(GS_EXP_LO);
    for (size_t i = 0; i < mp; i += GS_UNROLL * VLANES) {
        VT a[GS_UNROLL], x[GS_UNROLL], k[GS_UNROLL], pm1[GS_UNROLL], P[GS_UNROLL], e[GS_UNROLL];
        VT s[GS_UNROLL], t[GS_UNROLL], r[GS_UNROLL], rl[GS_UNROLL], y[GS_UNROLL];
        EACH a[u] = V_(add)(V_(mul)(vw, V_(load)(yv + i + u * VLANES)), vb);
        EACH x[u] = V_(atleast)(lo, V_(negabs)(a[u]));
        VF(exp_parts)(x, k, pm1);
        EACH P[u] = V_(add)(one, pm1[u]);
        EACH e[u] = V_(scalef)(P[u], k[u]);
        EACH s[u] = V_(add)(one, e[u]);
        EACH t[u] = V_(sub)(e[u], V_(sub)(s[u], one));
        EACH V_(recip)(s[u], t[u], &r[u], &rl[u]);
        EACH y[u] = V_(add)(r[u], rl[u]);
        int nonneg = 1;  // after the first layers, often every a has one sign
        EACH nonneg &= V_(all_ge)(a[u], V_(set1)(0));
        if (!nonneg)
            EACH y[u] = V_(select_nonneg)(a[u], y[u], V_(scalef)(V_(fma)(P[u], r[u], V_(mul)(P[u], rl[u])), k[u]));
        EACH V_(store)(yv + i + u * VLANES, y[u]);
        EACH {
            VT f = V_(scalef)(VF(times_square)(P[u], r[u], rl[u]), k[u]);
            V_(store)(dv + i + u * VLANES, V_(mul)(V_(mul)(V_(load)(dv + i + u * VLANES), vw), f));
        }
        if (out) VF(row_out_group)(out, yv, dv, i / VLANES);
    }
    if (out) VF(row_out_finish)(out, yv, dv, mp / VLANES);
}

/// e^x for n values (any x: clamped to [GS_EXP_LO, GS_EXP_HI], NaN kept); for tests.
__attribute__((target(GS_SIMD_TARGET))) static void VF(exp_array_run)(const REAL *x, REAL *y, size_t n) {
    const VT lo = V_(set1)(GS_EXP_LO), hi = V_(set1)(GS_EXP_HI), one = V_(set1)(1);
    enum { group = GS_UNROLL * VLANES };
    for (size_t i = 0; i < n; i += group) {
        _Alignas(64) REAL buffer[group];
        const size_t count = n - i < group ? n - i : group;
        for (size_t j = 0; j < group; j++) buffer[j] = j < count ? x[i + j] : 0;
        VT v[GS_UNROLL], k[GS_UNROLL], pm1[GS_UNROLL];
        EACH v[u] = V_(atmost)(hi, V_(atleast)(lo, V_(load)(buffer + u * VLANES)));
        VF(exp_parts)(v, k, pm1);
        EACH V_(store)(buffer + u * VLANES, V_(scalef)(V_(add)(one, pm1[u]), k[u]));
        for (size_t j = 0; j < count; j++) y[i + j] = buffer[j];
    }
}

/// All blocks of x for this ISA: a block of GS_BLOCK x runs through every layer in L1.
__attribute__((target(GS_SIMD_TARGET))) static void VF(sweep)(const ChainLayerC *layers, int depth,
                                                             const REAL *x, size_t n, REAL *y, REAL *dydx,
                                                             size_t stride, int stream) {
    _Alignas(64) REAL yv[GS_BLOCK], dv[GS_BLOCK];
    for (size_t i0 = 0; i0 < n; i0 += GS_BLOCK) {
        const size_t m = n - i0 < GS_BLOCK ? n - i0 : GS_BLOCK;
        const size_t mp = (m + GS_MAX_LANES - 1) / GS_MAX_LANES * GS_MAX_LANES;
        FN(load_block)(x + i0, m, mp, yv, dv);
        for (int l = 0; l < depth; l++) {
            const REAL w = (REAL)layers[l].w, b = (REAL)layers[l].b;
            REAL *Y = y + i0 + (size_t)l * stride, *D = dydx + i0 + (size_t)l * stride;
            const VF(row_out) out = VF(row_out_start)(Y, D, m);
            // Streamed rows of tanh and sigmoid are written from inside the layer loop.
            const int fused = stream && (uintptr_t)Y % sizeof(REAL) == 0 && (uintptr_t)D % sizeof(REAL) == 0;
            switch (layers[l].act) {
            case GS_ACT_LINEAR: FN(linear_layer)(w, b, yv, dv, mp); break;
            case GS_ACT_RELU: FN(relu_layer)(w, b, yv, dv, mp); break;
            case GS_ACT_TANH: VF(tanh_layer)(w, b, yv, dv, mp, fused ? &out : NULL); break;
            case GS_ACT_SIGMOID: VF(sigmoid_layer)(w, b, yv, dv, mp, fused ? &out : NULL); break;
            }
            if (!fused || layers[l].act == GS_ACT_LINEAR || layers[l].act == GS_ACT_RELU) {
                FN(store_row)(Y, yv, m, stream);
                FN(store_row)(D, dv, m, stream);
            }
        }
    }
    if (stream) GS_STORE_FENCE();  // the streamed lines are visible on return
}

#undef VT
#undef V_
#undef VF
#undef VLANES
#undef VI
#undef EACH
#undef ISA
#undef GS_SIMD_TARGET
