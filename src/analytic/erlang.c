/*
 * erlang.c — Erlang B, Erlang C, Erlang A (M/M/N+M) and staffing.
 *
 * Everything rests on one stable quantity, the "Erlang ratio"
 *     kappa(N, A) = pi_N / P(n < N) = t_N / sum_{n<N} t_n,   t_n = A^n / n!,
 * computed by the positive recurrence kappa(1) = A,
 *     kappa(n) = A * kappa(n-1) / (n * (1 + kappa(n-1))),
 * which contracts relative errors (factor 1 / (1 + kappa) per step), never
 * overflows (kappa(n) <= A / n) and underflows gracefully to 0 when the
 * system is lightly loaded.  Erlang B is kappa / (1 + kappa) (the classic
 * recurrence 1/B(n) = 1 + n / (A B(n-1)) rewritten so nothing overflows),
 * Erlang C is N kappa / (N - A + N kappa); both without factorials or
 * powers.  Erlang A sums the birth-death chain above N state by state with
 * every accumulator kept as a mantissa and a separate binary exponent, so
 * loads far above N and tails far below DBL_MIN lose no precision.
 * Formulas, sources and accuracy: docs/erlang.md.
 *
 * Invariant: no function here allocates, prints or touches global state;
 * no valid input yields NaN.
 */
#include "ccsim/erlang.h"

#include <float.h>
#include <limits.h>
#include <math.h>

/* Largest N that eval and staffing accept: the work is O(N), and no call
 * center is bigger; this only keeps absurd inputs from running for minutes. */
#define MAX_AGENTS 10000000

/* Most chain states above N summed for one Erlang A evaluation.  Only an
 * overloaded system with patience far longer than the handle time comes
 * near it (the chain peaks near (lambda - N mu) / theta states). */
#define MAX_CHAIN_STATES CCS_ERLANG_MAX_CHAIN_STATES

/* Scaled accumulators are divided by 2^SCALE_BITS once they pass
 * 2^SCALE_LIMIT, so products of two of them stay below DBL_MAX. */
#define SCALE_BITS 400
#define SCALE_LIMIT 0x1p450

/* Relative truncation error allowed for each chain sum, and the floor below
 * which a tail probability (P(W > T) relative to P(W > 0)) is only resolved
 * absolutely. */
#define CHAIN_EPS 0x1p-56
#define TAIL_FLOOR 1e-30

/* M_PI and friends are not in strict C11. */
#define LN2 0.693147180559945309417232121458176568
#define SQRT2 1.41421356237309504880168872420969808
#define SQRT_2PI 2.50662827463100050241576528481104525

/* ---- Erlang ratio ------------------------------------------------------ */

/* One step of the recurrence: kappa(n) from kappa(n-1), n >= 2. */
static inline double kappa_next(double kappa, int n, double load)
{
    if (load > 1e150) {
        /* Same value, ordered so that load * kappa cannot overflow. */
        return load / ((double)n * (1.0 + 1.0 / kappa));
    }
    return load * kappa / ((double)n * (1.0 + kappa));
}

/* kappa(n, load) for n >= 1 in O(n) (stops early once it underflows). */
static double kappa_from(int from, double kappa, int n, double load)
{
    for (int i = from + 1; i <= n && kappa > 0.0; i++) {
        kappa = kappa_next(kappa, i, load);
    }
    return kappa;
}

static double kappa_at(int n, double load)
{
    return kappa_from(1, load, n, load);
}

/* Erlang C from the ratio: C = N kappa / (N - A + N kappa), A < N. */
static double erlang_c_from_kappa(int n, double load, double kappa)
{
    double nk = (double)n * kappa;
    return nk / (((double)n - load) + nk);
}

int ccs_erlang_b_e(int agents, double load, ccs_erlang_result *r)
{
    CCS_ASSERT(r != NULL);
    if (agents < 0 || !(load >= 0.0) || !isfinite(load)) {
        r->val = NAN;
        r->err = NAN;
        return CCS_EINVAL;
    }
    if (agents == 0) {
        r->val = 1.0;
        r->err = 0.0;
        return CCS_OK;
    }
    double k = kappa_at(agents, load);
    r->val = k / (1.0 + k);
    /* Each step adds at most ~3 ulp and contracts what came before; the
     * bound below is what the reference vectors show, with a margin. */
    r->err = (4.0 + 2.0 * sqrt((double)agents)) * DBL_EPSILON * r->val;
    return CCS_OK;
}

double ccs_erlang_b(int agents, double load)
{
    ccs_erlang_result r;
    ccs_erlang_b_e(agents, load, &r);
    return r.val;
}

int ccs_erlang_c_e(int agents, double load, ccs_erlang_result *r)
{
    CCS_ASSERT(r != NULL);
    if (agents < 1 || !(load >= 0.0) || !isfinite(load)) {
        r->val = NAN;
        r->err = NAN;
        return CCS_EINVAL;
    }
    if (load >= (double)agents) {
        r->val = 1.0;
        r->err = 0.0;
        return CCS_EUNSTABLE;
    }
    double k = kappa_at(agents, load);
    r->val = erlang_c_from_kappa(agents, load, k);
    /* Rounding of N - A is amplified by A / (N - A) near saturation. */
    r->err = ((6.0 + 2.0 * sqrt((double)agents)) * DBL_EPSILON
              + 4.0 * DBL_EPSILON * load / ((double)agents - load)) * r->val;
    return CCS_OK;
}

double ccs_erlang_c(int agents, double load)
{
    ccs_erlang_result r;
    ccs_erlang_c_e(agents, load, &r);
    return r.val;
}

/* ---- evaluation at one N ------------------------------------------------ */

/* The query in the units the formulas want. */
typedef struct params {
    double load;     /* A, Erlangs */
    double lam;      /* arrival rate, per second */
    double mu;       /* service rate 1 / AHT, per second */
    double theta;    /* abandonment rate 1 / patience, per second; 0 = none */
    double aht;      /* seconds */
    double t;        /* service-level threshold, seconds */
} params;

static int query_ok(const ccs_erlang_query *q)
{
    return isfinite(q->calls_per_hour) && q->calls_per_hour > 0.0
        && isfinite(q->aht_s) && q->aht_s > 0.0 && q->aht_s <= CCS_ERLANG_MAX_TIME_S
        && isfinite(q->patience_s)
        && (q->patience_s == 0.0 || q->patience_s >= CCS_ERLANG_MIN_PATIENCE_S)
        && isfinite(q->threshold_s) && q->threshold_s >= 0.0;
}

static void params_from(const ccs_erlang_query *q, params *p)
{
    p->lam = q->calls_per_hour / 3600.0;
    p->aht = q->aht_s;
    p->mu = 1.0 / q->aht_s;
    p->load = q->calls_per_hour * q->aht_s / 3600.0;
    p->theta = q->patience_s > 0.0 ? 1.0 / q->patience_s : 0.0;
    p->t = q->threshold_s;
}

static void fill_unstable(const params *p, int n, ccs_erlang_metrics *m)
{
    m->agents = n;
    m->offered_load = p->load;
    m->stable = 0;
    m->prob_wait = 1.0;
    m->service_level = 0.0;
    m->service_level_answered = 0.0;
    m->prob_wait_gt_t = 1.0;
    m->asa_s = INFINITY;
    m->asa_all_s = INFINITY;
    m->occupancy = 1.0;
    m->prob_abandon = 0.0;
    m->prob_abandon_within_t = 0.0;
    m->mean_queue_length = INFINITY;
}

/* Erlang C at N > A given kappa(N, A).  P(W > T) = C e^{-(N-A) T / AHT};
 * SL and 1 - C are written as sums of positive terms so that neither
 * loses digits when close to 0. */
static void eval_c(const params *p, int n, double kappa, ccs_erlang_metrics *m)
{
    double dn = (double)n;
    double gap = dn - p->load;                 /* N - A > 0 */
    double nk = dn * kappa;
    double den = gap + nk;
    double c = nk / den;
    double x = gap * p->t / p->aht;
    double tail = c * exp(-x);
    m->agents = n;
    m->offered_load = p->load;
    m->stable = 1;
    m->prob_wait = c;
    m->prob_wait_gt_t = tail;
    m->service_level = (gap - nk * expm1(-x)) / den;
    m->service_level_answered = m->service_level;
    m->asa_s = c * p->aht / gap;
    m->asa_all_s = m->asa_s;
    m->occupancy = p->load / dn;
    m->prob_abandon = 0.0;
    m->prob_abandon_within_t = 0.0;
    m->mean_queue_length = c * p->load / gap;
}

/* x * 2^e with e a long, saturating instead of wrapping the int argument. */
static double ldexp_sat(double x, long e)
{
    if (e > INT_MAX / 2) {
        e = INT_MAX / 2;
    } else if (e < INT_MIN / 2) {
        e = INT_MIN / 2;
    }
    return ldexp(x, (int)e);
}

/* e^l as m * 2^e with m in [1, 2) (l finite, possibly far below -745). */
static double exp_scaled(double l, long *e)
{
    /* Cody-Waite split of ln 2 so that l - e ln 2 is exact enough. */
    static const double ln2_hi = 6.93147180369123816490e-01;
    static const double ln2_lo = 1.90821492927058770002e-10;
    double k = floor(l / LN2);
    double f = (l - k * ln2_hi) - k * ln2_lo;
    *e = (long)k;
    return exp(f);
}

/*
 * Erlang A at N given kappa(N, A).  Phase q = callers already queued when a
 * caller arrives (PASTA: state N + q).  With r_q = pi_{N+q} / pi_N,
 * r_q = prod_{j<=q} lambda / (N mu + j theta), an arrival in phase q
 *   is served with probability N mu / (N mu + (q+1) theta),
 *   has E[W 1{served}] = that * sum_{i=1}^{q+1} 1 / (N mu + i theta),
 *   has P(W > T) = z I_z(a, q+1) and P(served, W > T) = a/(a+q+1) I_z(a+1, q+1)
 * where z = e^{-theta T}, a = N mu / theta, and I_z with an integer second
 * argument is a negative-binomial CDF summed term by term (reference
 * README, route 2).  The chain stops when a geometric bound on every
 * remaining term is below CHAIN_EPS of what has been summed.
 */
static int eval_a(const params *p, int n, double kappa, ccs_erlang_metrics *m)
{
    const double lam = p->lam;
    const double th = p->theta;
    const double nm = (double)n * p->mu;
    const double t = p->t;
    const int timed = t > 0.0;

    if ((lam - nm) / th > (double)MAX_CHAIN_STATES) {
        return CCS_EINVAL;
    }

    /* r family: r, J = sum r, Q = sum q r, S = sum r P(served|q),
     * W = sum r E[W 1{served}|q]; scale 2^er. */
    double r = 1.0, sj = 0.0, sq = 0.0, ss = 0.0, sw = 0.0;
    long er = 0;
    /* w family: z I_z(a, q+1) and I_z(a+1, q+1) by their negative-binomial
     * terms, both starting at z^{a+1}; scale 2^ew.  Products G = sum r z I,
     * H = sum r P(served|q) I carry scale 2^{er+ew}. */
    double c1z = timed ? -expm1(-th * t) / th : 0.0;   /* (1 - z) / theta */
    long ew = 0;
    double wm = timed ? exp_scaled(-(nm + th) * t, &ew) : 1.0;
    double vm = wm, iw = wm, iv = vm, sg = 0.0, sh = 0.0;
    double h = 0.0;

    long qmax = MAX_CHAIN_STATES;
    long q;
    for (q = 0; q <= qmax; q++) {
        double d = nm + (double)(q + 1) * th;   /* rate out of phase q */
        double ps = nm / d;
        h += 1.0 / d;
        double rps = r * ps;
        sj += r;
        sq += (double)q * r;
        ss += rps;
        sw += rps * h;
        if (timed) {
            sg += r * iw;
            sh += rps * iv;
        }

        double rho = lam / d;                   /* r_{q+1} / r_q */
        if (r == 0.0) {
            break;
        }
        if (rho < 1.0) {
            double t1 = rho / (1.0 - rho);
            double tj = r * t1;
            double tq = r * ((double)q * t1 + t1 / (1.0 - rho));
            double tw = r * (h * t1 + t1 / ((1.0 - rho) * (nm + (double)(q + 2) * th)));
            int done = tj <= CHAIN_EPS * sj && tj <= CHAIN_EPS * ss
                && tq <= CHAIN_EPS * sq && tw <= CHAIN_EPS * sw;
            if (done && timed) {
                /* z I <= 1 and P(served|q) I <= 1 in true units. */
                double floor_j = TAIL_FLOOR * sj;
                double g = ldexp_sat(sg, ew), hh = ldexp_sat(sh, ew);
                done = tj <= CHAIN_EPS * fmax(g, floor_j)
                    && tj <= CHAIN_EPS * fmax(hh, floor_j);
            }
            if (done) {
                break;
            }
        }

        r *= rho;
        if (r > SCALE_LIMIT || sj > SCALE_LIMIT || sq > SCALE_LIMIT) {
            r = ldexp(r, -SCALE_BITS);
            sj = ldexp(sj, -SCALE_BITS);
            sq = ldexp(sq, -SCALE_BITS);
            ss = ldexp(ss, -SCALE_BITS);
            sw = ldexp(sw, -SCALE_BITS);
            sg = ldexp(sg, -SCALE_BITS);
            sh = ldexp(sh, -SCALE_BITS);
            er += SCALE_BITS;
        }
        if (timed) {
            double k = (double)(q + 1);
            wm *= (nm + (double)q * th) * c1z / k;   /* (a+k-1)(1-z)/k */
            vm *= (nm + k * th) * c1z / k;           /* (a+k)(1-z)/k */
            iw += wm;
            iv += vm;
            if (iv > SCALE_LIMIT) {
                wm = ldexp(wm, -SCALE_BITS);
                vm = ldexp(vm, -SCALE_BITS);
                iw = ldexp(iw, -SCALE_BITS);
                iv = ldexp(iv, -SCALE_BITS);
                sg = ldexp(sg, -SCALE_BITS);
                sh = ldexp(sh, -SCALE_BITS);
                ew += SCALE_BITS;
            }
        }
    }
    if (q > qmax) {
        return CCS_EINVAL;
    }

    /* Normalise: a sum X of the r family is the probability
     * X kappa 2^er / (1 + kappa 2^er J); P(n < N) = 1 / (1 + kappa 2^er J). */
    double f, p0;
    if (kappa == 0.0) {
        f = 0.0;
        p0 = 1.0;
    } else {
        int ek;
        double mk = frexp(kappa, &ek);
        long e = (long)ek + er;
        if (e > 0) {
            double inv = ldexp_sat(1.0 / mk, -e);
            f = 1.0 / (inv + sj);
            p0 = inv * f;
        } else {
            double k = ldexp_sat(mk, e);
            f = k / (1.0 + k * sj);
            p0 = 1.0 / (1.0 + k * sj);
        }
    }
    double pw = sj * f;
    double eq = sq * f;
    double pab = eq * th / lam;        /* theta E[Q] / lambda */
    double psrv = p0 + ss * f;
    double ewsrv = sw * f;

    m->agents = n;
    m->offered_load = p->load;
    m->stable = 1;
    m->prob_wait = pw;
    m->prob_abandon = pab;
    m->mean_queue_length = eq;
    m->asa_all_s = eq / lam;
    m->asa_s = psrv > 0.0 ? ewsrv / psrv : 0.0;
    /* Carried load A P(served) <= N; clamp the last ulp of rounding. */
    m->occupancy = fmin(p->load * psrv / (double)n, 1.0);
    if (timed) {
        double gt = ldexp_sat(sg * f, ew);
        double hs = ldexp_sat(sh * f, ew);
        double sl = psrv - hs;
        double aw = pab - (gt - hs);
        m->prob_wait_gt_t = gt;
        m->service_level = sl > 0.0 ? sl : 0.0;
        m->prob_abandon_within_t = aw > 0.0 ? aw : 0.0;
    } else {
        m->prob_wait_gt_t = pw;
        m->service_level = p0;
        m->prob_abandon_within_t = 0.0;
    }
    m->service_level_answered = psrv > 0.0 ? m->service_level / psrv : 0.0;
    if (m->service_level_answered > 1.0) {
        m->service_level_answered = 1.0;
    }
    return CCS_OK;
}

/* Metrics at N given kappa(N, A); CCS_OK, CCS_EUNSTABLE (filled) or
 * CCS_EINVAL (chain too long; out untouched). */
static int eval_with_kappa(const params *p, int n, double kappa, ccs_erlang_metrics *out)
{
    if (p->theta > 0.0) {
        return eval_a(p, n, kappa, out);
    }
    if (p->load >= (double)n) {
        fill_unstable(p, n, out);
        return CCS_EUNSTABLE;
    }
    eval_c(p, n, kappa, out);
    return CCS_OK;
}

int ccs_erlang_eval(const ccs_erlang_query *q, int agents, ccs_erlang_metrics *out)
{
    CCS_ASSERT(q != NULL && out != NULL);
    if (!query_ok(q) || agents < 1 || agents > MAX_AGENTS) {
        return CCS_EINVAL;
    }
    params p;
    params_from(q, &p);
    if (!isfinite(p.load)) {
        return CCS_EINVAL;
    }
    if (p.theta == 0.0 && p.load >= (double)agents) {
        fill_unstable(&p, agents, out);
        return CCS_EUNSTABLE;
    }
    ccs_erlang_metrics m;
    int st = eval_with_kappa(&p, agents, kappa_at(agents, p.load), &m);
    if (st == CCS_OK) {
        *out = m;
    }
    return st;
}

int ccs_erlang_eval_kappa(const ccs_erlang_query *q, int agents, double kappa,
                          ccs_erlang_metrics *out)
{
    CCS_ASSERT(q != NULL && out != NULL);
    if (!query_ok(q) || agents < 1 || agents > MAX_AGENTS || !(kappa >= 0.0) ||
        !isfinite(kappa)) {
        return CCS_EINVAL;
    }
    params p;
    params_from(q, &p);
    if (!isfinite(p.load)) {
        return CCS_EINVAL;
    }
    if (p.theta == 0.0 && p.load >= (double)agents) {
        fill_unstable(&p, agents, out);
        return CCS_EUNSTABLE;
    }
    ccs_erlang_metrics m;
    int st = eval_with_kappa(&p, agents, kappa, &m);
    if (st == CCS_OK) {
        *out = m;
    }
    return st;
}

/* ---- staffing ------------------------------------------------------------ */

int ccs_erlang_scheduled(int agents, double shrinkage)
{
    if (agents < 0 || !(shrinkage >= 0.0 && shrinkage < 1.0)) {
        return -1;
    }
    /* Shrinkage in billionths, so 0.30 is exactly 300000000 and the tie
     * 14 / 0.7 = 20 is decided in integers. */
    long long s = llround(shrinkage * 1e9);
    long long keep = 1000000000LL - s;
    if (keep <= 0) {
        return -1;
    }
    long long num = (long long)agents * 1000000000LL;
    long long res = (num + keep - 1) / keep;
    return res > INT_MAX ? -1 : (int)res;
}

/* Standard normal density and distribution function. */
static double phi_pdf(double x)
{
    return exp(-0.5 * x * x) / SQRT_2PI;
}

static double phi_cdf(double x)
{
    return 0.5 * erfc(-x / SQRT2);
}

/* Halfin-Whitt: with N = A + beta sqrt(A), P(W > 0) ~ alpha(beta) =
 * 1 / (1 + beta Phi(beta) / phi(beta)) and P(W > T) ~ alpha e^{-beta sqrt(A) T / AHT}. */
static double hw_tail(double beta, double sqrt_a, double t_over_aht)
{
    double ph = phi_pdf(beta);
    double alpha = ph / (ph + beta * phi_cdf(beta));
    return alpha * exp(-beta * sqrt_a * t_over_aht);
}

/* beta solving hw_tail(beta) = 1 - sl, by bisection (hw_tail decreases
 * from 1 at beta = 0). */
static double hw_beta(double load, double sl, double t_over_aht)
{
    double sa = sqrt(load);
    double want = 1.0 - sl;
    double lo = 0.0, hi = 1.0;
    while (hw_tail(hi, sa, t_over_aht) > want && hi < 64.0) {
        lo = hi;
        hi *= 2.0;
    }
    for (int i = 0; i < 200 && hi - lo > 1e-14 * hi; i++) {
        double mid = 0.5 * (lo + hi);
        if (hw_tail(mid, sa, t_over_aht) > want) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    return 0.5 * (lo + hi);
}

static int meets(const ccs_erlang_metrics *m, const ccs_staffing_targets *t)
{
    if (!m->stable) {
        return 0;
    }
    if (t->service_level > 0.0 && !(m->service_level >= t->service_level)) {
        return 0;
    }
    if (t->max_asa_s > 0.0 && !(m->asa_s <= t->max_asa_s)) {
        return 0;
    }
    if (t->max_occupancy > 0.0 && !(m->occupancy <= t->max_occupancy)) {
        return 0;
    }
    if (t->max_abandon > 0.0 && !(m->prob_abandon <= t->max_abandon)) {
        return 0;
    }
    return 1;
}

static int validate(const ccs_erlang_query *q, const ccs_staffing_targets *t, ccs_error *err)
{
    if (!(isfinite(q->calls_per_hour) && q->calls_per_hour > 0.0)) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "calls_per_hour",
                             "expected an arrival rate > 0 calls per hour, got %g",
                             q->calls_per_hour);
    }
    if (!(isfinite(q->aht_s) && q->aht_s > 0.0)) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "aht_s",
                             "expected a handle time > 0 seconds, got %g", q->aht_s);
    }
    if (q->aht_s > CCS_ERLANG_MAX_TIME_S) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "aht_s",
                             "expected a handle time of at most a year (%.0f s), got %g",
                             CCS_ERLANG_MAX_TIME_S, q->aht_s);
    }
    if (!(isfinite(q->patience_s) && q->patience_s >= 0.0)) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "patience_s",
                             "expected a mean patience >= 0 seconds (0 = callers never "
                             "abandon), got %g", q->patience_s);
    }
    if (q->patience_s > 0.0 && (q->patience_s < CCS_ERLANG_MIN_PATIENCE_S ||
                                q->patience_s > CCS_ERLANG_MAX_TIME_S)) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "patience_s",
                             "expected a mean patience from %g s to a year (%.0f s), got %g",
                             CCS_ERLANG_MIN_PATIENCE_S, CCS_ERLANG_MAX_TIME_S, q->patience_s);
    }
    if (!(isfinite(q->threshold_s) && q->threshold_s >= 0.0)) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "threshold_s",
                             "expected a service-level threshold >= 0 seconds, got %g",
                             q->threshold_s);
    }
    if (!(t->service_level >= 0.0 && t->service_level < 1.0)) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "service_level",
                             "expected a service-level target above 0 and below 1 "
                             "(0 = off), got %g", t->service_level);
    }
    if (!(isfinite(t->max_asa_s) && t->max_asa_s >= 0.0)) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "max_asa_s",
                             "expected an ASA target > 0 seconds (0 = off), got %g",
                             t->max_asa_s);
    }
    if (!(t->max_occupancy >= 0.0 && t->max_occupancy <= 1.0)) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "max_occupancy",
                             "expected an occupancy cap above 0 and at most 1 (0 = off), "
                             "got %g", t->max_occupancy);
    }
    if (!(t->max_abandon >= 0.0 && t->max_abandon <= 1.0)) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "max_abandon",
                             "expected a P(abandon) cap above 0 and at most 1 (0 = off), "
                             "got %g", t->max_abandon);
    }
    if (t->max_abandon > 0.0 && q->patience_s == 0.0) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "max_abandon",
                             "needs a mean patience (`patience_s`): without abandonment "
                             "(Erlang C) P(abandon) is 0");
    }
    if (!(t->shrinkage >= 0.0 && t->shrinkage < 1.0)) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "shrinkage",
                             "expected a shrinkage from 0 up to (not including) 1, got %g",
                             t->shrinkage);
    }
    double load = q->calls_per_hour * q->aht_s / 3600.0;
    if (!(load <= 0.5 * MAX_AGENTS)) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "calls_per_hour",
                             "offered load %g Erlangs (calls x AHT) is above the "
                             "supported %d", load, MAX_AGENTS / 2);
    }
    return CCS_OK;
}

/* Erlang C: every target is monotone in N, so walk up from the smallest
 * stable N (or the occupancy bound) carrying kappa along: O(N) in all. */
static int staff_c(const params *p, const ccs_staffing_targets *t, ccs_erlang_metrics *at,
                   ccs_error *err)
{
    int n = (int)floor(p->load) + 1;
    if (t->max_occupancy > 0.0) {
        double nocc = floor(p->load / t->max_occupancy);   /* A / N <= cap needs N >= this */
        if (nocc > (double)MAX_AGENTS) {
            return ccs_error_set(err, CCS_EINVAL, NULL, 0, "max_occupancy",
                                 "occupancy cap %g needs more than %d agents",
                                 t->max_occupancy, MAX_AGENTS);
        }
        if (nocc > (double)n) {
            n = (int)nocc;
        }
    }
    double kappa = kappa_at(n, p->load);
    for (;;) {
        eval_c(p, n, kappa, at);
        if (meets(at, t)) {
            return CCS_OK;
        }
        if (n >= MAX_AGENTS) {
            return ccs_error_set(err, CCS_EINVAL, NULL, 0, "service_level",
                                 "no staffing up to %d agents meets the targets",
                                 MAX_AGENTS);
        }
        n++;
        kappa = kappa_next(kappa, n, p->load);
    }
}

/* Feasibility at n for Erlang A; a chain too long to sum (hopelessly
 * overloaded with very long patience) counts as not feasible. */
static int feasible_a(const params *p, const ccs_staffing_targets *t, int n, double kappa,
                      ccs_erlang_metrics *m)
{
    return eval_a(p, n, kappa, m) == CCS_OK && meets(m, t);
}

/* Erlang A: N may be below A, so no stability bound.  The targets are
 * monotone in N; start at a lower bound (SL <= P(served) <= N/A and
 * P(abandon) >= 1 - N/A), gallop upward doubling the step while carrying
 * kappa, then bisect inside the last step.  Cost O(N) for kappa plus
 * O(log N) chain evaluations. */
static int staff_a(const params *p, const ccs_staffing_targets *t, ccs_erlang_metrics *at,
                   ccs_error *err)
{
    double lb = 1.0;
    if (t->service_level > 0.0) {
        lb = fmax(lb, floor(t->service_level * p->load) - 1.0);
    }
    if (t->max_abandon > 0.0) {
        lb = fmax(lb, floor((1.0 - t->max_abandon) * p->load) - 1.0);
    }
    int lo = (int)lb;
    double klo = kappa_at(lo, p->load);
    ccs_erlang_metrics m;
    if (feasible_a(p, t, lo, klo, &m)) {
        *at = m;
        return CCS_OK;
    }
    /* lo is infeasible; find hi feasible. */
    int step = 1, hi;
    double khi;
    for (;;) {
        if ((long)lo + step > MAX_AGENTS) {
            hi = MAX_AGENTS;
        } else {
            hi = lo + step;
        }
        khi = kappa_from(lo, klo, hi, p->load);
        if (feasible_a(p, t, hi, khi, &m)) {
            *at = m;
            break;
        }
        if (hi >= MAX_AGENTS) {
            return ccs_error_set(err, CCS_EINVAL, NULL, 0, "service_level",
                                 "no staffing up to %d agents meets the targets",
                                 MAX_AGENTS);
        }
        lo = hi;
        klo = khi;
        step *= 2;
    }
    while (hi - lo > 1) {
        int mid = lo + (hi - lo) / 2;
        double kmid = kappa_from(lo, klo, mid, p->load);
        if (feasible_a(p, t, mid, kmid, &m)) {
            hi = mid;
            *at = m;
        } else {
            lo = mid;
            klo = kmid;
        }
    }
    return CCS_OK;
}

int ccs_erlang_staff(const ccs_erlang_query *q, const ccs_staffing_targets *t,
                     ccs_staffing_result *out, ccs_error *err)
{
    CCS_ASSERT(q != NULL && t != NULL && out != NULL);
    int st = validate(q, t, err);
    if (st != CCS_OK) {
        return st;
    }
    params p;
    params_from(q, &p);
    ccs_erlang_metrics at;
    st = p.theta > 0.0 ? staff_a(&p, t, &at, err) : staff_c(&p, t, &at, err);
    if (st != CCS_OK) {
        return st;
    }
    out->agents = at.agents;
    out->scheduled_agents = ccs_erlang_scheduled(at.agents, t->shrinkage);
    if (t->service_level > 0.0) {
        out->sqrt_beta = hw_beta(p.load, t->service_level, p.t / p.aht);
    } else {
        out->sqrt_beta = 0.0;
    }
    out->sqrt_estimate = p.load + out->sqrt_beta * sqrt(p.load);
    out->at = at;
    return CCS_OK;
}
