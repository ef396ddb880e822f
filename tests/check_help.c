/*
 * check_help.c — `--help`, the man pages and docs/cli.md say the same, and
 * say what the binary does.
 *
 * All three are generated from src/cli/help/<command>.txt (scripts/gen-help),
 * so these tests read what was generated, not the sources: for every command
 * the options (spelling and description, in order) and the description are
 * the same words in `ccsim <command> --help`, in ccsim-<command>(1) (in
 * $CCSIM_MAN_DIR) and in the command's block of docs/cli.md; every option
 * the man page's synopsis names is documented and every documented one is
 * named.  Then the binary is probed: every option the help lists is
 * accepted, and every option-like string in the command's source that the
 * binary accepts is listed, so an option added to the code without its help
 * fails here.  `ccsim --version` prints the version of debian/changelog and,
 * for a build from git, the commit.
 */
#define _GNU_SOURCE
#include "ccs_test.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_ITEMS 64

/* One option: its spelling ("--reps N", "-h, --help") and description. */
typedef struct opt_doc {
    char *spell;
    char *desc;
} opt_doc;

typedef struct page {
    opt_doc opt[MAX_ITEMS];
    int n_opt;
    char *description;   /* the DESCRIPTION paragraphs, blanks collapsed */
    char *synopsis;      /* man and docs: the synopsis lines */
} page;

static void page_free(page *p)
{
    for (int i = 0; i < p->n_opt; i++) {
        free(p->opt[i].spell);
        free(p->opt[i].desc);
    }
    free(p->description);
    free(p->synopsis);
    memset(p, 0, sizeof *p);
}

/* s with every run of blanks one space, no blanks at either end (in place). */
static char *squeeze(char *s)
{
    char *w = s;
    for (const char *r = s; *r; r++) {
        int blank = isspace((unsigned char)*r);
        if (!blank || (w > s && w[-1] != ' ')) {
            *w++ = blank ? ' ' : *r;
        }
    }
    while (w > s && w[-1] == ' ') {
        w--;
    }
    *w = '\0';
    return s;
}

/* Appends text (and a space) to *acc. */
static void append(char **acc, const char *text, size_t len)
{
    size_t old = *acc ? strlen(*acc) : 0;
    *acc = realloc(*acc, old + len + 2);
    memcpy(*acc + old, text, len);
    (*acc)[old + len] = ' ';
    (*acc)[old + len + 1] = '\0';
}

/* The lines of text, as an array of malloc'd strings (NULL-terminated). */
static char **split_lines(const char *text)
{
    size_t n = 1;
    for (const char *c = text; *c; c++) {
        n += *c == '\n';
    }
    char **l = calloc(n + 1, sizeof *l);
    size_t i = 0;
    for (const char *c = text; *c;) {
        size_t len = strcspn(c, "\n");
        l[i++] = strndup(c, len);
        c += len + (c[len] == '\n');
    }
    return l;
}

static void free_lines(char **l)
{
    for (char **p = l; *p; p++) {
        free(*p);
    }
    free(l);
}

static int starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static size_t n_lines(char **l)
{
    size_t n = 0;
    while (l[n]) {
        n++;
    }
    return n;
}

/* A section title of --help: "options (...):" followed by an indented line. */
static int help_title(char **l, size_t i)
{
    size_t len = strlen(l[i]);
    return len > 1 && l[i][0] != ' ' && l[i][len - 1] == ':' && l[i + 1] && starts(l[i + 1], "  ");
}

/* ---- --help ------------------------------------------------------------ */

static void parse_help(const char *text, page *p)
{
    char **l = split_lines(text);
    size_t n = n_lines(l), i = 0;
    while (i < n && l[i][0] != '\0') {   /* the usage lines */
        i++;
    }
    for (; i < n && !starts(l[i], "  -") && !help_title(l, i); i++) {
        append(&p->description, l[i], strlen(l[i]));
    }
    for (; i < n; i++) {
        if (!starts(l[i], "  -")) {
            continue;
        }
        ck_assert_int_lt(p->n_opt, MAX_ITEMS);
        opt_doc *o = &p->opt[p->n_opt++];
        const char *s = l[i] + 2;
        const char *gap = strstr(s, "  ");
        o->spell = strndup(s, gap ? (size_t)(gap - s) : strlen(s));
        o->desc = NULL;
        if (gap) {
            append(&o->desc, gap, strlen(gap));
        }
        while (i + 1 < n && starts(l[i + 1], "    ") && !starts(l[i + 1], "  -")) {
            i++;
            append(&o->desc, l[i], strlen(l[i]));
        }
        squeeze(o->spell);
        ck_assert_msg(o->desc != NULL, "--help: %s has no description", o->spell);
        squeeze(o->desc);
    }
    if (!p->description) {
        p->description = strdup("");
    }
    squeeze(p->description);
    free_lines(l);
}

/* ---- man pages ----------------------------------------------------------- */

/* Roff text as read: font changes dropped, escapes resolved. */
static char *unroff(const char *s)
{
    char *out = malloc(strlen(s) * 4 + 1), *w = out;
    for (const char *r = s; *r; r++) {
        if (*r != '\\') {
            *w++ = *r;
            continue;
        }
        r++;
        if (*r == 'f') {
            r++;   /* \fB, \fI, \fR, \fP */
        } else if (*r == '-' || *r == 'e') {
            *w++ = *r == '-' ? '-' : '\\';
        } else if (*r == '&') {
            /* zero-width */
        } else if (*r == '[' && r[1] == 'u') {
            unsigned cp = (unsigned)strtoul(r + 2, NULL, 16);
            r = strchr(r, ']');
            ck_assert(r != NULL);
            if (cp < 0x80) {
                *w++ = (char)cp;
            } else if (cp < 0x800) {
                *w++ = (char)(0xc0 | cp >> 6);
                *w++ = (char)(0x80 | (cp & 0x3f));
            } else {
                *w++ = (char)(0xe0 | cp >> 12);
                *w++ = (char)(0x80 | ((cp >> 6) & 0x3f));
                *w++ = (char)(0x80 | (cp & 0x3f));
            }
        } else if (*r == '(') {
            r += 2;   /* \(bu and the like: not in option texts */
        } else {
            ck_abort_msg("man page: unexpected escape \\%c", *r);
        }
    }
    *w = '\0';
    return out;
}

static void parse_man(const char *text, page *p)
{
    char **l = split_lines(text);
    size_t n = n_lines(l);
    const char *sect = "";
    for (size_t i = 0; i < n; i++) {
        if (starts(l[i], ".SH ")) {
            sect = l[i] + 4;
            continue;
        }
        if (strcmp(sect, "SYNOPSIS") == 0 && l[i][0] != '.') {
            char *u = unroff(l[i]);
            append(&p->synopsis, u, strlen(u));
            free(u);
        } else if (strcmp(sect, "DESCRIPTION") == 0 && l[i][0] != '.') {
            char *u = unroff(l[i]);
            append(&p->description, u, strlen(u));
            free(u);
        } else if (strcmp(sect, "OPTIONS") == 0 && strcmp(l[i], ".TP") == 0 && i + 1 < n) {
            ck_assert_int_lt(p->n_opt, MAX_ITEMS);
            opt_doc *o = &p->opt[p->n_opt++];
            o->spell = squeeze(unroff(l[++i]));
            o->desc = NULL;
            while (i + 1 < n && l[i + 1][0] != '.') {
                char *u = unroff(l[++i]);
                append(&o->desc, u, strlen(u));
                free(u);
            }
            ck_assert_msg(o->desc != NULL, "man page: %s has no description", o->spell);
            squeeze(o->desc);
        }
    }
    ck_assert_msg(p->description && p->synopsis, "man page without DESCRIPTION or SYNOPSIS");
    squeeze(p->description);
    squeeze(p->synopsis);
    free_lines(l);
}

/* ---- docs/cli.md --------------------------------------------------------- */

/* Markdown text as read: code marks dropped, backslash escapes resolved. */
static char *unmd(const char *s, size_t len)
{
    char *out = malloc(len + 1), *w = out;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '`') {
            continue;
        }
        if (s[i] == '\\' && i + 1 < len && strchr("\\*<|", s[i + 1])) {
            i++;
        }
        *w++ = s[i];
    }
    *w = '\0';
    return out;
}

/* The end of a table cell: the next '|' that is not escaped. */
static const char *cell_end(const char *s)
{
    for (; *s; s++) {
        if (*s == '\\' && s[1]) {
            s++;
        } else if (*s == '|') {
            return s;
        }
    }
    return NULL;
}

static void parse_md(const char *doc, const char *cmd, page *p)
{
    char open[1024], close[1024];
    snprintf(open, sizeof open, "<!-- help: %s ", cmd);
    snprintf(close, sizeof close, "<!-- end help: %s -->", cmd);
    const char *a = strstr(doc, open), *b = a ? strstr(a, close) : NULL;
    ck_assert_msg(a && b, "docs/cli.md has no generated block for %s", cmd);
    char *block = strndup(a, (size_t)(b - a));
    char **l = split_lines(block);
    size_t n = n_lines(l), i = 0;
    while (i < n && strcmp(l[i], "```") != 0) {
        i++;
    }
    for (i++; i < n && strcmp(l[i], "```") != 0; i++) {
        append(&p->synopsis, l[i], strlen(l[i]));
    }
    size_t table = i;
    while (table < n && !starts(l[table], "| option |")) {
        table++;
    }
    size_t stop = table;
    if (stop >= 2 && l[stop - 1][0] == '\0' && l[stop - 2][0] && l[stop - 2][strlen(l[stop - 2]) - 1] == ':') {
        stop -= 2;   /* the options' title */
    }
    for (i++; i < stop; i++) {
        char *u = unmd(l[i], strlen(l[i]));
        append(&p->description, u, strlen(u));
        free(u);
    }
    for (i = table; i < n; i++) {
        if (!starts(l[i], "| `")) {
            continue;
        }
        const char *c1 = l[i] + 1, *e1 = cell_end(c1);
        ck_assert(e1 != NULL);
        const char *c2 = e1 + 1, *e2 = cell_end(c2);
        ck_assert(e2 != NULL);
        ck_assert_int_lt(p->n_opt, MAX_ITEMS);
        opt_doc *o = &p->opt[p->n_opt++];
        o->spell = squeeze(unmd(c1, (size_t)(e1 - c1)));
        o->desc = squeeze(unmd(c2, (size_t)(e2 - c2)));
    }
    ck_assert_msg(p->synopsis && p->description, "docs/cli.md: %s block lacks synopsis or text",
                  cmd);
    squeeze(p->description);
    squeeze(p->synopsis);
    free_lines(l);
    free(block);
}

/* ---- the commands ------------------------------------------------------ */

static char *run_ok(const char *args)
{
    char *out = NULL, *err = NULL;
    int st = ccs_test_run(args, &out, &err);
    ck_assert_msg(st == 0, "ccsim %s: exit %d: %s", args, st, err);
    ck_assert_msg(err[0] == '\0', "ccsim %s wrote on stderr: %s", args, err);
    free(err);
    return out;
}

/* The commands `ccsim --help` lists, in order; returns how many. */
static int listed_commands(char names[][32], int max)
{
    char *out = run_ok("--help");
    const char *c = strstr(out, "\ncommands:\n");
    ck_assert_msg(c != NULL, "ccsim --help lists no commands:\n%s", out);
    c += strlen("\ncommands:\n");
    int n = 0;
    while (starts(c, "  ") && c[2] != ' ') {
        ck_assert_int_lt(n, max);
        size_t len = strcspn(c + 2, " \n");
        snprintf(names[n++], 32, "%.*s", (int)len, c + 2);
        c = strchr(c, '\n');
        ck_assert(c != NULL);
        c++;
    }
    free(out);
    ck_assert_msg(n >= 8, "ccsim --help lists only %d commands", n);
    return n;
}

static char *man_text(const char *name, int section)
{
    const char *dir = getenv("CCSIM_MAN_DIR");
    char path[512];
    snprintf(path, sizeof path, "%s/%s.%d", dir && *dir ? dir : "build/man", name, section);
    char *t = ccs_test_slurp(path);
    ck_assert_msg(t != NULL, "no man page %s (make builds them; CCSIM_MAN_DIR)", path);
    return t;
}

static void same_options(const char *what, const page *a, const char *wa, const page *b,
                         const char *wb)
{
    ck_assert_msg(a->n_opt == b->n_opt, "%s: %s lists %d options, %s %d", what, wa, a->n_opt, wb,
                  b->n_opt);
    for (int i = 0; i < a->n_opt; i++) {
        ck_assert_msg(strcmp(a->opt[i].spell, b->opt[i].spell) == 0,
                      "%s: option %d is '%s' in %s, '%s' in %s", what, i, a->opt[i].spell, wa,
                      b->opt[i].spell, wb);
        ck_assert_msg(strcmp(a->opt[i].desc, b->opt[i].desc) == 0,
                      "%s %s:\n  %s: %s\n  %s: %s", what, a->opt[i].spell, wa, a->opt[i].desc, wb,
                      b->opt[i].desc);
    }
    ck_assert_msg(strcmp(a->description, b->description) == 0, "%s description:\n  %s: %s\n  %s: %s",
                  what, wa, a->description, wb, b->description);
}

/* Every option the synopsis names is documented; every documented long
 * option (but --help) is named. */
static void synopsis_complete(const char *what, const page *p)
{
    for (int i = 0; i < p->n_opt; i++) {
        const char *lng = strstr(p->opt[i].spell, "--");
        ck_assert(lng != NULL);
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)strcspn(lng, " ="), lng);
        if (strcmp(name, "--help") != 0) {
            ck_assert_msg(strstr(p->synopsis, name) != NULL, "%s: synopsis lacks %s: %s", what,
                          name, p->synopsis);
        }
    }
    for (const char *s = strstr(p->synopsis, "--"); s; s = strstr(s + 2, "--")) {
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)strcspn(s, " =]|"), s);
        int found = 0;
        for (int i = 0; i < p->n_opt && !found; i++) {
            const char *o = strstr(p->opt[i].spell, name);
            found = o && strchr(" =,", o[strlen(name)] ? o[strlen(name)] : ' ');
        }
        ck_assert_msg(found, "%s: the synopsis names %s, which no option documents", what, name);
    }
}

START_TEST(test_help_man_docs_agree)
{
    char names[16][32];
    int n = listed_commands(names, 16);
    char *doc = ccs_test_slurp("docs/cli.md");
    ck_assert(doc != NULL);
    for (int k = 0; k < n; k++) {
        char args[1024], man[1024];
        snprintf(args, sizeof args, "%s --help", names[k]);
        snprintf(man, sizeof man, "ccsim-%s", names[k]);
        char *out = run_ok(args);
        ck_assert_msg(starts(out, "usage: ccsim "), "ccsim %s: no usage line:\n%s", args, out);
        char *mt = man_text(man, 1);
        page h = {0}, m = {0}, d = {0};
        parse_help(out, &h);
        parse_man(mt, &m);
        parse_md(doc, names[k], &d);
        ck_assert_msg(h.n_opt >= 3, "ccsim %s lists %d options", args, h.n_opt);
        same_options(names[k], &h, "--help", &m, man);
        same_options(names[k], &h, "--help", &d, "docs/cli.md");
        synopsis_complete(man, &m);
        synopsis_complete("docs/cli.md", &d);
        page_free(&h);
        page_free(&m);
        page_free(&d);
        free(mt);
        free(out);
    }
    free(doc);
}
END_TEST

/* ccsim(1) and `ccsim --help`: the same options, description and command
 * list; a man page for every command and one for the scenario format. */
START_TEST(test_program_page)
{
    char *out = run_ok("--help");
    const char *usage = strstr(out, "usage: ccsim");
    ck_assert_msg(starts(out, "ccsim ") && usage, "ccsim --help:\n%s", out);
    char *mt = man_text("ccsim", 1);
    page h = {0}, m = {0};
    parse_help(usage, &h);
    parse_man(mt, &m);
    same_options("ccsim", &h, "--help", &m, "ccsim(1)");
    char names[16][32];
    int n = listed_commands(names, 16);
    for (int k = 0; k < n; k++) {
        char ref[1024];
        snprintf(ref, sizeof ref, ".BR ccsim\\-%s (1)", names[k]);
        ck_assert_msg(strstr(mt, ref) != NULL, "ccsim(1) does not list ccsim-%s(1)", names[k]);
    }
    page_free(&h);
    page_free(&m);
    free(mt);
    free(out);
    char *sc = man_text("ccsim-scenario", 5);
    ck_assert(strstr(sc, ".TH \"CCSIM\\-SCENARIO\" 5") != NULL);
    free(sc);
}
END_TEST

/* The commands ccsim(1) and --help list are the ones the binary runs: its
 * "unknown command" line names them. */
START_TEST(test_commands_are_the_binarys)
{
    char names[16][32];
    int n = listed_commands(names, 16);
    char *out = NULL, *err = NULL;
    ck_assert_int_eq(ccs_test_run("no-such-command", &out, &err), 2);
    const char *list = strstr(err, "expected one of:");
    ck_assert_msg(list != NULL, "unknown command: %s", err);
    int m = 0;
    for (const char *c = list + strlen("expected one of:"); *c && *c != ';';) {
        c += strspn(c, " ,");
        size_t len = strcspn(c, ",;");
        ck_assert_msg(m < n && strncmp(c, names[m], len) == 0 && strlen(names[m]) == len,
                      "the binary runs '%.*s' where --help lists '%s'", (int)len, c,
                      m < n ? names[m] : "nothing");
        m++;
        c += len;
    }
    ck_assert_int_eq(m, n);
    for (int k = 0; k < n; k++) {
        char man[1024];
        snprintf(man, sizeof man, "ccsim-%s", names[k]);
        free(man_text(man, 1));
    }
    free(out);
    free(err);
}
END_TEST

/* ---- the options the binary accepts ------------------------------------ */

/* One probe: 1 when the command took --name, 0 when it said the option is
 * unknown.  It must stop without running: status 2, or 0 after printing
 * its help (--help wins over what follows it). */
static int probe(const char *args, const char *name)
{
    char unknown[1024], unknown_eq[1024];
    snprintf(unknown, sizeof unknown, "unknown option '--%.40s'", name);
    snprintf(unknown_eq, sizeof unknown_eq, "unknown option '--%.40s='", name);
    char *out = NULL, *err = NULL;
    int st = ccs_test_run(args, &out, &err);
    ck_assert_msg(st == 2 || (st == 0 && starts(out, "usage: ccsim")),
                  "ccsim %s: exit %d, want 2 (or its help): %s", args, st, err);
    int ok = !strstr(err, unknown) && !strstr(err, unknown_eq);
    free(out);
    free(err);
    return ok;
}

/* 1 when `ccsim cmd` accepts --name (valued or a flag).  Each probe ends
 * with an unknown option, so that the command stops before running. */
static int accepted(const char *cmd, const char *name)
{
    char args[1024];
    snprintf(args, sizeof args, "%.40s --%.40s= --zz-probe", cmd, name);
    if (probe(args, name)) {
        return 1;
    }
    /* A flag that refuses "=" (compare's --quiet, --help). */
    snprintf(args, sizeof args, "%.40s --%.40s --zz-probe --zz-probe2", cmd, name);
    return probe(args, name);
}

/* The option-like string literals of a source file ("max-reps",
 * "--calls"), without dashes, appended to list. */
static int literals(const char *path, char list[][40], int n, int max)
{
    char *src = ccs_test_slurp(path);
    ck_assert_msg(src != NULL, "cannot read %s", path);
    for (const char *c = src; (c = strchr(c, '"')) != NULL;) {
        const char *e = c + 1;
        while (*e && *e != '"' && *e != '\n') {
            e += *e == '\\' ? 2 : 1;
        }
        if (*e != '"') {
            c = e;
            continue;
        }
        const char *s = c + 1;
        if (starts(s, "--")) {
            s += 2;
        }
        size_t len = (size_t)(e - s), ok = len >= 2 && len < 40 && islower((unsigned char)*s);
        for (size_t i = 0; ok && i < len; i++) {
            ok = islower((unsigned char)s[i]) || isdigit((unsigned char)s[i]) || s[i] == '-';
        }
        int dup = 0;
        for (int i = 0; ok && i < n && !dup; i++) {
            dup = strlen(list[i]) == len && strncmp(list[i], s, len) == 0;
        }
        if (ok && !dup) {
            ck_assert_int_lt(n, max);
            snprintf(list[n++], 40, "%.*s", (int)len, s);
        }
        c = e + 1;
    }
    free(src);
    return n;
}

START_TEST(test_options_documented_and_accepted)
{
    char names[16][32];
    int n = listed_commands(names, 16);
    for (int k = 0; k < n; k++) {
        char args[1024];
        snprintf(args, sizeof args, "%s --help", names[k]);
        char *out = run_ok(args);
        page h = {0};
        parse_help(out, &h);
        static char cand[400][40];
        int nc = 0;
        for (int i = 0; i < h.n_opt; i++) {
            for (const char *s = strstr(h.opt[i].spell, "--"); s; s = strstr(s + 2, "--")) {
                snprintf(cand[nc++], 40, "%.*s", (int)strcspn(s + 2, " =,"), s + 2);
            }
        }
        int documented = nc;
        char path[1024];
        snprintf(path, sizeof path, "src/cli/cmd_%s.c", names[k]);
        nc = literals(path, cand, nc, 400);
        nc = literals("src/cli/common.c", cand, nc, 400);
        for (int i = 0; i < nc; i++) {
            int doc = 0;
            for (int j = 0; j < documented && !doc; j++) {
                doc = strcmp(cand[i], cand[j]) == 0;
            }
            int acc = accepted(names[k], cand[i]);
            ck_assert_msg(!doc || acc, "ccsim %s --help lists --%s, which the binary refuses",
                          names[k], cand[i]);
            ck_assert_msg(doc || !acc,
                          "ccsim %s accepts --%s, which its help does not list (add it to "
                          "src/cli/help/%s.txt)",
                          names[k], cand[i], names[k]);
        }
        page_free(&h);
        free(out);
    }
}
END_TEST

/* ---- --version ----------------------------------------------------------- */

START_TEST(test_version)
{
    char *out = run_ok("--version");
    char *cl = ccs_test_slurp("debian/changelog");
    ck_assert(cl != NULL);
    char want[64];
    ck_assert_msg(sscanf(cl, "ccsim (%63[^-)]", want) == 1, "debian/changelog: %.40s", cl);
    char prefix[80];
    snprintf(prefix, sizeof prefix, "ccsim %s", want);
    ck_assert_msg(starts(out, prefix), "--version printed '%s', debian/changelog says %s", out,
                  want);
    const char *rest = out + strlen(prefix);
    if (access(".git", F_OK) == 0 && system("git rev-parse HEAD >/dev/null 2>&1") == 0) {
        char *head = NULL;
        ck_assert_int_eq(ccs_test_sh("git rev-parse HEAD", &head, NULL), 0);
        ck_assert_msg(starts(rest, " (git "), "a build from git prints no commit: '%s'", out);
        size_t len = strspn(rest + 6, "0123456789abcdef");
        ck_assert_msg(len >= 7 && strncmp(rest + 6, head, len) == 0,
                      "--version names commit '%.*s', HEAD is %s", (int)len, rest + 6, head);
        free(head);
    } else {
        ck_assert_str_eq(rest, "\n");
    }
    free(cl);
    free(out);
}
END_TEST

Suite *help_suite(void)
{
    Suite *s = suite_create("help");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);   /* some hundred short runs of the binary */
    tcase_add_test(tc, test_help_man_docs_agree);
    tcase_add_test(tc, test_program_page);
    tcase_add_test(tc, test_commands_are_the_binarys);
    tcase_add_test(tc, test_options_documented_and_accepted);
    tcase_add_test(tc, test_version);
    suite_add_tcase(s, tc);
    return s;
}
