#ifndef CVECTORMATH_TENSOR_STATS_H
#define CVECTORMATH_TENSOR_STATS_H
#include <stddef.h>
#include <stdint.h>

/// Element types the statistics kernels read (little-endian, any alignment).
enum {
    GS_TS_F64 = 0,
    GS_TS_F32 = 1,
    GS_TS_F16 = 2,
    GS_TS_BF16 = 3,
    GS_TS_F8_E4M3FN = 4,
    GS_TS_F8_E5M2 = 5,
};

/// Target formats, in this order in `over`, `flush` and `subnormal`:
/// float16, bfloat16, float8_e4m3fn, float8_e5m2.
#define GS_TS_FORMATS 4

/// Running statistics of a tensor's elements x (the W4 definition):
///   n, nan, pos_inf, neg_inf, zeros (x == 0, either sign);
///   absmax = max |x| over finite x (0 if none); absmin_nonzero = min |x| over finite x != 0 (+Inf if none);
///   sum, sumsq = Σx, Σx² over finite x, accumulated in float64;
///   per format F with (max, min normal, min subnormal):
///     over[F] = |x| > max (finite x), flush[F] = 0 < |x| ≤ min_sub/2, subnormal[F] = min_sub/2 < |x| < min_normal.
typedef struct {
    uint64_t n, nan, pos_inf, neg_inf, zeros;
    double absmax, absmin_nonzero;
    double sum, sumsq;
    uint64_t over[GS_TS_FORMATS], flush[GS_TS_FORMATS], subnormal[GS_TS_FORMATS];
} GSTensorStats;

/// Empty statistics: every count 0, absmax 0, absmin_nonzero +Inf, sums 0.
void gs_tensor_stats_init(GSTensorStats *stats);

/// Adds `from` into `into` (counts and sums added, absmax/absmin combined).
void gs_tensor_stats_merge(GSTensorStats *into, const GSTensorStats *from);

/// Accumulates `count` elements of type `dtype` (GS_TS_*) starting at `data` (any alignment) into `stats`.
/// `isa` < 0 picks the best ISA of this CPU; 0, 2, 3 force scalar, AVX2, AVX-512 (lowered to what the CPU has).
/// Counts are exact; the sums' order depends on the ISA (float64 lanes), so they agree to rounding.
/// Returns the ISA used, or -1 for an unknown dtype (nothing accumulated).
int gs_tensor_stats_accumulate(GSTensorStats *stats, const void *data, size_t count, int dtype, int isa);

/// The value of every 8-bit code of an FP8 format (GS_TS_F8_E4M3FN or GS_TS_F8_E5M2), decoded from the
/// OCP 8-bit floating point specification (OFP8, 2023): e4m3fn has bias 7, no infinities, NaN = S.1111.111,
/// max 448; e5m2 has bias 15, IEEE-style infinities and NaNs, max 57344. Writes 256 doubles; returns 0 or -1.
int gs_f8_decode_table(int dtype, double *values256);

/// The wrapping sum of the 8-byte words (and trailing bytes) of `data`: a vectorised read of every byte,
/// the memory-read bandwidth the scan is measured against.
uint64_t gs_bytes_sum(const void *data, size_t length);

/// y = A x (transposed = 0, y has m entries) or Aᵀ x (transposed = 1, y has n entries) for the row-major
/// m × n matrix A, in float64 (AVX2 + FMA when the CPU has it): the spectral norm's products.
void gs_dgemv(int transposed, size_t m, size_t n, const double *a, const double *x, double *y);

/// Raw deflate (RFC 1951) decompression through zlib, loaded at run time (libz.so.1), so that building
/// needs no zlib headers. A stream object; `gs_inflate_open` returns NULL when zlib is not on the machine.
typedef struct GSInflate GSInflate;
GSInflate *gs_inflate_open(void);
/// Feeds input and fills output: sets *consumed and *produced. Returns 0 while more may come,
/// 1 at the end of the deflate stream, -1 for corrupt data (the message in gs_inflate_error).
int gs_inflate_step(GSInflate *stream, const uint8_t *input, size_t input_length, uint8_t *output,
                    size_t output_length, size_t *consumed, size_t *produced);
const char *gs_inflate_error(GSInflate *stream);
void gs_inflate_close(GSInflate *stream);

/// The CRC-32 of ZIP and zlib (reflected polynomial 0xEDB88320), continued from `crc` (0 to start):
/// gs_crc32(0, "123456789", 9) == 0xCBF43926. Slicing by 8, about 1–2 GB/s.
uint32_t gs_crc32(uint32_t crc, const void *data, size_t length);

#endif
