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

// ---------------------------------------------------------------- AVX-512, double
#define GS_I GS_VINLINE(GS_AVX512)
typedef __m512d v_f64_avx512;
GS_I __m512d v_set1_f64_avx512(double a) { return _mm512_set1_pd(a); }
GS_I __m512d v_load_f64_avx512(const double *p) { return _mm512_load_pd(p); }
GS_I __m512d v_loadu_f64_avx512(const double *p) { return _mm512_loadu_pd(p); }
GS_I void v_store_f64_avx512(double *p, __m512d a) { _mm512_store_pd(p, a); }
GS_I void v_storeu_f64_avx512(double *p, __m512d a) { _mm512_storeu_pd(p, a); }
/// Non-temporal store to a vector-aligned address.
GS_I void v_stream_f64_avx512(double *p, __m512d a) { _mm512_stream_pd(p, a); }
GS_I __m512d v_add_f64_avx512(__m512d a, __m512d b) { return _mm512_add_pd(a, b); }
GS_I __m512d v_sub_f64_avx512(__m512d a, __m512d b) { return _mm512_sub_pd(a, b); }
GS_I __m512d v_mul_f64_avx512(__m512d a, __m512d b) { return _mm512_mul_pd(a, b); }
/// a·b + c, c − a·b, a·b − c, each rounded once.
GS_I __m512d v_fma_f64_avx512(__m512d a, __m512d b, __m512d c) { return _mm512_fmadd_pd(a, b, c); }
GS_I __m512d v_fnma_f64_avx512(__m512d a, __m512d b, __m512d c) { return _mm512_fnmadd_pd(a, b, c); }
GS_I __m512d v_fms_f64_avx512(__m512d a, __m512d b, __m512d c) { return _mm512_fmsub_pd(a, b, c); }
/// max(lo, x) that returns x when x is NaN (MAXPD returns its second operand then).
GS_I __m512d v_atleast_f64_avx512(__m512d lo, __m512d x) { return _mm512_max_pd(lo, x); }
GS_I __m512d v_atmost_f64_avx512(__m512d hi, __m512d x) { return _mm512_min_pd(hi, x); }
/// −|a|.
GS_I __m512d v_negabs_f64_avx512(__m512d a) {
    return _mm512_castsi512_pd(_mm512_or_si512(_mm512_castpd_si512(a), _mm512_set1_epi64(INT64_MIN)));
}
/// m ≥ +0 (or a NaN) with the sign of s: or/and run on the FP add pipes of Zen 4, where
/// vpternlog would take an FMA pipe, the bottleneck of the kernels.
GS_I __m512d v_copysign_f64_avx512(__m512d m, __m512d s) {
    __m512i sign = _mm512_and_si512(_mm512_castpd_si512(s), _mm512_set1_epi64(INT64_MIN));
    return _mm512_castsi512_pd(_mm512_or_si512(_mm512_castpd_si512(m), sign));
}
/// x·2^k for integer-valued k, rounded once (overflow to ±Inf, gradual underflow).
GS_I __m512d v_scalef_f64_avx512(__m512d x, __m512d k) { return _mm512_scalef_pd(x, k); }
/// a ≥ 0 ? p : q (q for NaN a).
/// Whether a ≥ b in every lane (false for NaN).
GS_I int v_all_ge_f64_avx512(__m512d a, __m512d b) { return _mm512_cmp_pd_mask(a, b, _CMP_GE_OQ) == 0xFF; }
GS_I __m512d v_select_nonneg_f64_avx512(__m512d a, __m512d p, __m512d q) {
    return _mm512_mask_blend_pd(_mm512_cmp_pd_mask(a, _mm512_setzero_pd(), _CMP_GE_OQ), q, p);
}
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
GS_I __m512 v_set1_f32_avx512(float a) { return _mm512_set1_ps(a); }
GS_I __m512 v_load_f32_avx512(const float *p) { return _mm512_load_ps(p); }
GS_I __m512 v_loadu_f32_avx512(const float *p) { return _mm512_loadu_ps(p); }
GS_I void v_store_f32_avx512(float *p, __m512 a) { _mm512_store_ps(p, a); }
GS_I void v_storeu_f32_avx512(float *p, __m512 a) { _mm512_storeu_ps(p, a); }
GS_I void v_stream_f32_avx512(float *p, __m512 a) { _mm512_stream_ps(p, a); }
GS_I __m512 v_add_f32_avx512(__m512 a, __m512 b) { return _mm512_add_ps(a, b); }
GS_I __m512 v_sub_f32_avx512(__m512 a, __m512 b) { return _mm512_sub_ps(a, b); }
GS_I __m512 v_mul_f32_avx512(__m512 a, __m512 b) { return _mm512_mul_ps(a, b); }
GS_I __m512 v_fma_f32_avx512(__m512 a, __m512 b, __m512 c) { return _mm512_fmadd_ps(a, b, c); }
GS_I __m512 v_fnma_f32_avx512(__m512 a, __m512 b, __m512 c) { return _mm512_fnmadd_ps(a, b, c); }
GS_I __m512 v_fms_f32_avx512(__m512 a, __m512 b, __m512 c) { return _mm512_fmsub_ps(a, b, c); }
GS_I __m512 v_atleast_f32_avx512(__m512 lo, __m512 x) { return _mm512_max_ps(lo, x); }
GS_I __m512 v_atmost_f32_avx512(__m512 hi, __m512 x) { return _mm512_min_ps(hi, x); }
GS_I __m512 v_negabs_f32_avx512(__m512 a) {
    return _mm512_castsi512_ps(_mm512_or_si512(_mm512_castps_si512(a), _mm512_set1_epi32(INT32_MIN)));
}
GS_I __m512 v_copysign_f32_avx512(__m512 m, __m512 s) {
    __m512i sign = _mm512_and_si512(_mm512_castps_si512(s), _mm512_set1_epi32(INT32_MIN));
    return _mm512_castsi512_ps(_mm512_or_si512(_mm512_castps_si512(m), sign));
}
GS_I __m512 v_scalef_f32_avx512(__m512 x, __m512 k) { return _mm512_scalef_ps(x, k); }
GS_I int v_all_ge_f32_avx512(__m512 a, __m512 b) { return _mm512_cmp_ps_mask(a, b, _CMP_GE_OQ) == 0xFFFF; }
GS_I __m512 v_select_nonneg_f32_avx512(__m512 a, __m512 p, __m512 q) {
    return _mm512_mask_blend_ps(_mm512_cmp_ps_mask(a, _mm512_setzero_ps(), _CMP_GE_OQ), q, p);
}
/// 1/(s + t) ≈ r + rl: the 14-bit estimate r and rl = r·(1 − (s + t)·r); the sum is
/// within 2^−28 relative (the neglected r·δ², δ ≤ 2^−14), a sixteenth of a Float ulp.
GS_I void v_recip_f32_avx512(__m512 s, __m512 t, __m512 *r, __m512 *rl) {
    __m512 r0 = _mm512_rcp14_ps(s);
    __m512 delta = _mm512_fnmadd_ps(t, r0, _mm512_fnmadd_ps(s, r0, _mm512_set1_ps(1)));
    *r = r0;
    *rl = _mm512_mul_ps(r0, delta);
}
#undef GS_I

// ---------------------------------------------------------------- AVX2, double
#define GS_I GS_VINLINE(GS_AVX2)
typedef __m256d v_f64_avx2;
GS_I __m256d v_set1_f64_avx2(double a) { return _mm256_set1_pd(a); }
GS_I __m256d v_load_f64_avx2(const double *p) { return _mm256_load_pd(p); }
GS_I __m256d v_loadu_f64_avx2(const double *p) { return _mm256_loadu_pd(p); }
GS_I void v_store_f64_avx2(double *p, __m256d a) { _mm256_store_pd(p, a); }
GS_I void v_storeu_f64_avx2(double *p, __m256d a) { _mm256_storeu_pd(p, a); }
GS_I void v_stream_f64_avx2(double *p, __m256d a) { _mm256_stream_pd(p, a); }
GS_I __m256d v_add_f64_avx2(__m256d a, __m256d b) { return _mm256_add_pd(a, b); }
GS_I __m256d v_sub_f64_avx2(__m256d a, __m256d b) { return _mm256_sub_pd(a, b); }
GS_I __m256d v_mul_f64_avx2(__m256d a, __m256d b) { return _mm256_mul_pd(a, b); }
GS_I __m256d v_fma_f64_avx2(__m256d a, __m256d b, __m256d c) { return _mm256_fmadd_pd(a, b, c); }
GS_I __m256d v_fnma_f64_avx2(__m256d a, __m256d b, __m256d c) { return _mm256_fnmadd_pd(a, b, c); }
GS_I __m256d v_fms_f64_avx2(__m256d a, __m256d b, __m256d c) { return _mm256_fmsub_pd(a, b, c); }
GS_I __m256d v_atleast_f64_avx2(__m256d lo, __m256d x) { return _mm256_max_pd(lo, x); }
GS_I __m256d v_atmost_f64_avx2(__m256d hi, __m256d x) { return _mm256_min_pd(hi, x); }
GS_I __m256d v_negabs_f64_avx2(__m256d a) { return _mm256_or_pd(a, _mm256_set1_pd(-0.0)); }
GS_I __m256d v_copysign_f64_avx2(__m256d m, __m256d s) {
    return _mm256_or_pd(m, _mm256_and_pd(_mm256_set1_pd(-0.0), s));
}
/// 2^k for integer-valued k in [−1022, 1023]: k + 1023 into the exponent field.
GS_I __m256d v_pow2_f64_avx2(__m256d k) {
    __m256i bits = _mm256_castpd_si256(_mm256_add_pd(k, _mm256_set1_pd(0x1.8p52)));  // low bits: k
    return _mm256_castsi256_pd(_mm256_slli_epi64(_mm256_add_epi64(bits, _mm256_set1_epi64x(1023)), 52));
}
/// x·2^k for integer-valued |k| ≤ 2000 as (x·2^⌊k/2⌋)·2^(k−⌊k/2⌋): both factors normal,
/// the first product exact for |x| in [2^−60, 2^60], so the result rounds once, as scalef.
GS_I __m256d v_scalef_f64_avx2(__m256d x, __m256d k) {
    __m256d k1 = _mm256_floor_pd(_mm256_mul_pd(k, _mm256_set1_pd(0.5)));
    return _mm256_mul_pd(_mm256_mul_pd(x, v_pow2_f64_avx2(k1)), v_pow2_f64_avx2(_mm256_sub_pd(k, k1)));
}
GS_I int v_all_ge_f64_avx2(__m256d a, __m256d b) { return _mm256_movemask_pd(_mm256_cmp_pd(a, b, _CMP_GE_OQ)) == 0xF; }
GS_I __m256d v_select_nonneg_f64_avx2(__m256d a, __m256d p, __m256d q) {
    return _mm256_blendv_pd(q, p, _mm256_cmp_pd(a, _mm256_setzero_pd(), _CMP_GE_OQ));
}
/// 1/(s + t) ≈ r + rl with r = 1/s rounded and rl = r·(1 − (s + t)·r).
GS_I void v_recip_f64_avx2(__m256d s, __m256d t, __m256d *r, __m256d *rl) {
    __m256d q = _mm256_div_pd(_mm256_set1_pd(1), s);
    __m256d delta = _mm256_fnmadd_pd(t, q, _mm256_fnmadd_pd(s, q, _mm256_set1_pd(1)));
    *r = q;
    *rl = _mm256_mul_pd(q, delta);
}
#undef GS_I

// ---------------------------------------------------------------- AVX2, float
#define GS_I GS_VINLINE(GS_AVX2)
typedef __m256 v_f32_avx2;
GS_I __m256 v_set1_f32_avx2(float a) { return _mm256_set1_ps(a); }
GS_I __m256 v_load_f32_avx2(const float *p) { return _mm256_load_ps(p); }
GS_I __m256 v_loadu_f32_avx2(const float *p) { return _mm256_loadu_ps(p); }
GS_I void v_store_f32_avx2(float *p, __m256 a) { _mm256_store_ps(p, a); }
GS_I void v_storeu_f32_avx2(float *p, __m256 a) { _mm256_storeu_ps(p, a); }
GS_I void v_stream_f32_avx2(float *p, __m256 a) { _mm256_stream_ps(p, a); }
GS_I __m256 v_add_f32_avx2(__m256 a, __m256 b) { return _mm256_add_ps(a, b); }
GS_I __m256 v_sub_f32_avx2(__m256 a, __m256 b) { return _mm256_sub_ps(a, b); }
GS_I __m256 v_mul_f32_avx2(__m256 a, __m256 b) { return _mm256_mul_ps(a, b); }
GS_I __m256 v_fma_f32_avx2(__m256 a, __m256 b, __m256 c) { return _mm256_fmadd_ps(a, b, c); }
GS_I __m256 v_fnma_f32_avx2(__m256 a, __m256 b, __m256 c) { return _mm256_fnmadd_ps(a, b, c); }
GS_I __m256 v_fms_f32_avx2(__m256 a, __m256 b, __m256 c) { return _mm256_fmsub_ps(a, b, c); }
GS_I __m256 v_atleast_f32_avx2(__m256 lo, __m256 x) { return _mm256_max_ps(lo, x); }
GS_I __m256 v_atmost_f32_avx2(__m256 hi, __m256 x) { return _mm256_min_ps(hi, x); }
GS_I __m256 v_negabs_f32_avx2(__m256 a) { return _mm256_or_ps(a, _mm256_set1_ps(-0.0f)); }
GS_I __m256 v_copysign_f32_avx2(__m256 m, __m256 s) {
    return _mm256_or_ps(m, _mm256_and_ps(_mm256_set1_ps(-0.0f), s));
}
/// 2^k for integer-valued k in [−126, 127].
GS_I __m256 v_pow2_f32_avx2(__m256 k) {
    __m256i bits = _mm256_castps_si256(_mm256_add_ps(k, _mm256_set1_ps(0x1.8p23f)));
    return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(bits, _mm256_set1_epi32(127)), 23));
}
/// x·2^k for integer-valued |k| ≤ 250, rounded once (see the double version).
GS_I __m256 v_scalef_f32_avx2(__m256 x, __m256 k) {
    __m256 k1 = _mm256_floor_ps(_mm256_mul_ps(k, _mm256_set1_ps(0.5f)));
    return _mm256_mul_ps(_mm256_mul_ps(x, v_pow2_f32_avx2(k1)), v_pow2_f32_avx2(_mm256_sub_ps(k, k1)));
}
GS_I int v_all_ge_f32_avx2(__m256 a, __m256 b) { return _mm256_movemask_ps(_mm256_cmp_ps(a, b, _CMP_GE_OQ)) == 0xFF; }
GS_I __m256 v_select_nonneg_f32_avx2(__m256 a, __m256 p, __m256 q) {
    return _mm256_blendv_ps(q, p, _mm256_cmp_ps(a, _mm256_setzero_ps(), _CMP_GE_OQ));
}
GS_I void v_recip_f32_avx2(__m256 s, __m256 t, __m256 *r, __m256 *rl) {
    __m256 q = _mm256_div_ps(_mm256_set1_ps(1), s);
    __m256 delta = _mm256_fnmadd_ps(t, q, _mm256_fnmadd_ps(s, q, _mm256_set1_ps(1)));
    *r = q;
    *rl = _mm256_mul_ps(q, delta);
}
#undef GS_I
