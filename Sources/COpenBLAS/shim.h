// Debian's OpenBLAS (libopenblas-dev): the CBLAS interface and its thread control.
#include <cblas.h>
