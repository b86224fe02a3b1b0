// glibc's <malloc.h> (libc6-dev): mallopt, to keep a training loop's freed arrays in the process.
#include <malloc.h>
