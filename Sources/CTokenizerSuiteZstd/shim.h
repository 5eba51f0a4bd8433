#ifndef C_TOKENIZER_SUITE_ZSTD_SHIM_H
#define C_TOKENIZER_SUITE_ZSTD_SHIM_H
#include <zstd.h>
#endif
