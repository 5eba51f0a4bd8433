#ifndef C_TOKENIZER_SUITE_ICU_SHIM_PUBLIC_H
#define C_TOKENIZER_SUITE_ICU_SHIM_PUBLIC_H

#include <stdint.h>

/// Unicode normalization forms offered by the shim.
typedef enum {
    TSNormalizationFormNFC = 0,
    TSNormalizationFormNFD = 1,
    TSNormalizationFormNFKC = 2,
    TSNormalizationFormNFKD = 3,
} TSNormalizationForm;

/// Normalizes UTF-16 `source` (length `sourceLength`) into `destination` (capacity
/// `destinationCapacity`). Returns the normalized length (which may exceed the capacity: call again
/// with a larger buffer), or -1 on an ICU error other than a too-small buffer.
int32_t ts_icu_normalize(TSNormalizationForm form,
                         const uint16_t *source, int32_t sourceLength,
                         uint16_t *destination, int32_t destinationCapacity);

/// Normalizes UTF-8 `source` into UTF-8 `destination` (capacity `destinationCapacity`). Returns the
/// normalized length in bytes (which may exceed the capacity: call again with a larger buffer), or
/// -1 on an ICU error other than a too-small buffer (invalid UTF-8 included).
int32_t ts_icu_normalize_utf8(TSNormalizationForm form,
                              const char *source, int32_t sourceLength,
                              char *destination, int32_t destinationCapacity);

/// The Unicode version of the linked ICU data as "major.minor" into `buffer` (NUL-terminated).
void ts_icu_unicode_version(char *buffer, int32_t capacity);

#endif
