/*
 * scenario_reader.h — private to the scenario reader: a typed reader of
 * libconfig settings whose every refusal names the file, the line and the
 * key path ("calls.[0].handle_time.mean"), and the notes that keep that
 * position and the number as written where libconfig cannot.
 *
 * A section reader (scenario_calls.c, scenario_agents.c, ...) asks for a
 * duration, a fraction, an integer in a range, a name, a non-empty list of
 * sections or one value per interval; on a bad value the reader fills the
 * walk's ccs_error (CCS_ECONFIG, file:line, key, "expected ..., got ...")
 * and returns non-zero, and the section returns at once: the walk stops at
 * the first problem.  Values come back as plain C values; nothing returned
 * points into libconfig memory except get_string(), whose text the caller
 * copies.
 *
 * Notes.  A setting may carry a note (libconfig's public per-setting hook,
 * config_setting_set_hook(); nothing else in ccsim sets hooks):
 *   - `written`: the literal as the text wrote it, when libconfig 1.5
 *     stored another number (4294967298 stored as 2; scenario_lex.h).  The
 *     reader reads and quotes what was written.
 *   - `line`, `file`: where the setting was written, for a setting that the
 *     --set engine (scenario_set.c) had to re-create with another type, and
 *     for the siblings it re-created to keep their order.  libconfig gives
 *     re-created settings line 0, so without the note a message would lose
 *     the line of the file.
 * Notes live in a ccs__notes pool owned by the parse, freed after the walk
 * (with the config).  Not thread-safe, not reentrant across parses sharing
 * one pool.
 */
#ifndef CCSIM_SCENARIO_READER_H
#define CCSIM_SCENARIO_READER_H

#include <libconfig.h>
#include <stddef.h>

#include "ccsim/error.h"
#include "ccsim/forecast.h"
#include "ccsim/scenario.h"
#include "scenario/scenario_lex.h"

#if defined(__GNUC__)
#define CCS__PRINTF_LIKE(a, b) __attribute__((format(printf, a, b)))
#else
#define CCS__PRINTF_LIKE(a, b)
#endif

/* --------------------------------------------------------------- notes */

typedef struct ccs__note {
    int line;            /* line of the file that wrote the setting; -1: libconfig's own */
    const char *file;    /* with line >= 0: the @include file, NULL for the main text */
    const char *written; /* the literal as written when libconfig stored another
                            number; NULL */
} ccs__note;

typedef struct ccs__notes {
    ccs__note **blocks; /* blocks of CCS__NOTES_BLOCK notes; owned */
    size_t n;           /* notes handed out */
    size_t n_blocks;
} ccs__notes;

#define CCS__NOTES_BLOCK 256

/* A new note (line -1, no file, nothing written), owned by ns; its address
 * is stable until ccs__notes_fini().  NULL when out of memory. */
ccs__note *ccs__note_new(ccs__notes *ns);

/* Frees every note of ns; ns is empty afterwards. */
void ccs__notes_fini(ccs__notes *ns);

/* The note of s, or NULL. */
ccs__note *ccs__note_of(const config_setting_t *s);

/* Matches the literals of `text` that libconfig stored as other numbers
 * (ccs__lex_overflows()) to their settings in cfg and notes them.  lits
 * receives the scanned literals (the notes point into it: free it after
 * the walk).  Returns CCS_OK or CCS_ENOMEM. */
int ccs__note_literals(const char *text, const config_t *cfg, ccs__notes *ns, ccs_literal **lits);

/* -------------------------------------------------------------- reader */

/* State of one validating walk. */
typedef struct ccs__reader {
    const char *file; /* name used in messages */
    ccs_error *err;
    ccs_scenario *sc;  /* what is read so far */
    int has_outbound;  /* the file has an outbound section */
    int has_backoffice; /* the file has a backoffice list (a group may work only that) */
    ccs_forecast **fc; /* [n_types] what each `forecast` key read, checked against
                            the call type once all are read; owned by the calls
                            section (scenario_calls.c) */
} ccs__reader;

typedef int (*ccs__unit_fn)(const char *s, double *out);

/* Positions.  The setting's path in libconfig syntax (members by name,
 * list and array elements as "[i]"; "" for the root); its line (a note's,
 * else libconfig's; 0 for a setting --set created); its file (the @include
 * file, else r->file). */
void ccs__path_of(const config_setting_t *s, char *buf, size_t n);
int ccs__line_of(const config_setting_t *s);
const char *ccs__file_of(const ccs__reader *r, const config_setting_t *s);

/* Failures: each fills r->err and returns its code (CCS_ECONFIG, or
 * CCS_ENOMEM for ccs__fail_nomem()).  fail_at reports at setting s;
 * fail_missing a key `name` missing from group g, at g's line. */
int ccs__fail_at(ccs__reader *r, const config_setting_t *s, const char *fmt, ...)
    CCS__PRINTF_LIKE(3, 4);
int ccs__fail_missing(ccs__reader *r, const config_setting_t *g, const char *name, const char *fmt,
                      ...) CCS__PRINTF_LIKE(4, 5);
int ccs__fail_nomem(ccs__reader *r);

/* "got ..." text of a setting for messages: the number as written, a
 * quoted string, "a group { ... }", ... */
const char *ccs__describe(const ccs__reader *r, const config_setting_t *s, char *buf, size_t n);

/* ------------------------------------------------------------- scalars */

/* A number, or a string with units parsed by fn (NULL: numbers only);
 * `scale` converts a bare number to the canonical unit (60 for minutes).
 * Then the range check: lo and hi, each open or closed (hi INFINITY: no
 * upper bound).  noun describes the expected form in messages. */
int ccs__get_value(ccs__reader *r, const config_setting_t *s, ccs__unit_fn fn, double scale,
                   const char *noun, double lo, int lo_open, double hi, int hi_open, double *out);

/* Refuses a duration v (seconds; a bare number in s is v / scale) longer
 * than a year (CCS_DIST_MAX_S), quoting s as written. */
int ccs__check_year(ccs__reader *r, const config_setting_t *s, double v, double scale);

/* A duration in seconds (or "3m") >= lo (> lo if lo_open), at most a year. */
int ccs__get_duration(ccs__reader *r, const config_setting_t *s, double lo, int lo_open,
                      double *out);

/* A number of minutes (or "1h"), returned in seconds; >= lo minutes. */
int ccs__get_minutes(ccs__reader *r, const config_setting_t *s, double lo, int lo_open,
                     double *out);

/* A fraction in [0, 1] ((0, 1] if lo_open), or "80%". */
int ccs__get_fraction(ccs__reader *r, const config_setting_t *s, int lo_open, double *out);

/* An integer in [lo, hi] (hi LONG_MAX: no upper bound), as written. */
int ccs__get_long(ccs__reader *r, const config_setting_t *s, long lo, long hi, long *out);

/* true or false. */
int ccs__get_bool(ccs__reader *r, const config_setting_t *s, int *out);

/* A string in double quotes; *out points into the config (copy it). */
int ccs__get_string(ccs__reader *r, const config_setting_t *s, const char **out);

/* Optional members: absent leaves *out (the default) as it is. */
int ccs__opt_duration(ccs__reader *r, const config_setting_t *g, const char *name, double lo,
                      int lo_open, double *out);
int ccs__opt_fraction(ccs__reader *r, const config_setting_t *g, const char *name, double *out);
int ccs__opt_int(ccs__reader *r, const config_setting_t *g, const char *name, long lo, long hi,
                 int *out);

/* Whether text prints as itself: UTF-8 without control characters (what
 * ccs_escape() leaves alone). */
int ccs__printable(const char *text);

/* The required `name` of a call type, agent group or campaign (`what`),
 * copied into buf: 1 to n - 1 printable characters, no commas or quotes. */
int ccs__get_name(ccs__reader *r, const config_setting_t *g, const char *what, char *buf, size_t n);

/* --------------------------------------------------------------- groups */

/* The member `name` of g, which must be there: else fails with "required:
 * <why>" at g and returns NULL. */
const config_setting_t *ccs__require(ccs__reader *r, const config_setting_t *g, const char *name,
                                     const char *why);

/* s must be a group { ... }; `what` is the expected form in the message. */
int ccs__expect_group(ccs__reader *r, const config_setting_t *s, const char *what);

/* Every member of group g must be in allowed (NULL-terminated). */
int ccs__check_keys(ccs__reader *r, const config_setting_t *g, const char *const *allowed);

/* ------------------------------------------------------------ sequences */

int ccs__is_sequence(const config_setting_t *s);

/* The dimension of the tallies that a list of sections sets. */
typedef enum ccs__dim { CCS__DIM_TYPES, CCS__DIM_GROUPS, CCS__DIM_CAMPAIGNS } ccs__dim;

/* A non-empty list l ( { ... }, ... ) of at most max `what` (call types,
 * agent groups, campaigns) whose length, as dimension dim with the others
 * read so far, keeps intervals x (types + campaigns) x (groups + 1) within
 * CCS_MAX_TALLY_CELLS; returns a new zeroed array of its length of elements
 * of `size` bytes (the caller stores it and the length in the scenario,
 * then reads the elements with ccs__read_elems()), or NULL with the error
 * filled. */
void *ccs__list_new(ccs__reader *r, const config_setting_t *l, const char *what, int max,
                    ccs__dim dim, size_t size);

/* Reads every element i of list l with elem(r, element, i). */
int ccs__read_elems(ccs__reader *r, const config_setting_t *l,
                    int (*elem)(ccs__reader *, const config_setting_t *, int));

/* A non-empty array of names resolved with find(): each must name one of
 * the `what`s of section `where` and appear once.  `form` is the expected
 * form in the message ("a non-empty array of call type names [ \"...\" ]").
 * *out is a new array of *n indices (caller frees; set even on failure). */
int ccs__get_names(ccs__reader *r, const config_setting_t *s, const char *form,
                   int (*find)(const ccs_scenario *, const char *), const char *what,
                   const char *where, int **out, int *n);

/* A non-empty array or list of values >= lo (> lo if lo_open) and <= hi,
 * each read with ccs__get_value(); *out is a new array of *n values (caller
 * frees; NULL on failure). */
int ccs__get_values(ccs__reader *r, const config_setting_t *s, ccs__unit_fn fn, const char *noun,
                    double lo, int lo_open, double hi, double **out, int *n);

/* Fills out[n_intervals] from a scalar (all intervals alike) or from a
 * sequence with one value >= 0 per interval; each value is scaled by
 * `scale`. */
int ccs__get_per_interval(ccs__reader *r, const config_setting_t *s, ccs__unit_fn fn,
                          const char *noun, double scale, double *out);

/* As ccs__get_per_interval() for integers in [lo, hi]. */
int ccs__get_per_interval_int(ccs__reader *r, const config_setting_t *s, long lo, long hi,
                              int *out);

/* -------------------------------------------------------- distributions */

/* Reads a distribution group { dist = "..."; ... } into d (d zeroed; on
 * failure the caller's cleanup releases whatever d owns).  scenario_dist.c */
int ccs__read_dist(ccs__reader *r, const config_setting_t *g, ccs_dist *d);

/* The optional distribution member `name` of g: absent leaves d (the
 * default) as it is; present replaces it. */
int ccs__opt_dist(ccs__reader *r, const config_setting_t *g, const char *name, ccs_dist *d);

#endif
