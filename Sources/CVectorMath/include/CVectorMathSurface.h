#ifndef CVECTORMATH_SURFACE_H
#define CVECTORMATH_SURFACE_H
#include <stddef.h>

/// Activation codes of the surface kernel (a subset of the chain kernels' codes, same values).
enum {
    GS_SURFACE_TANH = 2,
    GS_SURFACE_SIGMOID = 3,
};

/// Loss codes of the surface kernel.
enum {
    GS_SURFACE_LOSS_STATE = 0,   ///< L = (x_T − target)²
    GS_SURFACE_LOSS_OUTPUT = 1,  ///< L = (φ(x_T) − target)²
};

/// The single-unit recurrent model `x_t = w·φ(x_{t−1}) + b`, t = 1…steps.
typedef struct {
    int act;
    int loss;
    int steps;
    double x0;
    double target;
} SurfaceModelC;

/// Evaluates the loss and its exact gradient at `rows × columns` points (w = ws[c], b = bs[r]),
/// storing `loss[r·columns + c]`, `dloss_dw[…]`, `dloss_db[…]`. Forward mode, every lane one (w, b):
///
///     a_t = φ(x_{t−1}),  s_t = φ'(x_{t−1}),  k_t = w·s_t
///     dx_t/dw = a_t + k_t·dx_{t−1}/dw,   dx_t/db = 1 + k_t·dx_{t−1}/db,   x_t = w·a_t + b
///     state:  L = r², dL/dθ = 2r·dx_T/dθ,  r = x_T − target
///     output: L = r², dL/dθ = (2r·φ'(x_T))·dx_T/dθ,  r = φ(x_T) − target
///
/// with e = exp(−|x|) (sigmoid) or exp(−2|x|) (tanh): σ = 1/(1+e) or e/(1+e), σ' = e/(1+e)²;
/// tanh = ±(1−e)/(1+e) for |x| ≥ 0.1 (its Taylor series below, evaluated only for blocks
/// that hold such an x), tanh' = 4e/(1+e)².
/// Nothing but the series is contracted into FMAs. NaN and ±Inf propagate. `isa` < 0 picks the CPU's
/// best (3 AVX-512, 2 AVX2, 0 scalar libm). Returns 0, or −1 for an unknown act/loss code.
int gs_surface_f64(const SurfaceModelC *model, const double *ws, size_t columns, const double *bs, size_t rows,
                   double *loss, double *dloss_dw, double *dloss_db, int isa);
/// The Float version of `gs_surface_f64`: every operation rounded to Float (x0, target rounded first).
int gs_surface_f32(const SurfaceModelC *model, const float *ws, size_t columns, const float *bs, size_t rows,
                   float *loss, float *dloss_dw, float *dloss_db, int isa);

#endif
