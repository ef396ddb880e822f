/*
 * find.c — a scenario (or another shipped input file) named on the command
 * line: a file when one exists at that path, else one of the examples
 * installed with ccsim, so that `ccsim run captive` and the README's
 * `ccsim run scenarios/captive.cfg` work from any directory.
 *
 * The directories searched are $CCSIM_SCENARIO_PATH (colon-separated; empty
 * turns the lookup off) or, without it, the scenario directory of the
 * installation prefix the program was built for (CCSIM_SCENARIO_DIR, from
 * build/gen/ccsim_build.h).  Paths that say where they are (absolute, or
 * starting with ./ or ../) are never looked up.  In each place, NAME is
 * tried as given and then with the extension the command expects
 * (captive -> captive.cfg), the current directory first.
 */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/stat.h>

#include "ccsim_build.h"

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int has_ext(const char *name, const char *ext)
{
    size_t n = strlen(name), e = strlen(ext);
    return n > e && strcmp(name + n - e, ext) == 0;
}

/* dir/name, then dir/name<ext>; 1 with buf set when one is a file. */
static int try_dir(const char *dir, size_t dlen, const char *name, const char *ext, char *buf,
                   size_t n)
{
    int len = snprintf(buf, n, "%.*s/%s", (int)dlen, dir, name);
    if (len > 0 && (size_t)len < n && is_file(buf)) {
        return 1;
    }
    if (ext && !has_ext(name, ext)) {
        len = snprintf(buf, n, "%.*s/%s%s", (int)dlen, dir, name, ext);
        if (len > 0 && (size_t)len < n && is_file(buf)) {
            return 1;
        }
    }
    return 0;
}

const char *ccs_cli_find(const char *name, const char *ext, char *buf, size_t n)
{
    if (!name || !*name || name[0] == '/' || strncmp(name, "./", 2) == 0 ||
        strncmp(name, "../", 3) == 0 || access(name, F_OK) == 0) {
        return name;
    }
    /* "captive" is ./captive.cfg before it is an installed one. */
    if (ext && !has_ext(name, ext)) {
        int len = snprintf(buf, n, "%s%s", name, ext);
        if (len > 0 && (size_t)len < n && is_file(buf)) {
            return buf;
        }
    }
    const char *path = getenv("CCSIM_SCENARIO_PATH");
    if (!path) {
        path = CCSIM_SCENARIO_DIR;
    }
    /* "scenarios/x.cfg" is how the README and docs name a shipped file. */
    const char *shipped = strncmp(name, "scenarios/", 10) == 0 ? name + 10 : NULL;
    while (*path) {
        size_t dlen = strcspn(path, ":");
        if (dlen > 0 && (try_dir(path, dlen, name, ext, buf, n) ||
                         (shipped && try_dir(path, dlen, shipped, ext, buf, n)))) {
            return buf;
        }
        path += dlen + (path[dlen] == ':');
    }
    return name;
}
