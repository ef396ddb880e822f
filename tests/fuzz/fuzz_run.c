/*
 * fuzz_run.c — libFuzzer target: load a scenario, run one short
 * replication and write its report in every format (fuzz_run_one in
 * fuzz_targets.h; docs/fuzzing.md).
 */
#include "fuzz_targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    fuzz_run_one(text);
    free(text);
    return 0;
}
