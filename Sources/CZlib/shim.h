// Debian's zlib1g-dev: zlib (gzip streams of the Fashion-MNIST IDX files).
#include <zlib.h>
