// Between blocked_product.c and blocked_product_avx512.c; not part of the module's interface.
#ifndef NNFS_BLOCKED_PRODUCT_INTERNAL_H
#define NNFS_BLOCKED_PRODUCT_INTERNAL_H

#include <stddef.h>

/// Whether this CPU runs the AVX-512 loops (AVX-512 F, DQ, VL, BW and FMA).
int nnfs_product_avx512_available(void);

/// Bytes of scratch the AVX-512 loops need.
ptrdiff_t nnfs_product_avx512_scratch(ptrdiff_t n, ptrdiff_t k);

/// nnfs_blocked_product's work with the block starts already cut; returns 1 when done, 0 when
/// this build has no AVX-512 loops.
int nnfs_product_avx512(int ta, int tb, int a_double, int b_double, int fused, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                        const void *a, const void *b, float *c32, double *c64, const ptrdiff_t *start,
                        ptrdiff_t nblocks, void *scratch);

#endif
