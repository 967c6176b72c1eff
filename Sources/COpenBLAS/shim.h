// OpenBLAS: CBLAS for the kernels, LAPACK (Fortran ABI, exported by libopenblas) for the metrics.
// Debian installs cblas.h under the multiarch include folder; the search path is given in Package.swift
// through the modulemap's relative include below when the plain path is missing.
#include <cblas.h>

// LAPACK routines used by the evaluators (Fréchet distance). OpenBLAS exports them, but Debian's
// libopenblas-dev ships no lapack.h, so they are declared here (Fortran calling convention: all by pointer).
void dsyevd_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda, double *w,
             double *work, const int *lwork, int *iwork, const int *liwork, int *info);
void dgeev_(const char *jobvl, const char *jobvr, const int *n, double *a, const int *lda, double *wr,
            double *wi, double *vl, const int *ldvl, double *vr, const int *ldvr, double *work,
            const int *lwork, int *info);
void dgesv_(const int *n, const int *nrhs, double *a, const int *lda, int *ipiv, double *b,
            const int *ldb, int *info);

// Thread control: the kernels run their own two-way parallelism and call sgemm single-threaded.
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
