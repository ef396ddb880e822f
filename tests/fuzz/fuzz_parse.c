/*
 * fuzz_parse.c — libFuzzer target: the scenario reader on any text
 * (fuzz_parse_one in fuzz_targets.h; docs/fuzzing.md).  Crashes, leaks,
 * undefined behaviour (ASan + UBSan), broken invariants and timeouts are
 * failures.
 */
#include "fuzz_targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    fuzz_parse_one(text);
    free(text);
    return 0;
}
