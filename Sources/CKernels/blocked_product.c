// Why C and by hand: no BLAS reproduces another BLAS's order of additions, and nnfs-book's rule is
// that a fast path gives the reference's bits. The reference (np.dot after nnfs.init) widens float32
// operands to float64 and calls OpenBLAS dgemm. Every product of two widened float32 values is exact
// in float64, so dgemm's value depends only on the order of its additions, and for the shapes it
// sends to its blocked driver that order is: the inner dimension cut into blocks as
// driver/level3/level3.c cuts it (GEMM_Q, halved remainders rounded to GEMM_UNROLL_M), each block
// summed in order by the micro-kernel, the block sums added into C (zeroed first). This file computes
// exactly that from the float32 operands, without the float64 copies of the operands and the result
// that dominate the reference's time for the book's skinny matrices. It is C for one reason:
// `target_clones` compiles each loop for AVX-512, AVX2 and baseline x86-64 and picks one at load
// time, which Swift cannot do. Fused multiply-adds may be formed by the compiler: with exact products
// a fused and an unfused multiply-add round identically.
#include "nnfs_kernels.h"
#include "blocked_product_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

// Products and sums exactly as written: a product and a sum are never fused behind our back (MADD
// below says where a fused multiply-add is meant).
#pragma clang fp contract(off)

#if defined(__x86_64__) && defined(__clang__)
#define NNFS_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define NNFS_CLONES
#endif

enum { LANES = 16, ROWS = 4, COLS = 4 };

// The block boundaries of the inner dimension, as OpenBLAS's level-3 driver cuts it.
static ptrdiff_t blocks(ptrdiff_t k, ptrdiff_t q, ptrdiff_t u, ptrdiff_t *start, ptrdiff_t cap) {
    ptrdiff_t count = 0, ls = 0;
    while (ls < k && count < cap) {
        ptrdiff_t len = k - ls;
        if (len >= 2 * q) {
            len = q;
        } else if (len > q) {
            len = ((len / 2 + u - 1) / u) * u;
        }
        start[count++] = ls;
        ls += len;
    }
    start[count] = k;
    return count;
}

ptrdiff_t nnfs_blocked_product_scratch(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, int tb) {
    ptrdiff_t padded = (n + LANES - 1) / LANES * LANES;
    // op(B) packed with its rows padded to whole vectors, and a transposed tile of op(A), in bytes
    // for the widest element type; or what the AVX-512 loops need, if more.
    ptrdiff_t portable = ((tb || n % LANES != 0 ? k * padded : 0) + LANES * k) * (ptrdiff_t)sizeof(double);
    ptrdiff_t vector = nnfs_product_avx512_scratch(n, k);
    return portable > vector ? portable : vector;
}

int nnfs_blocked_product_vector_loops_available(void) { return nnfs_product_avx512_available(); }

// MADD is the micro-kernel's multiply-add: fused (one rounding, as FMA kernels do) or a product
// then a sum (as SSE kernels do). With exact products (float32 operands) both give the same value.
#define MADD(x, y, acc) (fused ? fma((x), (y), (acc)) : (acc) + (x) * (y))

#define NAME(f) f##_ff
#define A_T float
#define B_T float
#include "blocked_product_loops.h"
#undef NAME
#undef A_T
#undef B_T
#define NAME(f) f##_df
#define A_T double
#define B_T float
#include "blocked_product_loops.h"
#undef NAME
#undef A_T
#undef B_T
#define NAME(f) f##_fd
#define A_T float
#define B_T double
#include "blocked_product_loops.h"
#undef NAME
#undef A_T
#undef B_T

void nnfs_blocked_product(int ta, int tb, int a_double, int b_double, int fused, ptrdiff_t m, ptrdiff_t n,
                          ptrdiff_t k, const void *a, const void *b, float *c32, double *c64, ptrdiff_t q,
                          ptrdiff_t u, int vector, void *scratch) {
    if (m <= 0 || n <= 0 || k <= 0 || (a_double && b_double)) return;
    ptrdiff_t cap = k / (q > 0 ? q : 1) + 4;
    ptrdiff_t *start = malloc(sizeof(ptrdiff_t) * (size_t)(cap + 1));
    if (!start) return;
    ptrdiff_t nblocks = blocks(k, q, u, start, cap);
    if (vector && nnfs_product_avx512_available() &&
        nnfs_product_avx512(ta, tb, a_double, b_double, fused, m, n, k, a, b, c32, c64, start, nblocks, scratch)) {
        // done
    } else if (a_double) {
        product_df(ta, tb, fused, m, n, k, a, b, c32, c64, start, nblocks, scratch);
    } else if (b_double) {
        product_fd(ta, tb, fused, m, n, k, a, b, c32, c64, start, nblocks, scratch);
    } else {
        product_ff(ta, tb, fused, m, n, k, a, b, c32, c64, start, nblocks, scratch);
    }
    free(start);
}
