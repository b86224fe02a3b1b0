// Debian's libopenblas-dev installs cblas.h on the multiarch include path.
#include <cblas.h>
// glibc's mallopt, to tune the allocator for the core's short-lived matrix buffers
// (see Tensor.configureBLAS).
#include <malloc.h>
