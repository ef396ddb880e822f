/*
 * check_completion.c — the bash completion ($CCSIM_COMPLETION, generated
 * from the help sources) run by bash as a TAB would run it
 * (tests/complete.sh sets COMP_WORDS and COMP_CWORD and calls the
 * function): commands, options, enumerated values, files by kind and the
 * installed scenarios by name.  Its options are those of each command's
 * --help, and every value it offers for an option is one the binary
 * accepts.  Without bash the suite says so on stderr and checks nothing.
 */
#define _GNU_SOURCE
#include "ccs_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *script(void)
{
    const char *s = getenv("CCSIM_COMPLETION");
    return s && *s ? s : "build/gen/ccsim.bash";
}

static int have_bash(void)
{
    return system("command -v bash >/dev/null 2>&1") == 0;
}

/* The completions of words (blank-separated; a trailing blank means a
 * fresh empty word), one per line, sorted; env is prepended (e.g.
 * "CCSIM_SCENARIO_PATH=scenarios"). */
static char *complete(const char *env, const char *words)
{
    char *cmd = NULL;
    size_t n = strlen(words);
    int fresh = n > 0 && words[n - 1] == ' ';
    char quoted[1024] = "";
    for (const char *w = words; *w;) {
        w += strspn(w, " ");
        size_t len = strcspn(w, " ");
        if (len == 0) {
            break;
        }
        size_t used = strlen(quoted);
        snprintf(quoted + used, sizeof quoted - used, " '%.*s'", (int)len, w);
        w += len;
    }
    ck_assert_int_ge(asprintf(&cmd, "%s bash tests/complete.sh '%s'%s%s", env ? env : "", script(),
                              quoted, fresh ? " ''" : ""),
                     0);
    char *out = NULL, *err = NULL;
    int st = ccs_test_sh(cmd, &out, &err);
    ck_assert_msg(st == 0, "%s: exit %d: %s", cmd, st, err);
    free(cmd);
    free(err);
    return out;
}

#define EXPECT(env, words, want)                                                              \
    do {                                                                                      \
        char *got_ = complete(env, words);                                                    \
        ck_assert_msg(strcmp(got_, want) == 0, "completing '%s':\n got: %s\nwant: %s", words, \
                      got_, want);                                                            \
        free(got_);                                                                           \
    } while (0)

START_TEST(test_commands_and_options)
{
    if (!have_bash()) {
        fprintf(stderr, "check_completion: NOT TESTED: bash not found\n");
        return;
    }
    EXPECT(NULL, "ccsim r", "run\n");
    EXPECT(NULL, "ccsim s", "schedule\nstaff\nsweep\n");
    EXPECT(NULL, "ccsim ",
           "--help\n--version\ncompare\nerlang\nmerge\nrun\nschedule\nstaff\nsweep\ntrace\nvalidate\n");
    EXPECT(NULL, "ccsim run --fo", "--format\n");
    EXPECT(NULL, "ccsim staff --max-", "--max-abandon\n--max-occupancy\n--max-reps\n");
    EXPECT(NULL, "ccsim erlang --con", "--confidence\n");
    /* The command is the first word that is not an option. */
    EXPECT(NULL, "ccsim run --quiet --thr", "--threads\n");
}
END_TEST

START_TEST(test_values)
{
    if (!have_bash()) {
        return;
    }
    EXPECT(NULL, "ccsim run --format ", "csv\njson\ntext\n");
    EXPECT(NULL, "ccsim run --format j", "json\n");
    EXPECT(NULL, "ccsim trace --format ", "csv\ntext\n");
    EXPECT(NULL, "ccsim validate --format ", "json\ntext\n");
    EXPECT(NULL, "ccsim staff --criterion ", "ci\nmean\n");
    EXPECT(NULL, "ccsim schedule --objective d", "deviation\n");
    /* --opt=VALUE: one word when = does not break words (the prefix is
     * kept), three when it does (bash's default). */
    EXPECT(NULL, "ccsim run --format=j", "--format=json\n");
    EXPECT(NULL, "ccsim run --format = j", "json\n");
    EXPECT(NULL, "ccsim run --format =", "csv\njson\ntext\n");
    /* No values for a number. */
    EXPECT(NULL, "ccsim run --reps ", "");
}
END_TEST

START_TEST(test_files)
{
    if (!have_bash()) {
        return;
    }
    EXPECT("CCSIM_SCENARIO_PATH=", "ccsim run scenarios/mm",
           "scenarios/mmc-abandon.cfg\nscenarios/mmc.cfg\n");
    /* Directories, to go down into. */
    EXPECT("CCSIM_SCENARIO_PATH=", "ccsim run scenarios/te", "scenarios/teach\n");
    /* schedule's REQUIREMENTS is a CSV file, --shifts a .cfg. */
    EXPECT(NULL, "ccsim schedule scenarios/planning/", "scenarios/planning/forecast.csv\n");
    EXPECT(NULL, "ccsim schedule r.csv --shifts scenarios/planning/s",
           "scenarios/planning/shifts.cfg\n");
    EXPECT(NULL, "ccsim erlang --forecast scenarios/planning/f",
           "scenarios/planning/forecast.csv\n");
    /* --plot takes a directory. */
    EXPECT(NULL, "ccsim run --plot scenarios/p", "scenarios/planning\n");
    /* Installed scenarios by name, from CCSIM_SCENARIO_PATH. */
    EXPECT("CCSIM_SCENARIO_PATH=scenarios", "ccsim run capt", "captive\n");
    EXPECT("CCSIM_SCENARIO_PATH=scenarios", "ccsim compare captive bpo-of", "bpo-offshore\n");
    EXPECT("CCSIM_SCENARIO_PATH=scenarios", "ccsim validate teach/01", "teach/01-mm1\n");
    EXPECT("CCSIM_SCENARIO_PATH=/nonexistent", "ccsim run capt", "");
}
END_TEST

/* The options completed after "--" are each command's --help options, and
 * every value completed for an option is accepted by the binary. */
START_TEST(test_agrees_with_help_and_binary)
{
    if (!have_bash()) {
        return;
    }
    static const char *const cmds[] = {"run",   "erlang", "staff",   "sweep",
                                       "trace", "validate", "compare", "schedule"};
    for (size_t k = 0; k < sizeof cmds / sizeof cmds[0]; k++) {
        char words[128];
        snprintf(words, sizeof words, "ccsim %s --", cmds[k]);
        char *opts = complete(NULL, words);
        char args[128];
        snprintf(args, sizeof args, "%s --help", cmds[k]);
        char *help = NULL;
        ck_assert_int_eq(ccs_test_run(args, &help, NULL), 0);
        int n_help = 0;
        for (const char *l = help; l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
            if (strncmp(l, "  -", 3) != 0) {
                continue;
            }
            const char *o = strstr(l, "--");
            char want[64];
            snprintf(want, sizeof want, "\n%.*s\n", (int)strcspn(o, " =,\n"), o);
            char *lines = NULL;
            ck_assert_int_ge(asprintf(&lines, "\n%s", opts), 0);
            ck_assert_msg(strstr(lines, want) != NULL, "ccsim %s: completion lacks %.*s", cmds[k],
                          (int)strlen(want) - 2, want + 1);
            free(lines);
            n_help++;
        }
        int n_comp = 0;
        for (const char *c = opts; (c = strchr(c, '\n')) != NULL; c++) {
            n_comp++;
        }
        ck_assert_msg(n_comp <= n_help, "ccsim %s: %d options completed, %d in --help", cmds[k],
                      n_comp, n_help);
        /* Values: any option for which the completion offers words in a
         * directory without files is an enumeration. */
        for (const char *o = opts; *o;) {
            size_t len = strcspn(o, "\n");
            char *cmd = NULL;
            char *vals = NULL;
            ck_assert_int_ge(asprintf(&cmd,
                                      "root=$(pwd); s='%s'; case $s in /*) ;; *) s=$root/$s;; esac\n"
                                      "d=$(mktemp -d) && cd \"$d\" || exit 9\n"
                                      "CCSIM_SCENARIO_PATH= bash \"$root/tests/complete.sh\" \"$s\" "
                                      "ccsim %s %.*s ''\nst=$?; cd / && rmdir \"$d\"; exit $st\n",
                                      script(), cmds[k], (int)len, o),
                             0);
            ck_assert_int_eq(ccs_test_sh(cmd, &vals, NULL), 0);
            for (const char *v = vals; *v;) {
                size_t vl = strcspn(v, "\n");
                char *probe = NULL, *err = NULL;
                ck_assert_int_ge(asprintf(&probe, "%s %.*s=%.*s --zz-probe=1", cmds[k], (int)len, o,
                                          (int)vl, v),
                                 0);
                ccs_test_run(probe, NULL, &err);
                ck_assert_msg(strstr(err, "unknown option '--zz-probe") != NULL,
                              "ccsim %s: the completed value is refused: %s", probe, err);
                free(probe);
                free(err);
                v += vl + (v[vl] == '\n');
            }
            free(vals);
            free(cmd);
            o += len + (o[len] == '\n');
        }
        free(help);
        free(opts);
    }
}
END_TEST

Suite *completion_suite(void)
{
    Suite *s = suite_create("completion");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);   /* a few hundred bash runs */
    tcase_add_test(tc, test_commands_and_options);
    tcase_add_test(tc, test_values);
    tcase_add_test(tc, test_files);
    tcase_add_test(tc, test_agrees_with_help_and_binary);
    suite_add_tcase(s, tc);
    return s;
}
