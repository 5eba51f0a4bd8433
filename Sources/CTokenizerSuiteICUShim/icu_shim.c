#include "CTokenizerSuiteICUShim.h"

#include <stdio.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uversion.h>

static const UNormalizer2 *normalizer_for(TSNormalizationForm form, UErrorCode *status) {
    switch (form) {
    case TSNormalizationFormNFC: return unorm2_getNFCInstance(status);
    case TSNormalizationFormNFD: return unorm2_getNFDInstance(status);
    case TSNormalizationFormNFKC: return unorm2_getNFKCInstance(status);
    case TSNormalizationFormNFKD: return unorm2_getNFKDInstance(status);
    }
    return NULL;
}

int32_t ts_icu_normalize(TSNormalizationForm form,
                         const uint16_t *source, int32_t sourceLength,
                         uint16_t *destination, int32_t destinationCapacity) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *normalizer = normalizer_for(form, &status);
    if (normalizer == NULL || U_FAILURE(status)) return -1;
    int32_t length = unorm2_normalize(normalizer, (const UChar *)source, sourceLength,
                                      (UChar *)destination, destinationCapacity, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR || U_SUCCESS(status)) return length;
    return -1;
}

void ts_icu_unicode_version(char *buffer, int32_t capacity) {
    UVersionInfo version;
    u_getUnicodeVersion(version);
    snprintf(buffer, (size_t)capacity, "%d.%d", version[0], version[1]);
}
