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
    uint64_t lower = 0, upper = 0, digit = 0, space = 0, otherSpace = 0, lineBreak = 0;
    uint64_t apostrophe = 0, slash = 0, high = 0, continuation = 0;
    for (int part = 0; part < 4; part++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(bytes + 16 * part));
        int shift = 16 * part;
        uint32_t breaks = equal(v, '\n') | equal(v, '\r');
        lower |= (uint64_t)in_range(v, 'a', 26) << shift;
        upper |= (uint64_t)in_range(v, 'A', 26) << shift;
        digit |= (uint64_t)in_range(v, '0', 10) << shift;
        space |= (uint64_t)equal(v, ' ') << shift;
        otherSpace |= (uint64_t)(in_range(v, '\t', 5) & ~breaks) << shift;
        lineBreak |= (uint64_t)breaks << shift;
        apostrophe |= (uint64_t)equal(v, '\'') << shift;
        slash |= (uint64_t)equal(v, '/') << shift;
        high |= (uint64_t)(uint32_t)_mm_movemask_epi8(v) << shift;
        continuation |= (uint64_t)in_range(v, 0x80, 64) << shift;
    }
    classes->lower = lower;
    classes->upper = upper;
    classes->digit = digit;
    classes->space = space;
    classes->otherSpace = otherSpace;
    classes->lineBreak = lineBreak;
    classes->apostrophe = apostrophe;
    classes->slash = slash;
    classes->high = high;
    classes->continuation = continuation;
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
    uint64_t lower = 0, upper = 0, digit = 0, space = 0, otherSpace = 0, lineBreak = 0;
    uint64_t apostrophe = 0, slash = 0, high = 0, continuation = 0;
    for (int k = 0; k < 64; k++) {
        uint8_t b = bytes[k];
        uint64_t bit = (uint64_t)1 << k;
        if ((uint8_t)(b - 'a') < 26) lower |= bit;
        if ((uint8_t)(b - 'A') < 26) upper |= bit;
        if ((uint8_t)(b - '0') < 10) digit |= bit;
        if (b == ' ') space |= bit;
        if (b == '\t' || b == '\v' || b == '\f') otherSpace |= bit;
        if (b == '\n' || b == '\r') lineBreak |= bit;
        if (b == '\'') apostrophe |= bit;
        if (b == '/') slash |= bit;
        if (b >= 0x80) high |= bit;
        if ((b & 0xC0) == 0x80) continuation |= bit;
    }
    classes->lower = lower;
    classes->upper = upper;
    classes->digit = digit;
    classes->space = space;
    classes->otherSpace = otherSpace;
    classes->lineBreak = lineBreak;
    classes->apostrophe = apostrophe;
    classes->slash = slash;
    classes->high = high;
    classes->continuation = continuation;
}

#endif
