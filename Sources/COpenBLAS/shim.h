// Debian's libopenblas-dev installs cblas.h on the multiarch include path.
#include <cblas.h>
