/*
 * failalloc.c — allocation failure on demand.  The test binary is linked
 * with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc (Makefile), so every
 * call to these from ccsim's objects and the tests comes here (the shared
 * libraries, GSL, jansson and libconfig, keep the real ones).  Disarmed, the
 * wrappers pass through; armed with ccs_test_fail_alloc(n), the n-th
 * allocation from then on (0-based) returns NULL, once.
 */
#include <stdatomic.h>
#include <stddef.h>

#include "ccs_test.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);

static atomic_long countdown = -1;
static atomic_long failed;

void ccs_test_fail_alloc(long n)
{
    atomic_store(&failed, 0);
    atomic_store(&countdown, n);
}

long ccs_test_fail_alloc_done(void)
{
    atomic_store(&countdown, -1);
    return atomic_load(&failed);
}

/* 1 when this allocation is the one to fail. */
static int fail_now(void)
{
    if (atomic_load(&countdown) < 0) {
        return 0;
    }
    if (atomic_fetch_sub(&countdown, 1) == 0) {
        atomic_fetch_add(&failed, 1);
        return 1;
    }
    return 0;
}

void *__wrap_malloc(size_t n)
{
    return fail_now() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size)
{
    return fail_now() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n)
{
    return fail_now() ? NULL : __real_realloc(p, n);
}
