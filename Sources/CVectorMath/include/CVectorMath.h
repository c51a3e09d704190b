#ifndef CVECTORMATH_H
#define CVECTORMATH_H
#include <stddef.h>
#include "CVectorMathSurface.h"
#include "CVectorMathBLAS.h"
#include "CVectorMathTensorStats.h"

/// Which vector ISA the kernels dispatch to at run time: 0 scalar, 2 AVX2, 3 AVX-512.
int gs_vector_isa(void);

/// The number of CPUs this process may run on (its affinity mask, as `taskset` sets it).
int gs_available_cpus(void);

/// Activation codes understood by the chain kernels.
enum {
    GS_ACT_LINEAR = 0,
    GS_ACT_RELU = 1,
    GS_ACT_TANH = 2,
    GS_ACT_SIGMOID = 3,
};

/// Return codes of the chain kernels.
enum {
    GS_OK = 0,
    GS_ERR_UNSUPPORTED = -1,  ///< an activation code the kernels do not know: use the generic path
    GS_ERR_ARGUMENT = -2,     ///< negative depth, or a row stride shorter than n
};

/// One layer of a single-unit chain, `y_l = act(w·y_{l−1} + b)`.
/// The Float kernel rounds w and b to Float first.
typedef struct {
    int act;
    double w;
    double b;
} ChainLayerC;

/// Runs n inputs x through every layer of a single-unit chain and stores, for
/// each depth l = 1…depth, `y[(l−1)·row_stride + i]` = y_l(x[i]) and
/// `dydx[(l−1)·row_stride + i]` = dy_l/dx at x[i], computed as
///
///     a   = w·y_{l−1} + b                 (two roundings, never fused)
///     y_l = act(a)
///     d_l = (d_{l−1} · w) · act'(a),      d_0 = 1
///
/// with act' in forms that keep relative accuracy in saturation:
/// tanh' = 4e/(1+e)², e = exp(−2|a|); σ' = e/(1+e)², e = exp(−|a|); relu'(a) = [a > 0].
/// NaN and ±Inf propagate as IEEE arithmetic does. `isa` < 0 picks the best ISA
/// of this CPU; 0, 2, 3 force scalar, AVX2, AVX-512 (lowered to what the CPU has).
/// Returns GS_OK, or GS_ERR_UNSUPPORTED / GS_ERR_ARGUMENT before writing anything.
int gs_chain_sweep_f64(const ChainLayerC *layers, int depth, const double *x, size_t n,
                       double *y, double *dydx, size_t row_stride, int isa);
/// The Float version of `gs_chain_sweep_f64`: every operation rounded to Float.
int gs_chain_sweep_f32(const ChainLayerC *layers, int depth, const float *x, size_t n,
                       float *y, float *dydx, size_t row_stride, int isa);

/// y[i] = e^x[i] for n values with the kernels' own vector exp (`isa` as above; the scalar
/// ISA uses libm). Returns the ISA used. For tests: the sweeps inline the same code.
int gs_vexp_f64(const double *x, double *y, size_t n, int isa);
/// The Float version of `gs_vexp_f64`, computed in Float.
int gs_vexp_f32(const float *x, float *y, size_t n, int isa);

#endif
