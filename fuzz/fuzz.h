/*
 * The two entry points of a fuzz target, as libFuzzer calls them and as
 * fuzz/standalone.c does when it replays a corpus.
 */
#ifndef SETARA_FUZZ_H
#define SETARA_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
