// The loops of blocked_product.c for one pair of operand types; included once per pair with
// NAME(f) (a suffix for the pair), A_T and B_T defined. Not a header of its own.

static inline double NAME(element_a)(int ta, const A_T *a, ptrdiff_t m, ptrdiff_t k, ptrdiff_t i, ptrdiff_t kk) {
    return ta ? (double)a[kk * m + i] : (double)a[i * k + kk];
}

// Many columns: ROWS rows of C by LANES columns at a time, every accumulator in registers.
// `bk` is op(B) row-major with row stride `ldb` (a multiple of LANES, zero-padded past n).
NNFS_CLONES
static void NAME(by_columns)(int ta, int fused, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const A_T *a, const B_T *bk, ptrdiff_t ldb,
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
                const B_T *brow = bk + k0 * ldb + j0;
                for (int r = 0; r < ROWS; r++) {
                    double x = r < rows ? NAME(element_a)(ta, a, m, k, i0 + r, k0) : 0.0;
                    for (int l = 0; l < LANES; l++) acc[r][l] = x * (double)brow[l];
                }
                for (ptrdiff_t kk = k0 + 1; kk < k1; kk++) {
                    brow = bk + kk * ldb + j0;
                    double y[LANES];
                    for (int l = 0; l < LANES; l++) y[l] = (double)brow[l];
                    for (int r = 0; r < ROWS; r++) {
                        double x = r < rows ? NAME(element_a)(ta, a, m, k, i0 + r, kk) : 0.0;
                        for (int l = 0; l < LANES; l++) acc[r][l] = MADD(x, y[l], acc[r][l]);
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
static void NAME(by_rows)(int ta, int fused, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const A_T *a, const B_T *bk, ptrdiff_t ldb,
                    float *c32, double *c64, const ptrdiff_t *start, ptrdiff_t nblocks, A_T *tile) {
    for (ptrdiff_t i0 = 0; i0 < m; i0 += LANES) {
        ptrdiff_t rows = m - i0 < LANES ? m - i0 : LANES;
        // t[kk * stride + l] = op(A)[i0 + l, kk]; lanes past the last row are zero and discarded.
        const A_T *t = tile;
        ptrdiff_t stride = LANES;
        if (ta && rows == LANES) {
            t = a + i0;
            stride = m;
        } else if (ta) {
            for (ptrdiff_t kk = 0; kk < k; kk++)
                for (ptrdiff_t l = 0; l < LANES; l++) tile[kk * LANES + l] = l < rows ? a[kk * m + i0 + l] : (A_T)0;
        } else {
            // Row by row of the tile (contiguous stores; a column-by-column copy compiles to scatters).
            const A_T *rowp[LANES];
            for (ptrdiff_t l = 0; l < LANES; l++) rowp[l] = a + (i0 + (l < rows ? l : 0)) * k;
            for (ptrdiff_t kk = 0; kk < k; kk++) {
                A_T *dst = tile + kk * LANES;
                for (int l = 0; l < LANES; l++) dst[l] = rowp[l][kk];
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
                        for (int l = 0; l < LANES; l++) acc[c][l] = MADD(x[l], y, acc[c][l]);
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


static void NAME(product)(int ta, int tb, int fused, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const void *av,
                          const void *bv, float *c32, double *c64, const ptrdiff_t *start, ptrdiff_t nblocks,
                          void *scratch) {
    const A_T *a = av;
    const B_T *b = bv;
    // op(B) as a row-major k x n matrix: B itself, or packed into scratch (transposed, and/or its
    // rows padded with zeros to whole vectors so every load is a full one).
    const B_T *bk = b;
    ptrdiff_t ldb = n;
    A_T *tile = scratch;
    if (tb || n % LANES != 0) {
        ldb = (n + LANES - 1) / LANES * LANES;
        B_T *packed = scratch;
        for (ptrdiff_t kk = 0; kk < k; kk++) {
            for (ptrdiff_t j = 0; j < n; j++) packed[kk * ldb + j] = tb ? b[j * k + kk] : b[kk * n + j];
            for (ptrdiff_t j = n; j < ldb; j++) packed[kk * ldb + j] = (B_T)0;
        }
        bk = packed;
        tile = (A_T *)(packed + k * ldb);
    }
    if (n >= LANES) {
        NAME(by_columns)(ta, fused, m, n, k, a, bk, ldb, c32, c64, start, nblocks);
    } else {
        NAME(by_rows)(ta, fused, m, n, k, a, bk, ldb, c32, c64, start, nblocks, tile);
    }
}
