#!/usr/bin/env bash
# A real single-node Slurm for the sweep test (`make slurm-test`, docs/sweeps.md): installs Debian's
# slurmctld, slurmd and munge when missing (idempotent; needs root), writes a minimal slurm.conf for this
# host with every state file under $WORK, starts munged, slurmctld and slurmd, waits until the node is
# idle, then builds, generates a tiny SynthFaces set, submits a smoke sweep of stargan and cyclegan × seeds
# 0-1 as a job array, waits for it, merges the four shards, renders the tables and checks them.
# Every wait is bounded; any failure exits non-zero with the reason; the daemons are stopped on exit.
#
# Environment: WORK=/tmp/bilgan-slurm-test  BIN=.build/release  SKIP_BUILD=1 (use the built binaries)
#              WAIT_SECONDS=900 (the whole array)  KEEP_WORK=1 (keep $WORK for a look afterwards)
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
WORK=${WORK:-/tmp/bilgan-slurm-test}
BIN=${BIN:-.build/release}
WAIT_SECONDS=${WAIT_SECONDS:-900}
started=$(date +%s)

say() { echo "== slurm-test ($(( $(date +%s) - started )) s): $*"; }
fail() {
  echo "slurm-test: FAILED: $*" >&2
  for log in "$WORK"/state/*.log; do [ -f "$log" ] && { echo "--- tail of $log" >&2; tail -n 15 "$log" >&2; }; done
  exit 1
}

# --- 1. Packages (skipped when present) -----------------------------------------------------------
missing=()
for tool in slurmctld slurmd sbatch squeue sinfo munged; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || fail "missing ${missing[*]} and not root: install slurmctld slurmd slurm-client munge"
  say "installing slurmctld slurmd slurm-client munge (missing: ${missing[*]})"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurmctld slurmd slurm-client munge >/dev/null \
    || fail "apt-get install of slurmctld slurmd slurm-client munge failed"
fi
[ "$(id -u)" = 0 ] || fail "the daemons run as root here (SlurmUser=root); run as root"

# --- 2. A private configuration: nothing outside $WORK is written or read ---------------------------
pids=()
cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  [ "${KEEP_WORK:-0}" = 1 ] || rm -rf "$WORK/state" "$WORK/munge"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

rm -rf "$WORK/state" "$WORK/munge" "$WORK/results"
mkdir -p "$WORK/state/ctld" "$WORK/state/spool" "$WORK/munge"
chmod 755 "$WORK/munge"
HOST=$(hostname -s)
CPUS=$(nproc)
MEMORY_MB=4096
SOCKET="$WORK/munge/munge.socket"
export SLURM_CONF="$WORK/slurm.conf"
cat > "$SLURM_CONF" <<EOF
# Written by tools/slurm-test.sh: one node (this host), no cgroups, no accounting, state under $WORK.
ClusterName=bilgan-test
SlurmctldHost=$HOST
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$SOCKET
CredType=cred/munge
SlurmctldPort=6917
SlurmdPort=6918
StateSaveLocation=$WORK/state/ctld
SlurmdSpoolDir=$WORK/state/spool
SlurmctldPidFile=$WORK/state/slurmctld.pid
SlurmdPidFile=$WORK/state/slurmd.pid
SlurmctldLogFile=$WORK/state/slurmctld.log
SlurmdLogFile=$WORK/state/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
SchedulerType=sched/backfill
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
MailProg=/bin/true
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$CPUS RealMemory=$MEMORY_MB State=UNKNOWN
PartitionName=test Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
EOF

# --- 3. Daemons ---------------------------------------------------------------------------------
say "starting munged, slurmctld, slurmd ($HOST, $CPUS CPUs, ${MEMORY_MB} MB)"
mungekey --create --keyfile "$WORK/munge/munge.key" --force >/dev/null 2>&1 \
  || dd if=/dev/urandom of="$WORK/munge/munge.key" bs=1 count=1024 2>/dev/null
chmod 400 "$WORK/munge/munge.key"
munged --foreground --force --socket="$SOCKET" --key-file="$WORK/munge/munge.key" --pid-file="$WORK/munge/munged.pid" \
  --seed-file="$WORK/munge/munged.seed" --log-file="$WORK/state/munged.log" >"$WORK/state/munged.out" 2>&1 &
pids+=($!)
for _ in $(seq 100); do [ -S "$SOCKET" ] && break; sleep 0.1; done
munge --socket="$SOCKET" -n </dev/null | unmunge --socket="$SOCKET" >/dev/null || fail "munge does not work (socket $SOCKET)"
slurmctld -D -c -f "$SLURM_CONF" >"$WORK/state/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" >"$WORK/state/slurmd.out" 2>&1 &
pids+=($!)
state=""
for _ in $(seq 120); do
  state=$(sinfo -h -N -o '%T' 2>/dev/null | head -1 || true)
  [ "$state" = idle ] && break
  sleep 0.5
done
[ "$state" = idle ] || fail "the node did not become idle within 60 s (sinfo: '${state:-no answer}')"
say "node $HOST is idle"

# --- 4. Build and data --------------------------------------------------------------------------
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  # --build-tests: the same configuration `make test` builds, so neither build undoes the other's.
  say "building (release)"
  swift build -c release --build-tests 2>&1 | tail -3
  [ "${PIPESTATUS[0]}" = 0 ] || fail "swift build failed"
fi
for tool in sweep train evaluate report synthfaces; do
  [ -x "$BIN/$tool" ] || fail "$BIN/$tool is missing: build with swift build -c release"
done
DATA="$WORK/data"
say "tiny SynthFaces set in $DATA (48 CelebA-HQ-like faces at 32²)"
"$BIN/synthfaces" generate --output "$DATA" --seed 7 --celebahq-count 48 --celebahq-size 32 --rafd-identities 1 --rafd-size 32 \
  --multipie-subjects 1 --multipie-size 24 --multipie-illuminations 6 --no-uv --threads "$CPUS" --quiet \
  || fail "synthfaces generate failed"

# --- 5. The sweep on Slurm ------------------------------------------------------------------------
RESULTS="$WORK/results"
say "submitting: sweep --profile smoke --seeds 0-1 --methods stargan,cyclegan --scheduler slurm"
job=$("$BIN/sweep" --profile smoke --seeds 0-1 --methods stargan,cyclegan --scheduler slurm \
        --data-root "$DATA" --results "$RESULTS") || fail "sweep submission failed"
[[ "$job" =~ ^[0-9]+$ ]] || fail "sweep printed no job id (got '$job')"
say "job array $job submitted; waiting (at most $WAIT_SECONDS s)"
deadline=$(( $(date +%s) + WAIT_SECONDS ))
while :; do
  queued=$(squeue -j "$job" -h 2>/dev/null || true)
  [ -z "$queued" ] && break
  [ "$(date +%s)" -lt "$deadline" ] || { scancel "$job" || true; fail "job $job still queued after $WAIT_SECONDS s:"$'\n'"$queued"; }
  sleep 2
done
say "job array $job left the queue"
logs=$(ls "$RESULTS"/sweeps/*/logs/*.log 2>/dev/null | wc -l)
[ "$logs" = 4 ] || fail "expected 4 task logs under $RESULTS/sweeps/*/logs, found $logs"
for log in "$RESULTS"/sweeps/*/logs/*.log; do
  grep -q "finished$" "$log" || { echo "--- $log" >&2; tail -n 30 "$log" >&2; fail "task log $log does not end with 'finished'"; }
done

# --- 6. Merge, tables, checks ---------------------------------------------------------------------
DB="$RESULTS/results.sqlite"
say "merging the shards into $DB"
"$BIN/report" merge "$RESULTS"/shards/*.sqlite --database "$DB" --strict || fail "report merge failed"
"$BIN/report" merge "$RESULTS"/shards/*.sqlite --database "$DB" --strict >/dev/null || fail "the second report merge failed"
finished=$(python3 - "$DB" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
rows = db.execute("SELECT method, seed FROM run WHERE status = 'finished' AND variant <> 'evaluator' ORDER BY method, seed").fetchall()
print(" ".join(f"{m}-{s}" for m, s in rows))
EOF
) || fail "cannot read $DB"
[ "$finished" = "cyclegan-0 cyclegan-1 stargan-0 stargan-1" ] || fail "expected 4 finished runs (cyclegan-0 cyclegan-1 stargan-0 stargan-1), got '$finished'"
say "merged database holds the 4 finished runs (also after merging twice): $finished"
"$BIN/report" table all --database "$DB" --output-directory "$RESULTS/tables" --dataset celebahq --profile smoke >"$WORK/tables.md" \
  || fail "report table all failed"
for file in table1 table2 table3; do
  for ext in md csv tex; do [ -s "$RESULTS/tables/$file.$ext" ] || fail "$RESULTS/tables/$file.$ext was not written"; done
done
for method in StarGAN CycleGAN; do
  grep -q "^| $method | [0-9].* (n=2)" "$RESULTS/tables/table2.md" || fail "table2.md has no $method row with our numbers over 2 seeds"
done
say "tables rendered ($RESULTS/tables); Table 2:"
cat "$RESULTS/tables/table2.md"
say "PASSED in $(( $(date +%s) - started )) s"
