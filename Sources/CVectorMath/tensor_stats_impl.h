// The vector loop of the tensor statistics, written once and included by tensor_stats.c once
// per ISA with these defined (and #undef'd after):
//   GS_TS_KERNEL          the function's name; GS_TS_TARGET its target attribute
//   GS_TS_LANES           floats a vector holds (16, 8)
//   V, VI, VD, M          the float, int32 and double vectors and a lane mask (a k-register on
//                         AVX-512; a vector of all-ones lanes on AVX2)
//   GS_TS_SET1(f), GS_TS_ZERO(), GS_TS_SET1_I(k), GS_TS_ZERO_I(), GS_TS_ZERO_D()   broadcasts
//   GS_TS_ADD_D(a, b), GS_TS_MUL_D(a, b)                                           double lanes
//   GS_TS_CONSTANTS       the loop's constants besides inf and zero (the |x| mask, …)
//   GS_TS_LOAD(q, dtype)  GS_TS_LANES elements at q widened to float (exactly)
//   GS_TS_ABS(x, a, ai)   declares a = |x| and its bits ai
//   GS_TS_CMP(a, b, p)    the lanes where a p b; GS_TS_AND_CMP(m, a, b, p) those of m where a p b
//   GS_COUNT(slot, m)     c[slot] += 1 in the lanes of m
//   GS_TS_EXTREMES(fin, nz)   amax = max(amax, ai) over fin, amin = min(amin, ai) over nz (as bits:
//                         for floats ≥ +0 the integer order is the value order)
//   GS_TS_WIDEN(x, fin, lo, hi)   declares lo, hi: the finite lanes of x (others 0) as doubles
//   GS_TS_FOLD(block)     adds the block's counts, extremes and sums to s
// Every step classifies GS_TS_LANES elements at once: NaN, +Inf, finite, zero, and against each
// target format's limits (> max, ≤ half the smallest subnormal, < the smallest normal).

/// GS_TS_LANES elements a step; returns how many elements it consumed (a multiple of GS_TS_LANES).
GS_TS_TARGET static size_t GS_TS_KERNEL(GSTensorStats *s, const uint8_t *p, size_t count, int dtype) {
    const size_t width = dtype == GS_TS_F32 ? 4 : 2;
    const size_t steps = count / GS_TS_LANES;
    const V inf = GS_TS_SET1(INFINITY), zero = GS_TS_ZERO();
    GS_TS_CONSTANTS
    V mx[4], hs[4], mn[3];
    for (int f = 0; f < 4; f++) { mx[f] = GS_TS_SET1((float)gs_ts_max[f]); hs[f] = GS_TS_SET1((float)gs_ts_half_sub[f]); }
    for (int f = 0; f < 3; f++) mn[f] = GS_TS_SET1((float)gs_ts_min_normal[f]);
    size_t done = 0;
    while (done < steps) {
        size_t block = steps - done < GS_TS_BLOCK / GS_TS_LANES ? steps - done : GS_TS_BLOCK / GS_TS_LANES;
        VI c[C_SLOTS];
        for (int k = 0; k < C_SLOTS; k++) c[k] = GS_TS_ZERO_I();
        VI amax = GS_TS_ZERO_I(), amin = GS_TS_SET1_I(0x7F800000);
        VD s0 = GS_TS_ZERO_D(), s1 = s0, q0 = s0, q1 = s0;
        const uint8_t *q = p + done * GS_TS_LANES * width;
        for (size_t i = 0; i < block; i++, q += GS_TS_LANES * width) {
            V x = GS_TS_LOAD(q, dtype);
            GS_TS_ABS(x, a, ai)
            M fin = GS_TS_CMP(a, inf, _CMP_LT_OQ);
            M nz = GS_TS_AND_CMP(fin, a, zero, _CMP_GT_OQ);
            GS_COUNT(C_NAN, GS_TS_CMP(x, x, _CMP_UNORD_Q));
            GS_COUNT(C_POSINF, GS_TS_CMP(x, inf, _CMP_EQ_OQ));
            GS_COUNT(C_FINITE, fin);
            GS_COUNT(C_ZERO, GS_TS_CMP(a, zero, _CMP_EQ_OQ));
            for (int f = 0; f < 4; f++) {
                GS_COUNT(C_GT_MAX0 + f, GS_TS_CMP(a, mx[f], _CMP_GT_OQ));
                GS_COUNT(C_LE_HS0 + f, GS_TS_CMP(a, hs[f], _CMP_LE_OQ));
            }
            for (int f = 0; f < 3; f++) GS_COUNT(C_LT_MN0 + f, GS_TS_CMP(a, mn[f], _CMP_LT_OQ));
            GS_TS_EXTREMES(fin, nz)
            GS_TS_WIDEN(x, fin, lo, hi)
            s0 = GS_TS_ADD_D(s0, lo);
            s1 = GS_TS_ADD_D(s1, hi);
            q0 = GS_TS_ADD_D(q0, GS_TS_MUL_D(lo, lo));  // exact: a float's square fits a double
            q1 = GS_TS_ADD_D(q1, GS_TS_MUL_D(hi, hi));
        }
        GS_TS_FOLD(block)
        done += block;
    }
    return steps * GS_TS_LANES;
}

#undef GS_TS_KERNEL
#undef GS_TS_TARGET
#undef GS_TS_LANES
#undef V
#undef VI
#undef VD
#undef M
#undef GS_TS_SET1
#undef GS_TS_ZERO
#undef GS_TS_SET1_I
#undef GS_TS_ZERO_I
#undef GS_TS_ZERO_D
#undef GS_TS_ADD_D
#undef GS_TS_MUL_D
#undef GS_TS_CONSTANTS
#undef GS_TS_LOAD
#undef GS_TS_ABS
#undef GS_TS_CMP
#undef GS_TS_AND_CMP
#undef GS_COUNT
#undef GS_TS_EXTREMES
#undef GS_TS_WIDEN
#undef GS_TS_FOLD
