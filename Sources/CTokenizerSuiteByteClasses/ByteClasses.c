#include "CTokenizerSuiteByteClasses.h"

#if defined(__SSE2__)
#include <emmintrin.h>

/// Bit k set where byte k of the 16 is in [low, low + count), for count < 128 (a signed compare
/// after moving the range to the bottom of the signed bytes).
static inline uint32_t in_range(__m128i v, uint8_t low, uint8_t count) {
    __m128i shifted = _mm_add_epi8(v, _mm_set1_epi8((char)(0x80 - low)));
    return (uint32_t)_mm_movemask_epi8(_mm_cmplt_epi8(shifted, _mm_set1_epi8((char)(-128 + count))));
}

static inline uint32_t equal(__m128i v, uint8_t byte) {
    return (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)byte)));
}

#if defined(__x86_64__) && defined(__clang__)
#include <immintrin.h>
#define TS_HAVE_AVX512 1

/// One compare per class over all 64 bytes, straight into mask registers.
__attribute__((target("avx512bw")))
static void classify_avx512(const uint8_t *bytes, TSByteClasses *classes) {
    __m512i v = _mm512_loadu_si512((const void *)bytes);
    __mmask64 breaks = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\n')) | _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\r'));
    classes->lower = _mm512_cmplt_epu8_mask(_mm512_sub_epi8(v, _mm512_set1_epi8('a')), _mm512_set1_epi8(26));
    classes->upper = _mm512_cmplt_epu8_mask(_mm512_sub_epi8(v, _mm512_set1_epi8('A')), _mm512_set1_epi8(26));
    classes->digit = _mm512_cmplt_epu8_mask(_mm512_sub_epi8(v, _mm512_set1_epi8('0')), _mm512_set1_epi8(10));
    classes->space = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8(' '));
    classes->otherSpace = _mm512_cmplt_epu8_mask(_mm512_sub_epi8(v, _mm512_set1_epi8('\t')), _mm512_set1_epi8(5)) & ~breaks;
    classes->lineBreak = breaks;
    classes->apostrophe = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\''));
    classes->slash = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('/'));
    classes->high = _mm512_movepi8_mask(v);
    classes->continuation = _mm512_cmplt_epu8_mask(_mm512_sub_epi8(v, _mm512_set1_epi8((char)0x80)), _mm512_set1_epi8(64));
}
#endif

static void classify_sse2(const uint8_t *bytes, TSByteClasses *classes) {
    *classes = (TSByteClasses){0};
    for (int part = 0; part < 4; part++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(bytes + 16 * part));
        int shift = 16 * part;
        uint32_t breaks = equal(v, '\n') | equal(v, '\r');
        classes->lower |= (uint64_t)in_range(v, 'a', 26) << shift;
        classes->upper |= (uint64_t)in_range(v, 'A', 26) << shift;
        classes->digit |= (uint64_t)in_range(v, '0', 10) << shift;
        classes->space |= (uint64_t)equal(v, ' ') << shift;
        classes->otherSpace |= (uint64_t)(in_range(v, '\t', 5) & ~breaks) << shift;
        classes->lineBreak |= (uint64_t)breaks << shift;
        classes->apostrophe |= (uint64_t)equal(v, '\'') << shift;
        classes->slash |= (uint64_t)equal(v, '/') << shift;
        classes->high |= (uint64_t)(uint32_t)_mm_movemask_epi8(v) << shift;
        classes->continuation |= (uint64_t)in_range(v, 0x80, 64) << shift;
    }
}

void ts_classify_64(const uint8_t *bytes, TSByteClasses *classes) {
#ifdef TS_HAVE_AVX512
    if (__builtin_cpu_supports("avx512bw")) {
        classify_avx512(bytes, classes);
        return;
    }
#endif
    classify_sse2(bytes, classes);
}

#else

void ts_classify_64(const uint8_t *bytes, TSByteClasses *classes) {
    *classes = (TSByteClasses){0};
    for (int k = 0; k < 64; k++) {
        uint8_t b = bytes[k];
        uint64_t bit = (uint64_t)1 << k;
        if ((uint8_t)(b - 'a') < 26) classes->lower |= bit;
        if ((uint8_t)(b - 'A') < 26) classes->upper |= bit;
        if ((uint8_t)(b - '0') < 10) classes->digit |= bit;
        if (b == ' ') classes->space |= bit;
        if (b == '\t' || b == '\v' || b == '\f') classes->otherSpace |= bit;
        if (b == '\n' || b == '\r') classes->lineBreak |= bit;
        if (b == '\'') classes->apostrophe |= bit;
        if (b == '/') classes->slash |= bit;
        if (b >= 0x80) classes->high |= bit;
        if ((b & 0xC0) == 0x80) classes->continuation |= bit;
    }
}

#endif
