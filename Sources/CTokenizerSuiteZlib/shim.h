#ifndef C_TOKENIZER_SUITE_ZLIB_SHIM_H
#define C_TOKENIZER_SUITE_ZLIB_SHIM_H
#include <zlib.h>
#endif
