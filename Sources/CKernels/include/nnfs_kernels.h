// nnfs-book's one C kernel: OpenBLAS's float64 summation order, computed from float32 operands.
// See blocked_product.c and Sources/NNFS/Kernels/BlockedProduct.swift.
#ifndef NNFS_KERNELS_H
#define NNFS_KERNELS_H

#include <stddef.h>

/// C = op(A) * op(B) where op(A) is m x k and op(B) is k x n, stored row-major (A as k x m when
/// ta != 0, B as n x k when tb != 0), each float32, or float64 when a_double / b_double (not both).
/// Each element is the float64 sum that OpenBLAS's dgemm computes for the widened operands when its
/// driver cuts the inner dimension into blocks with parameters (q, u): C = 0.0, then for each block
/// C += (p_first, then acc = fma(x, y, acc) when fused, else acc + x * y, in order). Results go to
/// c32 (rounded to float32) or, when c32 is NULL, to c64. `vector` != 0 runs the AVX-512 loops where
/// the CPU has them, 0 the portable loops: both give the same bits. `scratch` holds at least
/// nnfs_blocked_product_scratch(m, n, k, tb) bytes, aligned for double.
void nnfs_blocked_product(int ta, int tb, int a_double, int b_double, int fused, ptrdiff_t m, ptrdiff_t n,
                          ptrdiff_t k, const void *a, const void *b, float *c32, double *c64, ptrdiff_t q,
                          ptrdiff_t u, int vector, void *scratch);

/// Whether this CPU runs nnfs_blocked_product's AVX-512 loops (AVX-512 F, DQ, VL, BW and FMA).
int nnfs_blocked_product_vector_loops_available(void);

/// Bytes of scratch that nnfs_blocked_product needs.
ptrdiff_t nnfs_blocked_product_scratch(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, int tb);

#endif
