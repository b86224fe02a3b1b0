// Debian's libssl-dev: OpenSSL's libcrypto, for SHA-256 through the EVP digest interface.
#include <openssl/evp.h>
