// The AVX-512 loops of nnfs_blocked_product: the same sums as blocked_product_loops.h, in the same
// order, element by element, written with intrinsics because the compiler's code for the portable
// loops spills their accumulators and gathers op(A)'s columns one element at a time. Every output
// element is still one chain of multiply-adds per block of the inner dimension, started with a
// product and added into a zero total; only which elements share a vector changes. Why by hand:
// no library computes a product in another BLAS's addition order (see blocked_product.c).
//
// Two shapes of work, as in the portable loops:
//  - few columns (n < 16): vectors run down 8 rows of C. op(A)'s rows must then be columns of a
//    vector: read straight from A when A is stored transposed, otherwise transposed 8 x 8 in
//    registers into a tile of 32 rows (doubles) first. op(B), widened to double, is broadcast.
//  - many columns: vectors run along 32 columns of C for up to 4 rows; op(A)'s elements are
//    broadcast.
// FastPathKernelTests compares this file, the portable loops and dgemm bit for bit.
#include "blocked_product_internal.h"

#if defined(__x86_64__) && defined(__clang__)
#include <immintrin.h>
#include <stdint.h>

#pragma clang fp contract(off)
#pragma clang attribute push(__attribute__((target("avx512f,avx512dq,avx512vl,avx512bw,avx2,fma"))), apply_to = function)

enum { GROUPS = 4, TILE = 8 * GROUPS, COLS = 4, ROWS = 4, VECS = 4, STRIP = 8 * VECS };
// Groups of 8 rows that rows_direct_core transposes and multiplies together (more spill registers).
enum { DIRECT_GROUPS = 2 };
// How many rows ahead strided loops prefetch (kept within the block; a prefetch never faults).
enum { AHEAD = 8 };

#define INLINE static inline __attribute__((always_inline))

// The micro-kernel's multiply-add: fused, or a product then a sum (see MADD in blocked_product.c).
INLINE __m512d madd(int fused, __m512d x, __m512d y, __m512d acc) {
    return fused ? _mm512_fmadd_pd(x, y, acc) : _mm512_add_pd(acc, _mm512_mul_pd(x, y));
}

// Up to 8 consecutive elements (those in `mask`, the rest 0), float or double, as doubles.
INLINE __m512d load8(int dbl, const void *p, __mmask8 mask) {
    return dbl ? _mm512_maskz_loadu_pd(mask, p) : _mm512_cvtps_pd(_mm256_maskz_loadu_ps(mask, p));
}

INLINE double element(int dbl, const void *p, ptrdiff_t index) {
    return dbl ? ((const double *)p)[index] : (double)((const float *)p)[index];
}

INLINE const void *advance(int dbl, const void *p, ptrdiff_t elements) {
    return (const char *)p + elements * (dbl ? 8 : 4);
}

INLINE __mmask8 lanes(ptrdiff_t count) {
    return count >= 8 ? (__mmask8)0xFF : count <= 0 ? (__mmask8)0 : (__mmask8)((1u << count) - 1);
}

// Transposes the 8 x 8 doubles in r (row q in r[q]) in place.
INLINE void transpose8(__m512d r[8]) {
    __m512d t[8];
    _Pragma("unroll") for (int q = 0; q < 8; q += 2) {
        t[q] = _mm512_unpacklo_pd(r[q], r[q + 1]);
        t[q + 1] = _mm512_unpackhi_pd(r[q], r[q + 1]);
    }
    const __m512i even = _mm512_setr_epi64(0, 1, 8, 9, 4, 5, 12, 13);
    const __m512i odd = _mm512_setr_epi64(2, 3, 10, 11, 6, 7, 14, 15);
    __m512d u[8];
    for (int h = 0; h < 8; h += 4) {
        u[h] = _mm512_permutex2var_pd(t[h], even, t[h + 2]);
        u[h + 1] = _mm512_permutex2var_pd(t[h], odd, t[h + 2]);
        u[h + 2] = _mm512_permutex2var_pd(t[h + 1], even, t[h + 3]);
        u[h + 3] = _mm512_permutex2var_pd(t[h + 1], odd, t[h + 3]);
    }
    // u[0..3] hold rows 0-3 of columns (0,4), (2,6), (1,5), (3,7); u[4..7] rows 4-7 of the same.
    static const int column[4] = {0, 2, 1, 3};
    _Pragma("unroll") for (int p = 0; p < 4; p++) {
        r[column[p]] = _mm512_shuffle_f64x2(u[p], u[p + 4], 0x44);
        r[column[p] + 4] = _mm512_shuffle_f64x2(u[p], u[p + 4], 0xEE);
    }
}

// tile[kk * TILE + l] = A[i0 + l, kk] (A row-major m x k) for l < rows, 0 for the lanes past them.
static void tile_from_rows(int adbl, const void *a, ptrdiff_t k, ptrdiff_t i0, ptrdiff_t rows, double *tile) {
    for (ptrdiff_t g = 0; g < GROUPS; g++) {
        ptrdiff_t have = rows - 8 * g;
        ptrdiff_t kk = 0;
        if (have >= 8) {
            for (; kk + 8 <= k; kk += 8) {
                __m512d r[8];
                _Pragma("unroll") for (int q = 0; q < 8; q++) r[q] = load8(adbl, advance(adbl, a, (i0 + 8 * g + q) * k + kk), 0xFF);
                transpose8(r);
                _Pragma("unroll") for (int q = 0; q < 8; q++) _mm512_storeu_pd(tile + (kk + q) * TILE + 8 * g, r[q]);
            }
        }
        for (; kk < k; kk++)
            for (ptrdiff_t l = 0; l < 8; l++)
                tile[kk * TILE + 8 * g + l] = l < have ? element(adbl, a, (i0 + 8 * g + l) * k + kk) : 0.0;
    }
}

// total[g][c] = the blocked sum for rows i0 + 8g + lane, column j0 + c, where x(kk) (TILE rows of
// op(A) at inner index kk) is at xs + kk * stride and op(B) is bd (doubles, k x n, row-major).
INLINE void rows_core(int cols, int fused, int xdbl, const void *xs, ptrdiff_t stride, const __mmask8 *mask,
                      const double *bd, ptrdiff_t n, ptrdiff_t j0, const ptrdiff_t *start, ptrdiff_t nblocks,
                      double out[COLS][TILE]) {
    __m512d total[GROUPS][COLS];
    _Pragma("unroll") for (int g = 0; g < GROUPS; g++)
        _Pragma("unroll") for (int c = 0; c < cols; c++) total[g][c] = _mm512_setzero_pd();
    for (ptrdiff_t blk = 0; blk < nblocks; blk++) {
        ptrdiff_t k0 = start[blk], k1 = start[blk + 1];
        __m512d acc[GROUPS][COLS];
        _Pragma("unroll") for (int g = 0; g < GROUPS; g++) {
            __m512d x = load8(xdbl, advance(xdbl, xs, k0 * stride + 8 * g), mask[g]);
            _Pragma("unroll") for (int c = 0; c < cols; c++) acc[g][c] = _mm512_mul_pd(x, _mm512_set1_pd(bd[k0 * n + j0 + c]));
        }
        for (ptrdiff_t kk = k0 + 1; kk < k1; kk++) {
            // Rows of a transposed A lie a whole row of A apart: fetch a few ahead.
            const char *ahead = advance(xdbl, xs, (kk + AHEAD < k1 ? kk + AHEAD : kk) * stride);
            _Pragma("unroll") for (int line = 0; line < (xdbl ? 4 : 2); line++) _mm_prefetch(ahead + 64 * line, _MM_HINT_T0);
            __m512d x[GROUPS];
            _Pragma("unroll") for (int g = 0; g < GROUPS; g++) x[g] = load8(xdbl, advance(xdbl, xs, kk * stride + 8 * g), mask[g]);
            _Pragma("unroll") for (int c = 0; c < cols; c++) {
                __m512d y = _mm512_set1_pd(bd[kk * n + j0 + c]);
                _Pragma("unroll") for (int g = 0; g < GROUPS; g++) acc[g][c] = madd(fused, x[g], y, acc[g][c]);
            }
        }
        _Pragma("unroll") for (int g = 0; g < GROUPS; g++)
            _Pragma("unroll") for (int c = 0; c < cols; c++) total[g][c] = _mm512_add_pd(total[g][c], acc[g][c]);
    }
    _Pragma("unroll") for (int g = 0; g < GROUPS; g++)
        _Pragma("unroll") for (int c = 0; c < cols; c++) _mm512_storeu_pd(out[c] + 8 * g, total[g][c]);
}

// 8 consecutive inner indices kk .. kk + len - 1 (len <= 8) of op(A) = A (row-major, m x k) for
// 8 rows from `row`, as columns: r[q] = A[row .. row + 7, kk + q].
INLINE void columns_of_rows(int adbl, const void *a, ptrdiff_t k, ptrdiff_t row, ptrdiff_t kk, ptrdiff_t len,
                            __m512d r[8]) {
    if (len == 8) {
        _Pragma("unroll") for (int q = 0; q < 8; q++) r[q] = load8(adbl, advance(adbl, a, (row + q) * k + kk), 0xFF);
        transpose8(r);
    } else {
        for (ptrdiff_t q = 0; q < len; q++) {
            double v[8];
            _Pragma("unroll") for (int l = 0; l < 8; l++) v[l] = element(adbl, a, (row + l) * k + kk + q);
            r[q] = _mm512_loadu_pd(v);
        }
    }
}

// rows_core for a full tile of A (not transposed) with at most COLS columns in all: op(A)'s
// columns are transposed in registers 8 inner indices at a time and used at once, so no tile is
// written. DIRECT_GROUPS groups of 8 rows at a time: their chains are independent, which the CPU
// overlaps; more groups at once spill registers.
INLINE void rows_direct_core(int cols, int fused, int adbl, const void *a, ptrdiff_t k, ptrdiff_t i0,
                             const double *bd, const ptrdiff_t *start, ptrdiff_t nblocks, double out[COLS][TILE],
                             int first) {
    __m512d total[DIRECT_GROUPS][COLS];
    _Pragma("unroll") for (int g = 0; g < DIRECT_GROUPS; g++)
        _Pragma("unroll") for (int c = 0; c < cols; c++) total[g][c] = _mm512_setzero_pd();
    for (ptrdiff_t blk = 0; blk < nblocks; blk++) {
        ptrdiff_t k0 = start[blk], k1 = start[blk + 1];
        __m512d acc[DIRECT_GROUPS][COLS];
        // The block's first term is a product; then whole chunks of 8 (unrolled), then the rest.
        _Pragma("unroll") for (int g = 0; g < DIRECT_GROUPS; g++) {
            __m512d r[8];
            columns_of_rows(adbl, a, k, i0 + 8 * (first + g), k0, 1, r);
            _Pragma("unroll") for (int c = 0; c < cols; c++) acc[g][c] = _mm512_mul_pd(r[0], _mm512_set1_pd(bd[k0 * cols + c]));
        }
        ptrdiff_t kk = k0 + 1;
        for (; kk + 8 <= k1; kk += 8)
            _Pragma("unroll") for (int g = 0; g < DIRECT_GROUPS; g++) {
                __m512d r[8];
                columns_of_rows(adbl, a, k, i0 + 8 * (first + g), kk, 8, r);
                _Pragma("unroll") for (int q = 0; q < 8; q++)
                    _Pragma("unroll") for (int c = 0; c < cols; c++)
                        acc[g][c] = madd(fused, r[q], _mm512_set1_pd(bd[(kk + q) * cols + c]), acc[g][c]);
            }
        if (kk < k1)
            _Pragma("unroll") for (int g = 0; g < DIRECT_GROUPS; g++) {
                __m512d r[8];
                columns_of_rows(adbl, a, k, i0 + 8 * (first + g), kk, k1 - kk, r);
                for (ptrdiff_t q = 0; q < k1 - kk; q++)
                    _Pragma("unroll") for (int c = 0; c < cols; c++)
                        acc[g][c] = madd(fused, r[q], _mm512_set1_pd(bd[(kk + q) * cols + c]), acc[g][c]);
            }
        _Pragma("unroll") for (int g = 0; g < DIRECT_GROUPS; g++)
            _Pragma("unroll") for (int c = 0; c < cols; c++) total[g][c] = _mm512_add_pd(total[g][c], acc[g][c]);
    }
    _Pragma("unroll") for (int g = 0; g < DIRECT_GROUPS; g++)
        _Pragma("unroll") for (int c = 0; c < cols; c++) _mm512_storeu_pd(out[c] + 8 * (first + g), total[g][c]);
}

#define DIRECT_INSTANCE(COLS_, FUSED, ADBL)                                                                 \
    static void direct_##COLS_##_##FUSED##_##ADBL(const void *a, ptrdiff_t k, ptrdiff_t i0, const double *bd, \
                                                  const ptrdiff_t *start, ptrdiff_t nblocks,               \
                                                  double out[COLS][TILE]) {                                \
        for (int g = 0; g < GROUPS; g += DIRECT_GROUPS)                                                    \
            rows_direct_core(COLS_, FUSED, ADBL, a, k, i0, bd, start, nblocks, out, g);                    \
    }
#define DIRECT_INSTANCES(FUSED, ADBL)                                                                       \
    DIRECT_INSTANCE(1, FUSED, ADBL) DIRECT_INSTANCE(2, FUSED, ADBL) DIRECT_INSTANCE(3, FUSED, ADBL)        \
        DIRECT_INSTANCE(4, FUSED, ADBL)
DIRECT_INSTANCES(0, 0)
DIRECT_INSTANCES(0, 1)
DIRECT_INSTANCES(1, 0)
DIRECT_INSTANCES(1, 1)

typedef void (*direct_fn)(const void *, ptrdiff_t, ptrdiff_t, const double *, const ptrdiff_t *, ptrdiff_t,
                          double[COLS][TILE]);
static const direct_fn direct_table[2][2][COLS] = {
    {{direct_1_0_0, direct_2_0_0, direct_3_0_0, direct_4_0_0}, {direct_1_0_1, direct_2_0_1, direct_3_0_1, direct_4_0_1}},
    {{direct_1_1_0, direct_2_1_0, direct_3_1_0, direct_4_1_0}, {direct_1_1_1, direct_2_1_1, direct_3_1_1, direct_4_1_1}},
};

// One instance of rows_core per (columns, fused, x type), so every loop above is unrolled.
#define ROWS_INSTANCE(COLS_, FUSED, XDBL)                                                                  \
    static void rows_##COLS_##_##FUSED##_##XDBL(const void *xs, ptrdiff_t stride, const __mmask8 *mask,    \
                                                const double *bd, ptrdiff_t n, ptrdiff_t j0,              \
                                                const ptrdiff_t *start, ptrdiff_t nblocks,                \
                                                double out[COLS][TILE]) {                                 \
        rows_core(COLS_, FUSED, XDBL, xs, stride, mask, bd, n, j0, start, nblocks, out);                  \
    }
#define ROWS_INSTANCES(FUSED, XDBL)                                                                        \
    ROWS_INSTANCE(1, FUSED, XDBL) ROWS_INSTANCE(2, FUSED, XDBL) ROWS_INSTANCE(3, FUSED, XDBL)             \
        ROWS_INSTANCE(4, FUSED, XDBL)
ROWS_INSTANCES(0, 0)
ROWS_INSTANCES(0, 1)
ROWS_INSTANCES(1, 0)
ROWS_INSTANCES(1, 1)

typedef void (*rows_fn)(const void *, ptrdiff_t, const __mmask8 *, const double *, ptrdiff_t, ptrdiff_t,
                        const ptrdiff_t *, ptrdiff_t, double[COLS][TILE]);
static const rows_fn rows_table[2][2][COLS] = {
    {{rows_1_0_0, rows_2_0_0, rows_3_0_0, rows_4_0_0}, {rows_1_0_1, rows_2_0_1, rows_3_0_1, rows_4_0_1}},
    {{rows_1_1_0, rows_2_1_0, rows_3_1_0, rows_4_1_0}, {rows_1_1_1, rows_2_1_1, rows_3_1_1, rows_4_1_1}},
};

// C[i0 + l, j0 + c] = out[c][l] for l < rows, c < cols.
static void store_rows(double out[COLS][TILE], ptrdiff_t i0, ptrdiff_t rows, ptrdiff_t n, ptrdiff_t j0, ptrdiff_t cols,
                       float *c32, double *c64) {
    for (ptrdiff_t l = 0; l < rows; l++)
        for (ptrdiff_t c = 0; c < cols; c++) {
            if (c32) {
                c32[(i0 + l) * n + j0 + c] = (float)out[c][l];
            } else {
                c64[(i0 + l) * n + j0 + c] = out[c][l];
            }
        }
}

// Few columns. bd is op(B) as doubles (k x n); tile has room for k * TILE doubles.
static void by_rows(int ta, int adbl, int fused, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const void *a, const double *bd,
                    float *c32, double *c64, const ptrdiff_t *start, ptrdiff_t nblocks, double *tile) {
    double out[COLS][TILE];
    for (ptrdiff_t i0 = 0; i0 < m; i0 += TILE) {
        ptrdiff_t rows = m - i0 < TILE ? m - i0 : TILE;
        __mmask8 mask[GROUPS];
        _Pragma("unroll") for (int g = 0; g < GROUPS; g++) mask[g] = lanes(rows - 8 * g);
        if (!ta && rows == TILE && n <= COLS) {
            direct_table[fused ? 1 : 0][adbl][n - 1](a, k, i0, bd, start, nblocks, out);
            store_rows(out, i0, rows, n, 0, n, c32, c64);
            continue;
        }
        const void *xs;
        ptrdiff_t stride;
        int xdbl;
        if (ta) {
            xs = advance(adbl, a, i0);
            stride = m;
            xdbl = adbl;
        } else {
            tile_from_rows(adbl, a, k, i0, rows, tile);
            xs = tile;
            stride = TILE;
            xdbl = 1;
        }
        for (ptrdiff_t j0 = 0; j0 < n; j0 += COLS) {
            ptrdiff_t cols = n - j0 < COLS ? n - j0 : COLS;
            rows_table[fused ? 1 : 0][xdbl][cols - 1](xs, stride, mask, bd, n, j0, start, nblocks, out);
            store_rows(out, i0, rows, n, j0, cols, c32, c64);
        }
    }
}

// C[i0 + r, j0 .. j0 + STRIP) for r < rows (a constant, 1 to ROWS), op(B) row kk at
// b + kk * ldb, op(A)[i, kk] = a[ta ? kk * m + i : i * k + kk].
INLINE void columns_core(int rows, int fused, int adbl, int bdbl, int ta, const void *a, ptrdiff_t m, ptrdiff_t k,
                         ptrdiff_t i0, const void *b, ptrdiff_t ldb, ptrdiff_t j0, ptrdiff_t n, const ptrdiff_t *start,
                         ptrdiff_t nblocks, float *c32, double *c64) {
    __mmask8 mask[VECS];
    _Pragma("unroll") for (int v = 0; v < VECS; v++) mask[v] = lanes(n - j0 - 8 * v);
    __m512d total[ROWS][VECS];
    _Pragma("unroll") for (int r = 0; r < rows; r++)
        _Pragma("unroll") for (int v = 0; v < VECS; v++) total[r][v] = _mm512_setzero_pd();
#define A_AT(r, kk) _mm512_set1_pd(element(adbl, a, ta ? (kk) * m + i0 + (r) : (i0 + (r)) * k + (kk)))
    for (ptrdiff_t blk = 0; blk < nblocks; blk++) {
        ptrdiff_t k0 = start[blk], k1 = start[blk + 1];
        __m512d acc[ROWS][VECS], y[VECS];
        _Pragma("unroll") for (int v = 0; v < VECS; v++) y[v] = load8(bdbl, advance(bdbl, b, k0 * ldb + j0 + 8 * v), mask[v]);
        _Pragma("unroll") for (int r = 0; r < rows; r++) {
            __m512d x = A_AT(r, k0);
            _Pragma("unroll") for (int v = 0; v < VECS; v++) acc[r][v] = _mm512_mul_pd(x, y[v]);
        }
        for (ptrdiff_t kk = k0 + 1; kk < k1; kk++) {
            const char *ahead = advance(bdbl, b, (kk + AHEAD < k1 ? kk + AHEAD : kk) * ldb + j0);
            _Pragma("unroll") for (int line = 0; line < (bdbl ? 4 : 2); line++) _mm_prefetch(ahead + 64 * line, _MM_HINT_T0);
            _Pragma("unroll") for (int v = 0; v < VECS; v++) y[v] = load8(bdbl, advance(bdbl, b, kk * ldb + j0 + 8 * v), mask[v]);
            _Pragma("unroll") for (int r = 0; r < rows; r++) {
                __m512d x = A_AT(r, kk);
                _Pragma("unroll") for (int v = 0; v < VECS; v++) acc[r][v] = madd(fused, x, y[v], acc[r][v]);
            }
        }
        _Pragma("unroll") for (int r = 0; r < rows; r++)
            _Pragma("unroll") for (int v = 0; v < VECS; v++) total[r][v] = _mm512_add_pd(total[r][v], acc[r][v]);
    }
#undef A_AT
    _Pragma("unroll") for (int r = 0; r < rows; r++)
        _Pragma("unroll") for (int v = 0; v < VECS; v++) {
            ptrdiff_t at = (i0 + r) * n + j0 + 8 * v;
            if (c32) {
                _mm256_mask_storeu_ps(c32 + at, mask[v], _mm512_cvtpd_ps(total[r][v]));
            } else {
                _mm512_mask_storeu_pd(c64 + at, mask[v], total[r][v]);
            }
        }
}

#define COLUMNS_INSTANCE(ROWS_, FUSED, ADBL, BDBL)                                                          \
    static void columns_##ROWS_##_##FUSED##_##ADBL##_##BDBL(                                                 \
        int ta, const void *a, ptrdiff_t m, ptrdiff_t k, ptrdiff_t i0, const void *b, ptrdiff_t ldb,       \
        ptrdiff_t j0, ptrdiff_t n, const ptrdiff_t *start, ptrdiff_t nblocks, float *c32, double *c64) {   \
        columns_core(ROWS_, FUSED, ADBL, BDBL, ta, a, m, k, i0, b, ldb, j0, n, start, nblocks, c32, c64); \
    }
#define COLUMNS_INSTANCES(FUSED, ADBL, BDBL)                                                                 \
    COLUMNS_INSTANCE(1, FUSED, ADBL, BDBL) COLUMNS_INSTANCE(2, FUSED, ADBL, BDBL)                           \
        COLUMNS_INSTANCE(3, FUSED, ADBL, BDBL) COLUMNS_INSTANCE(4, FUSED, ADBL, BDBL)
COLUMNS_INSTANCES(0, 0, 0)
COLUMNS_INSTANCES(0, 0, 1)
COLUMNS_INSTANCES(0, 1, 0)
COLUMNS_INSTANCES(1, 0, 0)
COLUMNS_INSTANCES(1, 0, 1)
COLUMNS_INSTANCES(1, 1, 0)

typedef void (*columns_fn)(int, const void *, ptrdiff_t, ptrdiff_t, ptrdiff_t, const void *, ptrdiff_t, ptrdiff_t,
                           ptrdiff_t, const ptrdiff_t *, ptrdiff_t, float *, double *);
// [fused][operand types: ff, fd, df][rows - 1]
static const columns_fn columns_table[2][3][ROWS] = {
    {{columns_1_0_0_0, columns_2_0_0_0, columns_3_0_0_0, columns_4_0_0_0},
     {columns_1_0_0_1, columns_2_0_0_1, columns_3_0_0_1, columns_4_0_0_1},
     {columns_1_0_1_0, columns_2_0_1_0, columns_3_0_1_0, columns_4_0_1_0}},
    {{columns_1_1_0_0, columns_2_1_0_0, columns_3_1_0_0, columns_4_1_0_0},
     {columns_1_1_0_1, columns_2_1_0_1, columns_3_1_0_1, columns_4_1_0_1},
     {columns_1_1_1_0, columns_2_1_1_0, columns_3_1_1_0, columns_4_1_1_0}},
};

// Many columns. op(B) row kk at b + kk * ldb (bdbl says its type).
static void by_columns(int ta, int adbl, int bdbl, int fused, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const void *a,
                       const void *b, ptrdiff_t ldb, float *c32, double *c64, const ptrdiff_t *start,
                       ptrdiff_t nblocks) {
    int types = adbl ? 2 : bdbl ? 1 : 0;
    for (ptrdiff_t i0 = 0; i0 < m; i0 += ROWS) {
        ptrdiff_t rows = m - i0 < ROWS ? m - i0 : ROWS;
        columns_fn f = columns_table[fused ? 1 : 0][types][rows - 1];
        for (ptrdiff_t j0 = 0; j0 < n; j0 += STRIP) f(ta, a, m, k, i0, b, ldb, j0, n, start, nblocks, c32, c64);
    }
}

ptrdiff_t nnfs_product_avx512_scratch(ptrdiff_t n, ptrdiff_t k) { return (k * n + (ptrdiff_t)TILE * k) * 8; }

int nnfs_product_avx512(int ta, int tb, int a_double, int b_double, int fused, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                        const void *a, const void *b, float *c32, double *c64, const ptrdiff_t *start,
                        ptrdiff_t nblocks, void *scratch) {
    double *packed = scratch;
    if (n < 16) {
        // op(B) widened to double, k x n row-major, then the tile.
        for (ptrdiff_t kk = 0; kk < k; kk++)
            for (ptrdiff_t j = 0; j < n; j++) packed[kk * n + j] = element(b_double, b, tb ? j * k + kk : kk * n + j);
        by_rows(ta, a_double, fused, m, n, k, a, packed, c32, c64, start, nblocks, packed + k * n);
        return 1;
    }
    if (tb) {
        // op(B) = B transposed, packed k x n in B's own type.
        for (ptrdiff_t kk = 0; kk < k; kk++)
            for (ptrdiff_t j = 0; j < n; j++) {
                if (b_double) {
                    packed[kk * n + j] = ((const double *)b)[j * k + kk];
                } else {
                    ((float *)scratch)[kk * n + j] = ((const float *)b)[j * k + kk];
                }
            }
        b = scratch;
    }
    by_columns(ta, a_double, b_double, fused, m, n, k, a, b, n, c32, c64, start, nblocks);
    return 1;
}

#pragma clang attribute pop

int nnfs_product_avx512_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
           __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("fma");
}

#else

ptrdiff_t nnfs_product_avx512_scratch(ptrdiff_t n, ptrdiff_t k) { return 0; }
int nnfs_product_avx512(int ta, int tb, int a_double, int b_double, int fused, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                        const void *a, const void *b, float *c32, double *c64, const ptrdiff_t *start,
                        ptrdiff_t nblocks, void *scratch) {
    return 0;
}
int nnfs_product_avx512_available(void) { return 0; }

#endif
