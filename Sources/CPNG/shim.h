// Debian's libpng-dev: libpng 1.6 (its "simplified" png_image API reads and writes PNG files
// without setjmp/longjmp error handling, which Swift cannot use).
#include <png.h>
