#!/usr/bin/env python3
"""Independent check of `ccsim schedule` on random instances.

Builds each instance's covering integer program from scratch (its own
enumeration of starts and break placements) and solves it with SciPy's
milp (HiGHS), then compares the optimal cost with ccsim's (CBC).  Exit 0
when all agree, 1 on a mismatch, 77 (skip) when SciPy is missing.
Usage: schedule_milp.py CCSIM_BIN [N_INSTANCES]
"""
import json, os, random, subprocess, sys, tempfile

try:
    import numpy as np
    from scipy.optimize import milp, LinearConstraint, Bounds
except ImportError as e:
    print("skipped: python3-scipy is not installed (%s)" % e)
    sys.exit(77)

def instance(rng):
    n = rng.randint(16, 28)              # half hours from 07:00
    req = [rng.randint(0, 25) for _ in range(n)]
    tpl = []
    L = rng.choice([8, 10, 12])          # full-time length in intervals
    L = min(L, n)
    b0 = rng.randint(2, max(2, L - 4)); b1 = min(L - 2, b0 + rng.randint(0, 3))
    tpl.append(dict(name="full", length=L, first=0, last=n - L, step=rng.choice([1, 2]),
                    rate=rng.choice([18.0, 20.0, 25.0]), brk=(b0, b1), unpaid=True))
    P = min(rng.choice([4, 6]), n)
    tpl.append(dict(name="part", length=P, first=0, last=n - P, step=1,
                    rate=rng.choice([20.0, 24.0]), brk=None, unpaid=False))
    return n, req, tpl

def cfg_text(tpl):
    out = ["shifts = ("]
    for i, t in enumerate(tpl):
        s = '  { name = "%s"; length = %d; earliest_start = "07:00"; latest_start = "%s"; ' \
            'start_step = %d; cost_per_hour = %g;' % (
                t["name"], t["length"] * 1800, clock(t["last"]), t["step"] * 1800, t["rate"])
        if t["brk"]:
            s += ' breaks = ( { length = "30m"; earliest = %d; latest = %d; paid = false; } );' % (
                t["brk"][0] * 1800, t["brk"][1] * 1800)
        s += " }" + ("," if i + 1 < len(tpl) else "")
        out.append(s)
    out.append(");")
    return "\n".join(out) + "\n"

def clock(k):
    m = 420 + 30 * k
    return "%02d:%02d" % (m // 60, m % 60)

def solve_scipy(n, req, tpl):
    cols, cost = [], []
    for t in tpl:
        starts = range(t["first"], t["last"] + 1, t["step"])
        for s in starts:
            places = range(t["brk"][0], t["brk"][1] + 1) if t["brk"] else [None]
            for b in places:
                a = np.zeros(n)
                a[s:s + t["length"]] = 1
                if b is not None:
                    a[s + b] = 0
                paid = t["length"] * 0.5 - (0.5 if b is not None and t["unpaid"] else 0)
                cols.append(a); cost.append(paid * t["rate"])
    A = np.array(cols).T
    res = milp(c=np.array(cost), constraints=LinearConstraint(A, lb=np.array(req, float)),
               integrality=np.ones(len(cost)), bounds=Bounds(0, np.inf))
    assert res.status == 0, res.message
    return res.fun

def main():
    ccsim = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    rng = random.Random(13)
    worst = 0
    with tempfile.TemporaryDirectory() as d:
        for i in range(count):
            n, req, tpl = instance(rng)
            rp, sp = os.path.join(d, "req.csv"), os.path.join(d, "shifts.cfg")
            with open(rp, "w") as f:
                f.write("start,required\n" + "".join("%s,%d\n" % (clock(k), r) for k, r in enumerate(req)))
            with open(sp, "w") as f:
                f.write(cfg_text(tpl))
            out = subprocess.run([ccsim, "schedule", rp, "--shifts", sp, "--format", "json"],
                                 capture_output=True, text=True)
            if out.returncode != 0:
                print("instance %d: ccsim exit %d: %s" % (i, out.returncode, out.stderr))
                return 1
            j = json.loads(out.stdout)
            ours, theirs = j["total_cost"], solve_scipy(n, req, tpl)
            worst = max(worst, abs(ours - theirs))
            if j["status"] != "optimal" or abs(ours - theirs) > 1e-6 * max(1, theirs):
                print("instance %d: ccsim %s %.6f, scipy milp %.6f" % (i, j["status"], ours, theirs))
                return 1
    print("%d random instances: ccsim (CBC) and scipy milp (HiGHS) agree; largest cost "
          "difference %.3g" % (count, worst))
    return 0

sys.exit(main())
