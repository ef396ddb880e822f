/*
 * check_cli_trace.c — `ccsim trace` labels: the interval column says `w`
 * only during the warm-up and `end` after the last interval, and what the
 * busy column means on a depart line is said in the same words by the
 * output and by docs/cli.md.
 */
#include "ccs_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#define TINY "scenarios/teach/00-trace-tiny.cfg"

/* Runs args with --out into a temporary file and reads it as CSV. */
static ccs_csv *run_csv(const char *args)
{
    char path[] = "/tmp/ccs_trace_csvXXXXXX";
    int fd = mkstemp(path);
    ck_assert(fd >= 0);
    close(fd);
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "%s --out %s", args, path);
    char *out = NULL, *err = NULL;
    int rc = ccs_test_run(cmd, &out, &err);
    ck_assert_msg(rc == 0, "ccsim %s: exit %d: %s", cmd, rc, err);
    free(out);
    free(err);
    ccs_csv *c = ccs_csv_read(path);
    unlink(path);
    return c;
}

/* Reads a doc with every run of blanks and newlines made one space, so a
 * phrase is found wherever the paragraph wraps. */
static char *doc_text(const char *path)
{
    char *s = ccs_test_slurp(path);
    ck_assert_msg(s != NULL, "cannot read %s", path);
    char *w = s;
    for (const char *r = s; *r; r++) {
        int blank = *r == ' ' || *r == '\n' || *r == '\t';
        if (!blank || (w > s && w[-1] != ' ')) {
            *w++ = blank ? ' ' : *r;
        }
    }
    *w = '\0';
    return s;
}

/* A 5-minute warm-up, one 60-minute interval, traced for two hours: the
 * label follows the event's time, not "w" for everything outside the day. */
START_TEST(test_trace_interval_labels)
{
    ccs_csv *c = run_csv("trace " TINY " --set run.warmup_minutes=5 --until 2h --format csv");
    const double warm = 300, day_end = 300 + 3600;
    int n_warm = 0, n_day = 0, n_end = 0;
    for (int i = 0; i < c->nrows; i++) {
        double t = ccs_csv_num(c, i, "time_s");
        const char *iv = ccs_csv_str(c, i, "interval");
        const char *kind = ccs_csv_str(c, i, "event");
        if (t < warm - 1e-6) {
            ck_assert_msg(strcmp(iv, "w") == 0, "row %d (%s at %.3f s, warm-up): interval '%s'",
                          i, kind, t, iv);
            n_warm++;
        } else if (t < day_end - 1e-6) {
            ck_assert_msg(strcmp(iv, "0") == 0, "row %d (%s at %.3f s, in the day): '%s'", i,
                          kind, t, iv);
            n_day++;
        } else if (t > day_end + 1e-6 || strcmp(kind, "interval") == 0) {
            ck_assert_msg(strcmp(iv, "end") == 0,
                          "row %d (%s at %.3f s, after the day): interval '%s', want 'end'", i,
                          kind, t, iv);
            n_end++;
        }
    }
    ck_assert_msg(n_warm > 0 && n_day > 10 && n_end > 0,
                  "the trace should cover all three periods: %d warm-up, %d day, %d after", n_warm,
                  n_day, n_end);
    ccs_csv_free(c);
}
END_TEST

/* The depart line counts the departing agent as free (the hand-worked test
 * in check_cli_teach.c asserts busy = 0 there); the text output and
 * docs/cli.md say so in the same words, and neither says the opposite. */
START_TEST(test_trace_busy_docs_agree)
{
    static const char note[] = "a departing agent is already counted free";
    char *out = NULL, *err = NULL;
    int rc = ccs_test_run("trace " TINY " --until 10m", &out, &err);
    ck_assert_int_eq(rc, 0);
    ck_assert_msg(strstr(out, note) != NULL, "trace output lacks '%s':\n%s", note, out);
    ck_assert_msg(strstr(out, "w = warm-up") && strstr(out, "end = after the last interval"),
                  "trace output does not explain the ivl labels:\n%s", out);
    free(out);
    free(err);
    char *doc = doc_text("docs/cli.md");
    ck_assert_msg(strstr(doc, note) != NULL, "docs/cli.md lacks '%s'", note);
    ck_assert_msg(strstr(doc, "departing agent is still counted") == NULL,
                  "docs/cli.md still says the departing agent is counted busy");
    ck_assert_msg(strstr(doc, "`end` after the last interval") != NULL,
                  "docs/cli.md does not explain the `end` label");
    free(doc);
}
END_TEST


/* A chat day traced whole (no warm-up, until every session has ended): as
 * many chat_beg lines as the run (one replication, the same streams) counts
 * chats answered, as many chat_end as chat_beg, chat_arr = offered,
 * chat_abn = abandoned; times never decrease; an agent's open sessions
 * (sessions "k/slots") never exceed its slots; voice events keep their
 * columns. */
#define CHAT "scenarios/contact-center-chat.cfg --set run.warmup_minutes=0"

static double chat_mean(json_t *root, const char *key)
{
    json_t *v = json_object_get(json_object_get(json_object_get(root, "chat"), key), "mean");
    ck_assert_msg(json_is_number(v), "chat.%s.mean missing", key);
    return json_number_value(v);
}

START_TEST(test_trace_chat_counts)
{
    ccs_csv *c = run_csv("trace " CHAT " --until 30h --format csv");
    int arr = 0, beg = 0, end = 0, abn = 0;
    double last = -1;
    for (int i = 0; i < c->nrows; i++) {
        double t = ccs_csv_num(c, i, "time_s");
        ck_assert_msg(t >= last, "row %d: time %.3f after %.3f", i, t, last);
        last = t;
        const char *ev = ccs_csv_str(c, i, "event");
        arr += strcmp(ev, "chat_arr") == 0;
        abn += strcmp(ev, "chat_abn") == 0;
        int b = strcmp(ev, "chat_beg") == 0, e = strcmp(ev, "chat_end") == 0;
        beg += b;
        end += e;
        if (b || e) {
            int open = -1, slots = -1;
            ck_assert_int_eq(sscanf(ccs_csv_str(c, i, "sessions"), "%d/%d", &open, &slots), 2);
            ck_assert_msg(slots == 3 && open >= (b ? 1 : 0) && open <= slots,
                          "row %d: %s with %d/%d sessions", i, ev, open, slots);
            ck_assert_msg(ccs_csv_num(c, i, "agent") >= 1, "row %d: no agent", i);
        }
    }
    ccs_csv_free(c);
    char *out = NULL, *err = NULL;
    int rc = ccs_test_run("run " CHAT " --set run.replications=1 --format json", &out, &err);
    ck_assert_msg(rc == 0, "run: exit %d: %s", rc, err);
    json_error_t je;
    json_t *root = json_loads(out, 0, &je);
    ck_assert_msg(root != NULL, "run: not JSON: %s", je.text);
    ck_assert_msg(arr > 100, "only %d chat arrivals traced", arr);
    ck_assert_int_eq(arr, (int)chat_mean(root, "offered"));
    ck_assert_int_eq(beg, (int)chat_mean(root, "answered"));
    ck_assert_int_eq(abn, (int)chat_mean(root, "abandoned"));
    ck_assert_int_eq(end, beg);
    json_decref(root);
    free(out);
    free(err);
}
END_TEST

Suite *cli_trace_suite(void)
{
    Suite *s = suite_create("cli_trace");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_trace_interval_labels);
    tcase_add_test(tc, test_trace_busy_docs_agree);
    tcase_add_test(tc, test_trace_chat_counts);
    suite_add_tcase(s, tc);
    return s;
}
