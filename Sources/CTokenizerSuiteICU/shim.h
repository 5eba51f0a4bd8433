#ifndef C_TOKENIZER_SUITE_ICU_SHIM_H
#define C_TOKENIZER_SUITE_ICU_SHIM_H
/* Only links ICU (icu-uc). ICU headers are included by CTokenizerSuiteICUShim's C file, never by
   Swift code: importing them next to Foundation breaks clean builds. */
#endif
