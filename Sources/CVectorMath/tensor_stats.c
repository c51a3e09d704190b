// Statistics of a checkpoint's tensors (W4): exact counts of NaN, ±Inf, zeros and of the values that
// overflow, flush to zero or turn subnormal in float16, bfloat16, float8_e4m3fn and float8_e5m2, max and
// min non-zero |x|, and float64 sums, over raw little-endian tensor data at any alignment.
//
// F32, F16 and BF16 are widened to float (exactly) and classified 16 (AVX-512) or 8 (AVX2) at a time by
// comparisons against the formats' limits, which are all exact in float; the counts go to int32 lanes
// (flushed to the 64-bit totals at least every 2^28 vectors), the sums to float64 lanes. F8 codes are
// counted in a 256-bin histogram and the statistics read off the decoded table. F64 runs the scalar loop.
// The ISA is chosen at run time, like the chain kernels.
#pragma STDC FP_CONTRACT OFF

#include <dlfcn.h>
#include <pthread.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "CVectorMath.h"

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define GS_TS_X86 1
#include <immintrin.h>
#else
#define GS_TS_X86 0
#endif

// (max finite, min normal, min subnormal / 2) of float16, bfloat16, float8_e4m3fn, float8_e5m2.
static const double gs_ts_max[GS_TS_FORMATS] = {65504.0, 0x1.fep127, 448.0, 57344.0};
static const double gs_ts_min_normal[GS_TS_FORMATS] = {0x1p-14, 0x1p-126, 0x1p-6, 0x1p-14};
static const double gs_ts_half_sub[GS_TS_FORMATS] = {0x1p-25, 0x1p-134, 0x1p-10, 0x1p-17};

void gs_tensor_stats_init(GSTensorStats *s) {
    memset(s, 0, sizeof *s);
    s->absmin_nonzero = INFINITY;
}

void gs_tensor_stats_merge(GSTensorStats *into, const GSTensorStats *from) {
    into->n += from->n;
    into->nan += from->nan;
    into->pos_inf += from->pos_inf;
    into->neg_inf += from->neg_inf;
    into->zeros += from->zeros;
    if (from->absmax > into->absmax) into->absmax = from->absmax;
    if (from->absmin_nonzero < into->absmin_nonzero) into->absmin_nonzero = from->absmin_nonzero;
    into->sum += from->sum;
    into->sumsq += from->sumsq;
    for (int f = 0; f < GS_TS_FORMATS; f++) {
        into->over[f] += from->over[f];
        into->flush[f] += from->flush[f];
        into->subnormal[f] += from->subnormal[f];
    }
}

// ---- scalar: one value at a time (F64, tails, the reference for the vector paths) ----

/// Adds `k` copies of the value x (exact in double) to the statistics.
static inline void gs_ts_add(GSTensorStats *s, double x, uint64_t k) {
    s->n += k;
    if (x != x) { s->nan += k; return; }
    double a = fabs(x);
    if (a == INFINITY) {
        if (x > 0) s->pos_inf += k; else s->neg_inf += k;
        return;
    }
    if (a == 0) { s->zeros += k; return; }
    if (a > s->absmax) s->absmax = a;
    if (a < s->absmin_nonzero) s->absmin_nonzero = a;
    s->sum += x * (double)k;
    s->sumsq += (x * x) * (double)k;
    for (int f = 0; f < GS_TS_FORMATS; f++) {
        if (a > gs_ts_max[f]) s->over[f] += k;
        else if (a <= gs_ts_half_sub[f]) s->flush[f] += k;
        else if (a < gs_ts_min_normal[f]) s->subnormal[f] += k;
    }
}

static inline float gs_bf16_to_float(uint16_t h) {
    uint32_t u = (uint32_t)h << 16;
    float f;
    memcpy(&f, &u, 4);
    return f;
}

static inline float gs_f16_to_float(uint16_t h) {
    uint32_t sign = (uint32_t)(h & 0x8000) << 16, exp = (h >> 10) & 0x1F, man = h & 0x3FF, u;
    if (exp == 0x1F) {
        u = sign | 0x7F800000 | (man << 13);
    } else if (exp == 0) {
        float f = (float)man * 0x1p-24f;  // exact: man < 2^10
        return sign ? -f : f;
    } else {
        u = sign | ((exp + 112) << 23) | (man << 13);
    }
    float f;
    memcpy(&f, &u, 4);
    return f;
}

static void gs_ts_scalar(GSTensorStats *s, const uint8_t *p, size_t count, int dtype) {
    switch (dtype) {
    case GS_TS_F64:
        for (size_t i = 0; i < count; i++) { double x; memcpy(&x, p + 8 * i, 8); gs_ts_add(s, x, 1); }
        break;
    case GS_TS_F32:
        for (size_t i = 0; i < count; i++) { float x; memcpy(&x, p + 4 * i, 4); gs_ts_add(s, x, 1); }
        break;
    case GS_TS_F16:
        for (size_t i = 0; i < count; i++) { uint16_t h; memcpy(&h, p + 2 * i, 2); gs_ts_add(s, gs_f16_to_float(h), 1); }
        break;
    case GS_TS_BF16:
        for (size_t i = 0; i < count; i++) { uint16_t h; memcpy(&h, p + 2 * i, 2); gs_ts_add(s, gs_bf16_to_float(h), 1); }
        break;
    }
}

// ---- FP8: a histogram of the codes ----

int gs_f8_decode_table(int dtype, double *values) {
    int mbits, bias;
    if (dtype == GS_TS_F8_E4M3FN) { mbits = 3; bias = 7; }
    else if (dtype == GS_TS_F8_E5M2) { mbits = 2; bias = 15; }
    else return -1;
    int ebits = 7 - mbits;
    for (int c = 0; c < 256; c++) {
        int sign = c >> 7, e = (c >> mbits) & ((1 << ebits) - 1), m = c & ((1 << mbits) - 1);
        double v;
        if (dtype == GS_TS_F8_E4M3FN && e == 15 && m == 7) v = NAN;           // e4m3fn: only S.1111.111 is NaN
        else if (dtype == GS_TS_F8_E5M2 && e == 31) v = m == 0 ? INFINITY : NAN;  // e5m2: IEEE-style
        else if (e == 0) v = ldexp((double)m, 1 - bias - mbits);                // subnormal: 0.m · 2^(1−bias)
        else v = ldexp((double)(m + (1 << mbits)), e - bias - mbits);           // normal: 1.m · 2^(e−bias)
        values[c] = sign ? -v : v;
    }
    return 0;
}

static void gs_ts_f8(GSTensorStats *s, const uint8_t *p, size_t count, int dtype) {
    uint64_t hist[4][256];
    memset(hist, 0, sizeof hist);
    size_t i = 0;
    for (; i + 4 <= count; i += 4) {
        hist[0][p[i]]++;
        hist[1][p[i + 1]]++;
        hist[2][p[i + 2]]++;
        hist[3][p[i + 3]]++;
    }
    for (; i < count; i++) hist[0][p[i]]++;
    double values[256];
    gs_f8_decode_table(dtype, values);
    for (int c = 0; c < 256; c++) {
        uint64_t k = hist[0][c] + hist[1][c] + hist[2][c] + hist[3][c];
        if (k) gs_ts_add(s, values[c], k);
    }
}

// ---- vector paths for float-widened data ----

// Count slots of the vector accumulators.
enum {
    C_NAN, C_POSINF, C_FINITE, C_ZERO,
    C_GT_MAX0, C_GT_MAX1, C_GT_MAX2, C_GT_MAX3,
    C_LE_HS0, C_LE_HS1, C_LE_HS2, C_LE_HS3,
    C_LT_MN0, C_LT_MN1, C_LT_MN2,  // float16 and float8_e5m2 share 2^-14
    C_SLOTS
};
static const int gs_ts_min_normal_slot[GS_TS_FORMATS] = {C_LT_MN0, C_LT_MN1, C_LT_MN2, C_LT_MN0};

/// Turns the vector counts of `lanes` elements into the statistics' counts (see the slots above):
/// over = #(|x| > max) − #Inf; flush = #(|x| ≤ hs) − #0; subnormal = #(|x| < mn) − #(|x| ≤ hs).
static void gs_ts_fold_counts(GSTensorStats *s, const uint64_t c[C_SLOTS], uint64_t lanes) {
    uint64_t inf = lanes - c[C_FINITE] - c[C_NAN];
    s->n += lanes;
    s->nan += c[C_NAN];
    s->pos_inf += c[C_POSINF];
    s->neg_inf += inf - c[C_POSINF];
    s->zeros += c[C_ZERO];
    for (int f = 0; f < GS_TS_FORMATS; f++) {
        s->over[f] += c[C_GT_MAX0 + f] - inf;
        s->flush[f] += c[C_LE_HS0 + f] - c[C_ZERO];
        s->subnormal[f] += c[gs_ts_min_normal_slot[f]] - c[C_LE_HS0 + f];
    }
}

static void gs_ts_fold_extremes(GSTensorStats *s, uint32_t maxbits, uint32_t minbits, double sum, double sumsq) {
    float mx, mn;
    memcpy(&mx, &maxbits, 4);
    memcpy(&mn, &minbits, 4);
    if (mx > s->absmax) s->absmax = mx;
    if (mn < s->absmin_nonzero) s->absmin_nonzero = mn;  // +Inf (0x7F800000) when none
    s->sum += sum;
    s->sumsq += sumsq;
}

#if GS_TS_X86
#define GS_T512 __attribute__((target("avx512f,avx512bw,avx512vl,avx512dq,f16c,fma")))
#define GS_T256 __attribute__((target("avx2,f16c,fma")))
#define GS_TS_BLOCK ((size_t)1 << 28)  // elements per int32 flush, far below 2^31 per lane

GS_T512 static inline __m512 gs_load16_avx512(const uint8_t *p, int dtype) {
    if (dtype == GS_TS_F32) return _mm512_loadu_ps((const float *)p);
    __m256i h = _mm256_loadu_si256((const __m256i *)p);
    if (dtype == GS_TS_F16) return _mm512_cvtph_ps(h);
    return _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_cvtepu16_epi32(h), 16));
}

#define GS_TS_KERNEL gs_ts_avx512
#define GS_TS_TARGET GS_T512
#define GS_TS_LANES 16
#define V __m512
#define VI __m512i
#define VD __m512d
#define M __mmask16
#define GS_TS_SET1(f) _mm512_set1_ps(f)
#define GS_TS_ZERO() _mm512_setzero_ps()
#define GS_TS_SET1_I(k) _mm512_set1_epi32(k)
#define GS_TS_ZERO_I() _mm512_setzero_si512()
#define GS_TS_ZERO_D() _mm512_setzero_pd()
#define GS_TS_ADD_D(a, b) _mm512_add_pd(a, b)
#define GS_TS_MUL_D(a, b) _mm512_mul_pd(a, b)
#define GS_TS_CONSTANTS const __m512i absmask = _mm512_set1_epi32(0x7FFFFFFF), one = _mm512_set1_epi32(1);
#define GS_TS_LOAD(q, dtype) gs_load16_avx512(q, dtype)
#define GS_TS_ABS(x, a, ai)                                           \
    __m512i ai = _mm512_and_si512(_mm512_castps_si512(x), absmask); \
    __m512 a = _mm512_castsi512_ps(ai);
#define GS_TS_CMP(a, b, p) _mm512_cmp_ps_mask(a, b, p)
#define GS_TS_AND_CMP(m, a, b, p) _mm512_mask_cmp_ps_mask(m, a, b, p)
#define GS_COUNT(slot, m) c[slot] = _mm512_mask_add_epi32(c[slot], (m), c[slot], one)
#define GS_TS_EXTREMES(fin, nz)                          \
    amax = _mm512_mask_max_epu32(amax, fin, amax, ai); \
    amin = _mm512_mask_min_epu32(amin, nz, amin, ai);
#define GS_TS_WIDEN(x, fin, lo, hi)                                                                        \
    __m512 xf = _mm512_maskz_mov_ps(fin, x);                                                              \
    __m512d lo = _mm512_cvtps_pd(_mm512_castps512_ps256(xf));                                             \
    __m512d hi = _mm512_cvtps_pd(_mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(xf), 1)));
#define GS_TS_FOLD(block)                                                                                    \
    uint64_t counts[C_SLOTS];                                                                               \
    for (int k = 0; k < C_SLOTS; k++) counts[k] = (uint64_t)_mm512_reduce_add_epi64(                        \
        _mm512_add_epi64(_mm512_cvtepu32_epi64(_mm512_castsi512_si256(c[k])),                               \
                         _mm512_cvtepu32_epi64(_mm512_extracti64x4_epi64(c[k], 1))));                       \
    gs_ts_fold_counts(s, counts, block * 16);                                                               \
    gs_ts_fold_extremes(s, _mm512_reduce_max_epu32(amax), _mm512_reduce_min_epu32(amin),                    \
                        _mm512_reduce_add_pd(_mm512_add_pd(s0, s1)), _mm512_reduce_add_pd(_mm512_add_pd(q0, q1)));
#include "tensor_stats_impl.h"

GS_T256 static inline __m256 gs_load8_avx2(const uint8_t *p, int dtype) {
    if (dtype == GS_TS_F32) return _mm256_loadu_ps((const float *)p);
    __m128i h = _mm_loadu_si128((const __m128i *)p);
    if (dtype == GS_TS_F16) return _mm256_cvtph_ps(h);
    return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_cvtepu16_epi32(h), 16));
}

GS_T256 static inline uint64_t gs_hsum_epi32_avx2(__m256i v) {
    uint32_t lanes[8];
    _mm256_storeu_si256((__m256i *)lanes, v);
    uint64_t t = 0;
    for (int k = 0; k < 8; k++) t += lanes[k];
    return t;
}

GS_T256 static inline double gs_hsum_pd_avx2(__m256d v) {
    double lanes[4];
    _mm256_storeu_pd(lanes, v);
    return (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
}

// AVX2: comparisons give all-ones lanes, which are subtracted (−(−1) = +1) from the counts.
#define GS_TS_KERNEL gs_ts_avx2
#define GS_TS_TARGET GS_T256
#define GS_TS_LANES 8
#define V __m256
#define VI __m256i
#define VD __m256d
#define M __m256
#define GS_TS_SET1(f) _mm256_set1_ps(f)
#define GS_TS_ZERO() _mm256_setzero_ps()
#define GS_TS_SET1_I(k) _mm256_set1_epi32(k)
#define GS_TS_ZERO_I() _mm256_setzero_si256()
#define GS_TS_ZERO_D() _mm256_setzero_pd()
#define GS_TS_ADD_D(a, b) _mm256_add_pd(a, b)
#define GS_TS_MUL_D(a, b) _mm256_mul_pd(a, b)
#define GS_TS_CONSTANTS const __m256 absmask = _mm256_castsi256_ps(_mm256_set1_epi32(0x7FFFFFFF));
#define GS_TS_LOAD(q, dtype) gs_load8_avx2(q, dtype)
#define GS_TS_ABS(x, a, ai)                   \
    __m256 a = _mm256_and_ps(x, absmask); \
    __m256i ai = _mm256_castps_si256(a);
#define GS_TS_CMP(a, b, p) _mm256_cmp_ps(a, b, p)
#define GS_TS_AND_CMP(m, a, b, p) _mm256_and_ps(m, _mm256_cmp_ps(a, b, p))
#define GS_COUNT(slot, m) c[slot] = _mm256_sub_epi32(c[slot], _mm256_castps_si256(m))
#define GS_TS_EXTREMES(fin, nz)                                                               \
    amax = _mm256_max_epu32(amax, _mm256_and_si256(ai, _mm256_castps_si256(fin)));          \
    amin = _mm256_min_epu32(amin, _mm256_castps_si256(_mm256_blendv_ps(_mm256_castsi256_ps(amin), a, nz)));
#define GS_TS_WIDEN(x, fin, lo, hi)                               \
    __m256 xf = _mm256_and_ps(x, fin);                           \
    __m256d lo = _mm256_cvtps_pd(_mm256_castps256_ps128(xf));    \
    __m256d hi = _mm256_cvtps_pd(_mm256_extractf128_ps(xf, 1));
#define GS_TS_FOLD(block)                                                                                     \
    uint64_t counts[C_SLOTS];                                                                                \
    for (int k = 0; k < C_SLOTS; k++) counts[k] = gs_hsum_epi32_avx2(c[k]);                                  \
    gs_ts_fold_counts(s, counts, block * 8);                                                                 \
    uint32_t mxl[8], mnl[8], mxb = 0, mnb = 0x7F800000;                                                      \
    _mm256_storeu_si256((__m256i *)mxl, amax);                                                               \
    _mm256_storeu_si256((__m256i *)mnl, amin);                                                               \
    for (int k = 0; k < 8; k++) { if (mxl[k] > mxb) mxb = mxl[k]; if (mnl[k] < mnb) mnb = mnl[k]; }          \
    gs_ts_fold_extremes(s, mxb, mnb, gs_hsum_pd_avx2(_mm256_add_pd(s0, s1)), gs_hsum_pd_avx2(_mm256_add_pd(q0, q1)));
#include "tensor_stats_impl.h"
#endif

int gs_tensor_stats_accumulate(GSTensorStats *s, const void *data, size_t count, int dtype, int isa) {
    const uint8_t *p = data;
    if (dtype == GS_TS_F8_E4M3FN || dtype == GS_TS_F8_E5M2) { gs_ts_f8(s, p, count, dtype); return 0; }
    if (dtype < GS_TS_F64 || dtype > GS_TS_BF16) return -1;
    int best = GS_TS_X86 ? gs_vector_isa() : 0;
    if (isa < 0 || isa > best) isa = best;
    size_t done = 0;
#if GS_TS_X86
    if (dtype != GS_TS_F64) {
        size_t width = dtype == GS_TS_F32 ? 4 : 2;
        if (isa >= 3) done = gs_ts_avx512(s, p, count, dtype);
        else if (isa >= 2) done = gs_ts_avx2(s, p, count, dtype);
        p += done * width;
    } else {
        isa = 0;
    }
#else
    isa = 0;
#endif
    gs_ts_scalar(s, p, count - done, dtype);
    return isa;
}

// ---- raw deflate through zlib loaded at run time ----

// zlib's z_stream (zlib.h, stable since 1.0) for LP64, declared here so that building needs no zlib headers.
typedef struct {
    const uint8_t *next_in;
    unsigned avail_in;
    unsigned long total_in;
    uint8_t *next_out;
    unsigned avail_out;
    unsigned long total_out;
    const char *msg;
    void *state;
    void *zalloc, *zfree, *opaque;
    int data_type;
    unsigned long adler, reserved;
} gs_z_stream;

struct GSInflate {
    gs_z_stream z;
    int (*inflate)(gs_z_stream *, int);
    int (*inflate_end)(gs_z_stream *);
};

GSInflate *gs_inflate_open(void) {
    static void *lib;
    if (!lib) lib = dlopen("libz.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!lib) lib = dlopen("libz.so", RTLD_NOW | RTLD_LOCAL);
    if (!lib) return NULL;
    int (*init)(gs_z_stream *, int, const char *, int) = (int (*)(gs_z_stream *, int, const char *, int))dlsym(lib, "inflateInit2_");
    const char *(*version)(void) = (const char *(*)(void))dlsym(lib, "zlibVersion");
    GSInflate *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->inflate = (int (*)(gs_z_stream *, int))dlsym(lib, "inflate");
    s->inflate_end = (int (*)(gs_z_stream *))dlsym(lib, "inflateEnd");
    if (!init || !version || !s->inflate || !s->inflate_end || init(&s->z, -15, version(), (int)sizeof s->z) != 0) {
        free(s);
        return NULL;
    }
    return s;
}

int gs_inflate_step(GSInflate *s, const uint8_t *input, size_t input_length, uint8_t *output, size_t output_length,
                    size_t *consumed, size_t *produced) {
    unsigned in = input_length > 0x40000000u ? 0x40000000u : (unsigned)input_length;
    unsigned out = output_length > 0x40000000u ? 0x40000000u : (unsigned)output_length;
    s->z.next_in = input;
    s->z.avail_in = in;
    s->z.next_out = output;
    s->z.avail_out = out;
    int r = s->inflate(&s->z, 0);  // Z_NO_FLUSH
    *consumed = in - s->z.avail_in;
    *produced = out - s->z.avail_out;
    if (r == 1) return 1;                // Z_STREAM_END
    if (r == 0 || r == -5) return 0;     // Z_OK, Z_BUF_ERROR (needs more input or room)
    return -1;
}

const char *gs_inflate_error(GSInflate *s) { return s->z.msg ? s->z.msg : "corrupt deflate data"; }

void gs_inflate_close(GSInflate *s) {
    if (!s) return;
    s->inflate_end(&s->z);
    free(s);
}

// ---- CRC-32 (ZIP), slicing by 8 ----

static uint32_t gs_crc_table[8][256];
static pthread_once_t gs_crc_once = PTHREAD_ONCE_INIT;

static void gs_crc_build(void) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        gs_crc_table[0][i] = c;
    }
    for (uint32_t i = 0; i < 256; i++)
        for (int t = 1; t < 8; t++) gs_crc_table[t][i] = (gs_crc_table[t - 1][i] >> 8) ^ gs_crc_table[0][gs_crc_table[t - 1][i] & 0xFF];
}

uint32_t gs_crc32(uint32_t crc, const void *data, size_t length) {
    pthread_once(&gs_crc_once, gs_crc_build);
    const uint8_t *p = data;
    uint32_t c = ~crc;
    while (length >= 8) {
        uint32_t lo, hi;
        memcpy(&lo, p, 4);
        memcpy(&hi, p + 4, 4);
        lo ^= c;  // little-endian hosts (x86-64, AArch64 Linux)
        c = gs_crc_table[7][lo & 0xFF] ^ gs_crc_table[6][(lo >> 8) & 0xFF] ^ gs_crc_table[5][(lo >> 16) & 0xFF] ^ gs_crc_table[4][lo >> 24]
          ^ gs_crc_table[3][hi & 0xFF] ^ gs_crc_table[2][(hi >> 8) & 0xFF] ^ gs_crc_table[1][(hi >> 16) & 0xFF] ^ gs_crc_table[0][hi >> 24];
        p += 8;
        length -= 8;
    }
    while (length--) c = gs_crc_table[0][(c ^ *p++) & 0xFF] ^ (c >> 8);
    return ~c;
}

// ---- the read limit: touch every byte as cheaply as possible ----

uint64_t gs_bytes_sum(const void *data, size_t length) {
    const uint8_t *p = data;
    uint64_t lanes[8] = {0};
    size_t i = 0;
    for (; i + 64 <= length; i += 64) {
        for (int k = 0; k < 8; k++) { uint64_t w; memcpy(&w, p + i + 8 * k, 8); lanes[k] += w; }
    }
    uint64_t sum = 0;
    for (int k = 0; k < 8; k++) sum += lanes[k];
    for (; i < length; i++) sum += p[i];
    return sum;
}

// ---- matrix-vector products for the spectral norm (a GEMM with one column packs the whole matrix) ----

#if GS_TS_X86
__attribute__((target("avx2,fma"))) static void gs_dgemv_avx2(int transposed, size_t m, size_t n, const double *a,
                                                              const double *x, double *y) {
    if (!transposed) {
        for (size_t i = 0; i < m; i++) {
            const double *row = a + i * n;
            __m256d s0 = _mm256_setzero_pd(), s1 = s0, s2 = s0, s3 = s0;
            size_t j = 0;
            for (; j + 16 <= n; j += 16) {
                s0 = _mm256_fmadd_pd(_mm256_loadu_pd(row + j), _mm256_loadu_pd(x + j), s0);
                s1 = _mm256_fmadd_pd(_mm256_loadu_pd(row + j + 4), _mm256_loadu_pd(x + j + 4), s1);
                s2 = _mm256_fmadd_pd(_mm256_loadu_pd(row + j + 8), _mm256_loadu_pd(x + j + 8), s2);
                s3 = _mm256_fmadd_pd(_mm256_loadu_pd(row + j + 12), _mm256_loadu_pd(x + j + 12), s3);
            }
            double lanes[4];
            _mm256_storeu_pd(lanes, _mm256_add_pd(_mm256_add_pd(s0, s1), _mm256_add_pd(s2, s3)));
            double s = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
            for (; j < n; j++) s += row[j] * x[j];
            y[i] = s;
        }
    } else {
        for (size_t j = 0; j < n; j++) y[j] = 0;
        for (size_t i = 0; i < m; i++) {
            const double *row = a + i * n;
            __m256d xi = _mm256_set1_pd(x[i]);
            size_t j = 0;
            for (; j + 4 <= n; j += 4) _mm256_storeu_pd(y + j, _mm256_fmadd_pd(_mm256_loadu_pd(row + j), xi, _mm256_loadu_pd(y + j)));
            for (; j < n; j++) y[j] += row[j] * x[i];
        }
    }
}
#endif

void gs_dgemv(int transposed, size_t m, size_t n, const double *a, const double *x, double *y) {
#if GS_TS_X86
    if (gs_vector_isa() >= 2) { gs_dgemv_avx2(transposed, m, n, a, x, y); return; }
#endif
    if (!transposed) {
        for (size_t i = 0; i < m; i++) { double s = 0; for (size_t j = 0; j < n; j++) s += a[i * n + j] * x[j]; y[i] = s; }
    } else {
        for (size_t j = 0; j < n; j++) y[j] = 0;
        for (size_t i = 0; i < m; i++) for (size_t j = 0; j < n; j++) y[j] += a[i * n + j] * x[i];
    }
}
