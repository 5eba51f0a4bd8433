#include "CTokenizerSuiteICUShim.h"

#include <stdio.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/uversion.h>
#include <stdlib.h>

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

int32_t ts_icu_normalize_utf8(TSNormalizationForm form,
                              const char *source, int32_t sourceLength,
                              char *destination, int32_t destinationCapacity) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *normalizer = normalizer_for(form, &status);
    if (normalizer == NULL || U_FAILURE(status)) return -1;
    UChar stackIn[512], stackOut[1024];
    UChar *in = stackIn, *out = stackOut;
    int32_t inLength = 0;
    u_strFromUTF8(in, 512, &inLength, source, sourceLength, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
        status = U_ZERO_ERROR;
        in = malloc(sizeof(UChar) * (size_t)(inLength + 1));
        if (in == NULL) return -1;
        u_strFromUTF8(in, inLength + 1, &inLength, source, sourceLength, &status);
    }
    int32_t result = -1;
    if (U_SUCCESS(status)) {
        int32_t outCapacity = 1024;
        int32_t outLength = unorm2_normalize(normalizer, in, inLength, out, outCapacity, &status);
        if (status == U_BUFFER_OVERFLOW_ERROR) {
            status = U_ZERO_ERROR;
            out = malloc(sizeof(UChar) * (size_t)(outLength + 1));
            if (out != NULL) {
                outCapacity = outLength + 1;
                outLength = unorm2_normalize(normalizer, in, inLength, out, outCapacity, &status);
            } else {
                status = U_MEMORY_ALLOCATION_ERROR;
            }
        }
        if (U_SUCCESS(status)) {
            int32_t utf8Length = 0;
            u_strToUTF8(destination, destinationCapacity, &utf8Length, out, outLength, &status);
            if (U_SUCCESS(status) || status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) {
                result = utf8Length;
            }
        }
    }
    if (in != stackIn) free(in);
    if (out != stackOut && out != NULL) free(out);
    return result;
}
