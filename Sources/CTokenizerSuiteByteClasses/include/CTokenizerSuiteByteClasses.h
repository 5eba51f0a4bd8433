#ifndef TOKENIZER_SUITE_BYTE_CLASSES_H
#define TOKENIZER_SUITE_BYTE_CLASSES_H

#include <stdint.h>

/// The ASCII classes of 64 consecutive bytes, one bit per byte (bit k: byte k), as the
/// hand-written pre-tokenizers need them. Bytes at or above 0x80 are only in `high`.
typedef struct {
    uint64_t lower;       ///< a-z
    uint64_t upper;       ///< A-Z
    uint64_t digit;       ///< 0-9
    uint64_t space;       ///< 0x20
    uint64_t otherSpace;  ///< \t \v \f
    uint64_t lineBreak;   ///< \r \n
    uint64_t apostrophe;  ///< '
    uint64_t slash;       ///< /
    uint64_t high;        ///< 0x80-0xFF
    uint64_t continuation;///< 0x80-0xBF (the bytes after a character's first)
} TSByteClasses;

/// Classifies the 64 bytes at `bytes` (all of which must be readable).
void ts_classify_64(const uint8_t *bytes, TSByteClasses *classes);

#endif
