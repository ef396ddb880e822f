#!/bin/sh
# tests/mpi.sh — bin/ccsim-mpi against bin/ccsim (make mpi-check, part of
# make check): mpirun --oversubscribe -n K for K = 1..4 prints the bytes
# ccsim prints for run, sweep and compare (text, csv, json; a rank with no
# replication when K > R); a bad scenario or option exits 2 on every rank
# with the message printed once and nothing on stdout; a rank that stops
# early (its own arguments) leaves no rank waiting.
set -u
CCSIM=${CCSIM_BIN:-bin/ccsim}
MPI=${CCSIM_MPI_BIN:-bin/ccsim-mpi}
# As root (CI containers) Open MPI refuses to start without these.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
n=0

same() {   # same K ARGS...: ccsim-mpi on K ranks prints what ccsim prints
    k=$1; shift
    n=$((n + 1))
    "$CCSIM" "$@" > "$tmp/want" 2> "$tmp/want.err" || { echo "mpi.sh: ccsim $* failed"; fail=1; return; }
    if ! timeout 300 mpirun --oversubscribe -n "$k" "$MPI" "$@" > "$tmp/got" 2> "$tmp/got.err"; then
        echo "mpi.sh: FAIL: mpirun -n $k ccsim-mpi $*: exit status $?"; cat "$tmp/got.err"; fail=1; return
    fi
    if ! cmp -s "$tmp/want" "$tmp/got"; then
        echo "mpi.sh: FAIL: mpirun -n $k ccsim-mpi $* differs from ccsim $*"; fail=1
    fi
}

refused() {   # refused K WANT ARGS...: exit 2, WANT once on stderr, empty stdout
    k=$1; want=$2; shift 2
    n=$((n + 1))
    timeout 300 mpirun --oversubscribe -n "$k" "$MPI" "$@" > "$tmp/got" 2> "$tmp/got.err"
    st=$?
    count=$(grep -c -F -- "$want" "$tmp/got.err")
    if [ "$st" -ne 2 ] || [ "$count" -ne 1 ] || [ -s "$tmp/got" ]; then
        echo "mpi.sh: FAIL: mpirun -n $k ccsim-mpi $*: exit $st (want 2), '$want' printed $count" \
             "times (want 1), stdout $(wc -c < "$tmp/got") bytes"; cat "$tmp/got.err"; fail=1
    fi
}

for k in 1 2 3 4; do
    same "$k" run scenarios/captive.cfg --reps 7 --threads 1
    same "$k" run scenarios/captive.cfg --reps 7 --format json
    same "$k" run scenarios/outbound-collections.cfg --reps 5 --format csv --threads 2
    same "$k" run --reps 9 --seed 4 --volume-factor 1.1
    same "$k" sweep scenarios/mmc.cfg --vary agents.[0].count=50:56:3 \
        --vary calls.[0].handle_time.mean=170:190:20 --reps 5 --threads 1
    same "$k" sweep scenarios/bpo-offshore.cfg --vary agents.[0].cost.price=9:13:2 --reps 3 \
        --format json --set run.warmup_minutes=10
    same "$k" compare scenarios/captive.cfg scenarios/bpo-offshore.cfg scenarios/bpo-onshore.cfg \
        --reps 5 --set 2:agents.[0].cost.price=13 --threads 1
    same "$k" compare scenarios/captive.cfg scenarios/bpo-onshore.cfg --reps 4 --format csv
done
same 4 run scenarios/mmc.cfg --reps 2          # ranks 0 and 2 run nothing
refused 3 "cannot open scenario" run scenarios/no-such-scenario.cfg
refused 2 "--reps: expected" run scenarios/mmc.cfg --reps 0
refused 2 "--raw: not with ccsim-mpi" run scenarios/mmc.cfg --raw x.raw
refused 2 "expected the command run, sweep or compare" staff scenarios/mmc.cfg
refused 3 "cannot open scenario" sweep scenarios/no-such-scenario.cfg --vary agents.[0].count=1:2:1
refused 4 "cannot open scenario" compare scenarios/mmc.cfg scenarios/no-such-scenario.cfg
refused 2 "--cells: not with ccsim-mpi" sweep scenarios/mmc.cfg --vary agents.[0].count=50:52:1 \
    --cells 0:1
refused 2 "--vary: expected" sweep scenarios/mmc.cfg --vary agents.[0].count=5:1:1

# A rank that stops early: rank 1 runs a sweep of one cell and is done while
# the others are at the second; they stop (exit 2) instead of waiting.
n=$((n + 1))
cat > "$tmp/odd.sh" <<EOS
#!/bin/sh
hi=56; [ "\$OMPI_COMM_WORLD_RANK" = 1 ] && hi=50
exec "$MPI" sweep scenarios/mmc.cfg --vary agents.[0].count=50:\$hi:3 --reps 4 --threads 1
EOS
chmod +x "$tmp/odd.sh"
timeout 300 mpirun --oversubscribe -n 3 "$tmp/odd.sh" > "$tmp/got" 2> "$tmp/got.err"
st=$?
if [ "$st" -ne 2 ] || ! grep -q "another rank failed before the simulation" "$tmp/got.err" \
    || [ -s "$tmp/got" ]; then
    echo "mpi.sh: FAIL: a rank done early: exit $st (want 2, not 124 = hung)"; cat "$tmp/got.err"
    fail=1
fi

# Under a terminal (script(1) gives mpirun one) rank 0 draws the progress
# line and every rank runs its block in pieces with a count reduce after
# each: the bytes stay the same.  (Whether a line shows depends on the
# run's length, so only the output is checked.)
if command -v script > /dev/null 2>&1; then
    # k:reps — K = 4 > R = 2 leaves ranks 0 and 2 without replications
    for kr in 2:45 3:45 4:2; do
        k=${kr%:*} r=${kr#*:}
        n=$((n + 1))
        "$CCSIM" run scenarios/captive.cfg --reps "$r" --threads 2 > "$tmp/want"
        rm -f "$tmp/got"
        script -qc "timeout 300 mpirun --oversubscribe -n $k $MPI run scenarios/captive.cfg \
            --reps $r --threads 2 > $tmp/got" "$tmp/typescript" > /dev/null 2>&1
        if ! cmp -s "$tmp/want" "$tmp/got"; then
            echo "mpi.sh: FAIL: mpirun -n $k ccsim-mpi run --reps $r on a terminal (progress)" \
                 "differs or hung"
            fail=1
        fi
    done
else
    echo "mpi.sh: the progress checks SKIPPED: no script(1) to give mpirun a terminal"
fi

if [ "$fail" -ne 0 ]; then
    echo "mpi.sh: FAILED"
    exit 1
fi
echo "mpi.sh: $n checks passed: ccsim-mpi run, sweep and compare on 1..4 ranks byte-identical to ccsim, errors exit 2 once"
