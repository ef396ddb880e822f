/*
 * testfile.c — helpers declared in ccs_testfile.h.
 */
#define _GNU_SOURCE
#include "ccs_testfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ccs_test.h"

void ccs_test_tmpfile(char *path, size_t n, const char *suffix, const char *text)
{
    int w = snprintf(path, n, "/tmp/ccs_t_XXXXXX%s", suffix);
    ck_assert(w > 0 && (size_t)w < n);
    int fd = mkstemps(path, (int)strlen(suffix));
    ck_assert_msg(fd >= 0, "cannot create %s", path);
    FILE *fp = fdopen(fd, "w");
    ck_assert(fp != NULL);
    fputs(text, fp);
    ck_assert_int_eq(fclose(fp), 0);
}

void ccs_test_expect_error(const char *args, int rc, const char *want)
{
    char *out, *err;
    int got = ccs_test_run(args, &out, &err);
    ck_assert_msg(got == rc, "ccsim %s: exit %d, want %d (stderr: %s)", args, got, rc, err);
    ck_assert_msg(out[0] == '\0', "ccsim %s: stdout not empty: %.300s", args, out);
    size_t n = strlen(err);
    ck_assert_msg(n > 0 && err[n - 1] == '\n' && strchr(err, '\n') == err + n - 1,
                  "ccsim %s: stderr is not one line: [%s]", args, err);
    err[n - 1] = '\0';
    size_t w = strlen(want);
    if (w > 3 && strcmp(want + w - 3, "...") == 0) {
        ck_assert_msg(strncmp(err, want, w - 3) == 0, "ccsim %s:\n  got  %s\n  want %s", args,
                      err, want);
    } else {
        ck_assert_msg(strcmp(err, want) == 0, "ccsim %s:\n  got  %s\n  want %s", args, err,
                      want);
    }
    free(out);
    free(err);
}

char *ccs_test_run_ok(const char *args, int rc)
{
    char *out, *err;
    int got = ccs_test_run(args, &out, &err);
    ck_assert_msg(got == rc, "ccsim %s: exit %d, want %d (stderr: %s)", args, got, rc, err);
    ck_assert_msg(rc != 0 || err[0] == '\0', "ccsim %s: stderr: %s", args, err);
    free(err);
    return out;
}

json_t *ccs_test_run_json(const char *args, int rc)
{
    char *out, *err;
    int got = ccs_test_run(args, &out, &err);
    ck_assert_msg(got == rc, "ccsim %s: exit %d, want %d (stderr: %s)", args, got, rc, err);
    json_error_t je;
    json_t *j = json_loads(out, 0, &je);
    ck_assert_msg(j != NULL, "ccsim %s: not JSON (%s): %.300s", args, je.text, out);
    free(out);
    free(err);
    return j;
}

double ccs_test_jnum(const json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (json_is_object(v)) {
        v = json_object_get(v, "mean");
    }
    ck_assert_msg(json_is_number(v), "no number at key %s", key);
    return json_number_value(v);
}

int ccs_test_has_line(const char *text, const char *line)
{
    size_t n = strlen(line);
    for (const char *p = text; (p = strstr(p, line)) != NULL; p++) {
        if ((p == text || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\0')) {
            return 1;
        }
    }
    return 0;
}
