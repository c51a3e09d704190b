#ifndef CVECTORMATH_H
#define CVECTORMATH_H
#include <stddef.h>
#include "CVectorMathSurface.h"

/// Which vector ISA the kernels dispatch to at run time: 0 scalar, 2 AVX2, 3 AVX-512.
int gs_vector_isa(void);

#endif
