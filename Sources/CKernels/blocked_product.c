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

#include <stdlib.h>
#include <string.h>

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
    (void)m;
    ptrdiff_t padded = (n + LANES - 1) / LANES * LANES;
    // op(B) packed with its rows padded to whole vectors, and a transposed tile of op(A).
    return (tb || n % LANES != 0 ? k * padded : 0) + LANES * k;
}

static inline double element_a(int ta, const float *a, ptrdiff_t m, ptrdiff_t k, ptrdiff_t i, ptrdiff_t kk) {
    return ta ? (double)a[kk * m + i] : (double)a[i * k + kk];
}

// Many columns: ROWS rows of C by LANES columns at a time, every accumulator in registers.
// `bk` is op(B) row-major with row stride `ldb` (a multiple of LANES, zero-padded past n).
NNFS_CLONES
static void by_columns(int ta, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const float *a, const float *bk, ptrdiff_t ldb,
                       float *c32, double *c64, const ptrdiff_t *start, ptrdiff_t nblocks) {
    for (ptrdiff_t i0 = 0; i0 < m; i0 += ROWS) {
        ptrdiff_t rows = m - i0 < ROWS ? m - i0 : ROWS;
        for (ptrdiff_t j0 = 0; j0 < n; j0 += LANES) {
            ptrdiff_t width = n - j0 < LANES ? n - j0 : LANES;
            double total[ROWS][LANES];
            for (int r = 0; r < ROWS; r++)
                for (int l = 0; l < LANES; l++) total[r][l] = 0.0;
            for (ptrdiff_t blk = 0; blk < nblocks; blk++) {
                ptrdiff_t k0 = start[blk], k1 = start[blk + 1];
                double acc[ROWS][LANES];
                const float *brow = bk + k0 * ldb + j0;
                for (int r = 0; r < ROWS; r++) {
                    double x = r < rows ? element_a(ta, a, m, k, i0 + r, k0) : 0.0;
                    for (int l = 0; l < LANES; l++) acc[r][l] = x * (double)brow[l];
                }
                for (ptrdiff_t kk = k0 + 1; kk < k1; kk++) {
                    brow = bk + kk * ldb + j0;
                    double y[LANES];
                    for (int l = 0; l < LANES; l++) y[l] = (double)brow[l];
                    for (int r = 0; r < ROWS; r++) {
                        double x = r < rows ? element_a(ta, a, m, k, i0 + r, kk) : 0.0;
                        for (int l = 0; l < LANES; l++) acc[r][l] = acc[r][l] + x * y[l];
                    }
                }
                for (int r = 0; r < ROWS; r++)
                    for (int l = 0; l < LANES; l++) total[r][l] = total[r][l] + acc[r][l];
            }
            for (ptrdiff_t r = 0; r < rows; r++)
                for (ptrdiff_t l = 0; l < width; l++) {
                    if (c32) {
                        c32[(i0 + r) * n + j0 + l] = (float)total[r][l];
                    } else {
                        c64[(i0 + r) * n + j0 + l] = total[r][l];
                    }
                }
        }
    }
}

// Few columns: LANES rows of C at a time (a transposed tile of op(A)), COLS columns per pass.
NNFS_CLONES
static void by_rows(int ta, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const float *a, const float *bk, ptrdiff_t ldb,
                    float *c32, double *c64, const ptrdiff_t *start, ptrdiff_t nblocks, float *tile) {
    for (ptrdiff_t i0 = 0; i0 < m; i0 += LANES) {
        ptrdiff_t rows = m - i0 < LANES ? m - i0 : LANES;
        // t[kk * stride + l] = op(A)[i0 + l, kk]; lanes past the last row are zero and discarded.
        const float *t = tile;
        ptrdiff_t stride = LANES;
        if (ta && rows == LANES) {
            t = a + i0;
            stride = m;
        } else if (ta) {
            for (ptrdiff_t kk = 0; kk < k; kk++)
                for (ptrdiff_t l = 0; l < LANES; l++) tile[kk * LANES + l] = l < rows ? a[kk * m + i0 + l] : 0.0f;
        } else {
            for (ptrdiff_t l = 0; l < LANES; l++) {
                const float *src = a + (i0 + l) * k;
                if (l < rows) {
                    for (ptrdiff_t kk = 0; kk < k; kk++) tile[kk * LANES + l] = src[kk];
                } else {
                    for (ptrdiff_t kk = 0; kk < k; kk++) tile[kk * LANES + l] = 0.0f;
                }
            }
        }
        for (ptrdiff_t j0 = 0; j0 < n; j0 += COLS) {
            ptrdiff_t cols = n - j0 < COLS ? n - j0 : COLS;
            double total[COLS][LANES];
            for (int c = 0; c < COLS; c++)
                for (int l = 0; l < LANES; l++) total[c][l] = 0.0;
            for (ptrdiff_t blk = 0; blk < nblocks; blk++) {
                ptrdiff_t k0 = start[blk], k1 = start[blk + 1];
                double acc[COLS][LANES];
                for (int c = 0; c < COLS; c++) {
                    double y = c < cols ? (double)bk[k0 * ldb + j0 + c] : 0.0;
                    for (int l = 0; l < LANES; l++) acc[c][l] = (double)t[k0 * stride + l] * y;
                }
                for (ptrdiff_t kk = k0 + 1; kk < k1; kk++) {
                    double x[LANES];
                    for (int l = 0; l < LANES; l++) x[l] = (double)t[kk * stride + l];
                    for (int c = 0; c < COLS; c++) {
                        double y = c < cols ? (double)bk[kk * ldb + j0 + c] : 0.0;
                        for (int l = 0; l < LANES; l++) acc[c][l] = acc[c][l] + x[l] * y;
                    }
                }
                for (int c = 0; c < COLS; c++)
                    for (int l = 0; l < LANES; l++) total[c][l] = total[c][l] + acc[c][l];
            }
            for (ptrdiff_t c = 0; c < cols; c++)
                for (ptrdiff_t l = 0; l < rows; l++) {
                    if (c32) {
                        c32[(i0 + l) * n + j0 + c] = (float)total[c][l];
                    } else {
                        c64[(i0 + l) * n + j0 + c] = total[c][l];
                    }
                }
        }
    }
}

void nnfs_blocked_product(int ta, int tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const float *a, const float *b,
                          float *c32, double *c64, ptrdiff_t q, ptrdiff_t u, float *scratch) {
    if (m <= 0 || n <= 0 || k <= 0) return;
    // op(B) as a row-major k x n matrix: B itself, or packed into scratch (transposed, and/or its
    // rows padded with zeros to whole vectors so every load is a full one).
    const float *bk = b;
    ptrdiff_t ldb = n;
    float *tile = scratch;
    if (tb || n % LANES != 0) {
        ldb = (n + LANES - 1) / LANES * LANES;
        float *packed = scratch;
        for (ptrdiff_t kk = 0; kk < k; kk++) {
            for (ptrdiff_t j = 0; j < n; j++) packed[kk * ldb + j] = tb ? b[j * k + kk] : b[kk * n + j];
            for (ptrdiff_t j = n; j < ldb; j++) packed[kk * ldb + j] = 0.0f;
        }
        bk = packed;
        tile = scratch + k * ldb;
    }
    ptrdiff_t cap = k / (q > 0 ? q : 1) + 4;
    ptrdiff_t *start = malloc(sizeof(ptrdiff_t) * (size_t)(cap + 1));
    if (!start) return;
    ptrdiff_t nblocks = blocks(k, q, u, start, cap);
    if (n >= LANES) {
        by_columns(ta, m, n, k, a, bk, ldb, c32, c64, start, nblocks);
    } else {
        by_rows(ta, m, n, k, a, bk, ldb, c32, c64, start, nblocks, tile);
    }
    free(start);
}
