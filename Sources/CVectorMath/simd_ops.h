// Vector operations for the SIMD chain kernels, one set per (type, ISA), with uniform
// names v_<op>_<type>_<isa> so that chain_simd_impl.h can be written once.
//
// Every function is always_inline and compiled for its ISA with a target attribute:
// they are only ever inlined into functions with the same target, so no vector
// crosses a call boundary (clang would pass it in memory: the ABI of a function does
// not follow its target attribute).
//
// Included by chain_sweep.c on x86-64 only.
#include <immintrin.h>

#define GS_AVX512 "avx512f"
#define GS_AVX2 "avx2,fma"
#define GS_VINLINE(features) static inline __attribute__((always_inline, target(features)))

/// The operations that are one intrinsic `<mm>_<op>_<p>` in every (type, ISA), named
/// v_<op>_<suffix>: T the scalar, V the vector, mm `_mm512` or `_mm256`, p `pd` or `ps`.
/// set1/load/loadu/store/storeu as named; stream is a non-temporal store to a
/// vector-aligned address; fma = a·b + c, fnma = c − a·b, fms = a·b − c, each rounded
/// once; atleast(lo, x) = max(lo, x) and atmost(hi, x) = min(hi, x) return x when x is
/// NaN (MAXPD/MINPD return their second operand then).
#define GS_ONE_INTRINSIC_OPS(T, V, suffix, mm, p) \
    GS_I V v_set1_##suffix(T a) { return mm##_set1_##p(a); } \
    GS_I V v_load_##suffix(const T *ptr) { return mm##_load_##p(ptr); } \
    GS_I V v_loadu_##suffix(const T *ptr) { return mm##_loadu_##p(ptr); } \
    GS_I void v_store_##suffix(T *ptr, V a) { mm##_store_##p(ptr, a); } \
    GS_I void v_storeu_##suffix(T *ptr, V a) { mm##_storeu_##p(ptr, a); } \
    GS_I void v_stream_##suffix(T *ptr, V a) { mm##_stream_##p(ptr, a); } \
    GS_I V v_add_##suffix(V a, V b) { return mm##_add_##p(a, b); } \
    GS_I V v_sub_##suffix(V a, V b) { return mm##_sub_##p(a, b); } \
    GS_I V v_mul_##suffix(V a, V b) { return mm##_mul_##p(a, b); } \
    GS_I V v_fma_##suffix(V a, V b, V c) { return mm##_fmadd_##p(a, b, c); } \
    GS_I V v_fnma_##suffix(V a, V b, V c) { return mm##_fnmadd_##p(a, b, c); } \
    GS_I V v_fms_##suffix(V a, V b, V c) { return mm##_fmsub_##p(a, b, c); } \
    GS_I V v_atleast_##suffix(V lo, V x) { return mm##_max_##p(lo, x); } \
    GS_I V v_atmost_##suffix(V hi, V x) { return mm##_min_##p(hi, x); }

/// AVX-512's sign and lane operations for one type (I the integer vector's element,
/// `epi64` or `epi32`; sign the integer with only the sign bit; all the mask of all lanes):
/// negabs(a) = −|a|; copysign(m, s) = m ≥ +0 (or a NaN) with the sign of s, by or/and,
/// which run on the FP add pipes of Zen 4 where vpternlog would take an FMA pipe, the
/// bottleneck of the kernels; scalef(x, k) = x·2^k for integer-valued k, rounded once
/// (overflow to ±Inf, gradual underflow); all_ge(a, b): whether a ≥ b in every lane
/// (false for NaN); select_nonneg(a, yes, no) = a ≥ 0 ? yes : no (no for NaN a).
#define GS_AVX512_SIGN_OPS(V, suffix, p, I, sign, all) \
    GS_I V v_negabs_##suffix(V a) { \
        return _mm512_castsi512_##p(_mm512_or_si512(_mm512_cast##p##_si512(a), _mm512_set1_##I(sign))); \
    } \
    GS_I V v_copysign_##suffix(V m, V s) { \
        __m512i signs = _mm512_and_si512(_mm512_cast##p##_si512(s), _mm512_set1_##I(sign)); \
        return _mm512_castsi512_##p(_mm512_or_si512(_mm512_cast##p##_si512(m), signs)); \
    } \
    GS_I V v_scalef_##suffix(V x, V k) { return _mm512_scalef_##p(x, k); } \
    GS_I int v_all_ge_##suffix(V a, V b) { return _mm512_cmp_##p##_mask(a, b, _CMP_GE_OQ) == all; } \
    GS_I V v_select_nonneg_##suffix(V a, V yes, V no) { \
        return _mm512_mask_blend_##p(_mm512_cmp_##p##_mask(a, _mm512_setzero_##p(), _CMP_GE_OQ), no, yes); \
    }

/// AVX2's sign and lane operations for one type (minus0 the −0.0 of T; all the movemask
/// of all lanes), as for AVX-512 above.
#define GS_AVX2_SIGN_OPS(V, suffix, p, minus0, all) \
    GS_I V v_negabs_##suffix(V a) { return _mm256_or_##p(a, _mm256_set1_##p(minus0)); } \
    GS_I V v_copysign_##suffix(V m, V s) { \
        return _mm256_or_##p(m, _mm256_and_##p(_mm256_set1_##p(minus0), s)); \
    } \
    GS_I int v_all_ge_##suffix(V a, V b) { return _mm256_movemask_##p(_mm256_cmp_##p(a, b, _CMP_GE_OQ)) == all; } \
    GS_I V v_select_nonneg_##suffix(V a, V yes, V no) { \
        return _mm256_blendv_##p(no, yes, _mm256_cmp_##p(a, _mm256_setzero_##p(), _CMP_GE_OQ)); \
    }

/// AVX2's scalef and recip for one type, on v_pow2_<suffix> (2^k for integer-valued k in
/// the type's normal exponent range; half the 0.5 of T):
/// scalef(x, k) = x·2^k for integer-valued |k| ≤ 2000 (double) or 250 (float) as
/// (x·2^⌊k/2⌋)·2^(k−⌊k/2⌋): both factors normal, the first product exact for |x| in
/// [2^−60, 2^60] (double), so the result rounds once, as AVX-512's scalef;
/// recip(s, t) = 1/(s + t) ≈ r + rl with r = 1/s rounded and rl = r·(1 − (s + t)·r).
#define GS_AVX2_SCALEF_RECIP_OPS(V, suffix, p, half) \
    GS_I V v_scalef_##suffix(V x, V k) { \
        V k1 = _mm256_floor_##p(_mm256_mul_##p(k, _mm256_set1_##p(half))); \
        return _mm256_mul_##p(_mm256_mul_##p(x, v_pow2_##suffix(k1)), v_pow2_##suffix(_mm256_sub_##p(k, k1))); \
    } \
    GS_I void v_recip_##suffix(V s, V t, V *r, V *rl) { \
        V q = _mm256_div_##p(_mm256_set1_##p(1), s); \
        V delta = _mm256_fnmadd_##p(t, q, _mm256_fnmadd_##p(s, q, _mm256_set1_##p(1))); \
        *r = q; \
        *rl = _mm256_mul_##p(q, delta); \
    }

// ---------------------------------------------------------------- AVX-512, double
#define GS_I GS_VINLINE(GS_AVX512)
typedef __m512d v_f64_avx512;
GS_ONE_INTRINSIC_OPS(double, __m512d, f64_avx512, _mm512, pd)
GS_AVX512_SIGN_OPS(__m512d, f64_avx512, pd, epi64, INT64_MIN, 0xFF)
/// 1/(s + t) ≈ r + rl for s in [1, 2], |t| ≤ ulp(s): a 14-bit estimate and one Newton
/// step give r within 2^−28, and rl = r·(1 − (s + t)·r) (FMAs, exact residual) the rest:
/// the sum is within 2^−55 relative, with no division.
GS_I void v_recip_f64_avx512(__m512d s, __m512d t, __m512d *r, __m512d *rl) {
    const __m512d one = _mm512_set1_pd(1);
    __m512d r0 = _mm512_rcp14_pd(s);
    __m512d r1 = _mm512_fmadd_pd(r0, _mm512_fnmadd_pd(s, r0, one), r0);
    __m512d delta = _mm512_fnmadd_pd(t, r1, _mm512_fnmadd_pd(s, r1, one));
    *r = r1;
    *rl = _mm512_mul_pd(r1, delta);
}
#undef GS_I

// ---------------------------------------------------------------- AVX-512, float
#define GS_I GS_VINLINE(GS_AVX512)
typedef __m512 v_f32_avx512;
GS_ONE_INTRINSIC_OPS(float, __m512, f32_avx512, _mm512, ps)
GS_AVX512_SIGN_OPS(__m512, f32_avx512, ps, epi32, INT32_MIN, 0xFFFF)
/// 1/(s + t) ≈ r + rl: the 14-bit estimate r and rl = r·(1 − (s + t)·r); the sum is
/// within 2^−28 relative (the neglected r·δ², δ ≤ 2^−14), a sixteenth of a Float ulp.
GS_I void v_recip_f32_avx512(__m512 s, __m512 t, __m512 *r, __m512 *rl) {
    __m512 r0 = _mm512_rcp14_ps(s);
    __m512 delta = _mm512_fnmadd_ps(t, r0, _mm512_fnmadd_ps(s, r0, _mm512_set1_ps(1)));
    *r = r0;
    *rl = _mm512_mul_ps(r0, delta);
}
#undef GS_I

// ---------------------------------------------------------------- AVX2, double and float
#define GS_I GS_VINLINE(GS_AVX2)
typedef __m256d v_f64_avx2;
typedef __m256 v_f32_avx2;
GS_ONE_INTRINSIC_OPS(double, __m256d, f64_avx2, _mm256, pd)
GS_ONE_INTRINSIC_OPS(float, __m256, f32_avx2, _mm256, ps)
GS_AVX2_SIGN_OPS(__m256d, f64_avx2, pd, -0.0, 0xF)
GS_AVX2_SIGN_OPS(__m256, f32_avx2, ps, -0.0f, 0xFF)
/// 2^k for integer-valued k in [−1022, 1023]: k + 1023 into the exponent field.
GS_I __m256d v_pow2_f64_avx2(__m256d k) {
    __m256i bits = _mm256_castpd_si256(_mm256_add_pd(k, _mm256_set1_pd(0x1.8p52)));  // low bits: k
    return _mm256_castsi256_pd(_mm256_slli_epi64(_mm256_add_epi64(bits, _mm256_set1_epi64x(1023)), 52));
}
/// 2^k for integer-valued k in [−126, 127].
GS_I __m256 v_pow2_f32_avx2(__m256 k) {
    __m256i bits = _mm256_castps_si256(_mm256_add_ps(k, _mm256_set1_ps(0x1.8p23f)));
    return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(bits, _mm256_set1_epi32(127)), 23));
}
GS_AVX2_SCALEF_RECIP_OPS(__m256d, f64_avx2, pd, 0.5)
GS_AVX2_SCALEF_RECIP_OPS(__m256, f32_avx2, ps, 0.5f)
#undef GS_I
