#!/usr/bin/env bash
# Nimbus DICOMweb — fault-test ("chaos") suite of issue 11.
#
#   deploy/local/chaos/run.sh [test|group ...]
#     tests:  kill-store kafka-outage s3-outage postgres-outage fuzz delete-faults kill-each sweeper consistency
#     groups: all (default: every test, in that order, ~10 min)
#             ci  (kill-store kafka-outage fuzz consistency, ~3 min: what .ci/run runs)
#
# Starts its OWN local stack through the launcher (NIMBUS_HOME=/tmp/nimbus-chaos, gateway 58080,
# services 58081-58084, PostgreSQL 55432, Kafka 59092/59093, S3 58090; loopback only), wipes its
# data first (downloaded jars kept), runs the faults, and stops everything it started on exit
# (also on failure or Ctrl-C). Bounded: each test has a timeout, the whole run stops after
# CHAOS_TIMEOUT seconds (default 600). Prints PASS/FAIL lines and `N passed, M failed`; exit 1
# on any failure. Measured figures go to $NIMBUS_HOME/chaos/figures.jsonl.
#
# Settings: CHAOS_N (STOWs of the kill test, 200), CHAOS_EACH_N (STOWs of kill-each, 1000),
# CHAOS_FUZZ_N (300), CHAOS_SEED (11), CHAOS_SWEEPER_{INITIAL_DELAY,INTERVAL,GRACE}_S (10/15/90),
# CHAOS_KEEP_STACK=true (leave the stack running at the end), CHAOS_KEEP_DATA=true (no wipe).
# The NIMBUS_* port variables may be overridden, but never point them at a stack others use.
set -uo pipefail

CHAOS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$CHAOS_DIR/../../.." && pwd)"
NIMBUS="$REPO_ROOT/deploy/local/nimbus"

export NIMBUS_HOME="${CHAOS_NIMBUS_HOME:-/tmp/nimbus-chaos}"
export NIMBUS_GATEWAY_PORT="${CHAOS_GATEWAY_PORT:-58080}"
export NIMBUS_STORE_PORT="${CHAOS_STORE_PORT:-58081}" NIMBUS_RETRIEVE_PORT="${CHAOS_RETRIEVE_PORT:-58082}"
export NIMBUS_QUERY_PORT="${CHAOS_QUERY_PORT:-58083}" NIMBUS_DELETE_PORT="${CHAOS_DELETE_PORT:-58084}"
export NIMBUS_PG_PORT="${CHAOS_PG_PORT:-55432}"
export NIMBUS_KAFKA_PORT="${CHAOS_KAFKA_PORT:-59092}" NIMBUS_KAFKA_CONTROLLER_PORT="${CHAOS_KAFKA_CONTROLLER_PORT:-59093}"
export NIMBUS_S3_PORT="${CHAOS_S3_PORT:-58090}"
export NIMBUS_PREFIX=""
export CHAOS_BASE_URL="http://127.0.0.1:$NIMBUS_GATEWAY_PORT"
export CHAOS_RESULTS="$NIMBUS_HOME/chaos/results.txt"
export PYTHONUNBUFFERED=1
CHAOS_TIMEOUT="${CHAOS_TIMEOUT:-900}"
# delete-service's orphan sweeper on a short schedule, so the suite sees it collect orphans. The
# grace period stays above the longest window in which a live blob has no index row during the
# faults (an event delivered up to 8 s after a 503, an indexer down ~10 s, PostgreSQL down ~10 s).
export CHAOS_SWEEPER_INITIAL_DELAY_S="${CHAOS_SWEEPER_INITIAL_DELAY_S:-10}"
export CHAOS_SWEEPER_INTERVAL_S="${CHAOS_SWEEPER_INTERVAL_S:-15}"
export CHAOS_SWEEPER_GRACE_S="${CHAOS_SWEEPER_GRACE_S:-90}"
export NIMBUS_DELETE_SWEEPER_INITIAL_DELAY="${CHAOS_SWEEPER_INITIAL_DELAY_S}s"
export NIMBUS_DELETE_SWEEPER_INTERVAL="${CHAOS_SWEEPER_INTERVAL_S}s"
export NIMBUS_DELETE_SWEEPER_GRACE_PERIOD="${CHAOS_SWEEPER_GRACE_S}s"

case "$NIMBUS_HOME" in
  "$REPO_ROOT/.nimbus"|"$REPO_ROOT/.nimbus/test") echo "refusing to run the chaos suite on $NIMBUS_HOME (a dev/test stack)" >&2; exit 2 ;;
esac

ALL_TESTS=(kill-store kafka-outage s3-outage postgres-outage fuzz delete-faults kill-each sweeper consistency)
CI_TESTS=(kill-store kafka-outage fuzz consistency)
TESTS=()
for a in "${@:-all}"; do
  case "$a" in
    all) TESTS+=("${ALL_TESTS[@]}") ;;
    ci) TESTS+=("${CI_TESTS[@]}") ;;
    *) TESTS+=("$a") ;;
  esac
done

say() { printf '[chaos] %s\n' "$*"; }
started=false
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if $started && [[ "${CHAOS_KEEP_STACK:-false}" != true ]]; then
    say "stopping the chaos stack ($NIMBUS_HOME)"
    "$NIMBUS" down >"$NIMBUS_HOME/chaos/down.log" 2>&1 || { say "nimbus down failed:"; tail -n 20 "$NIMBUS_HOME/chaos/down.log"; }
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'say "interrupted"; exit 130' INT TERM

t_start=$(date +%s)
# A previous run may have left the stack up (CHAOS_KEEP_STACK): stop it before wiping.
"$NIMBUS" down >/dev/null 2>&1 || true
if [[ "${CHAOS_KEEP_DATA:-false}" != true ]]; then
  rm -rf "$NIMBUS_HOME/pg/data" "$NIMBUS_HOME/pg/postgres.log" "$NIMBUS_HOME/pg/.nimbus-needs-bootstrap" \
    "$NIMBUS_HOME/kafka/data" "$NIMBUS_HOME"/kafka/topic-*.created "$NIMBUS_HOME/s3proxy/blobs" \
    "$NIMBUS_HOME/logs" "$NIMBUS_HOME/run" "$NIMBUS_HOME/tmp"
fi
rm -rf "$NIMBUS_HOME/chaos"; mkdir -p "$NIMBUS_HOME/chaos"
: >"$CHAOS_RESULTS"

say "starting the chaos stack: gateway $CHAOS_BASE_URL, NIMBUS_HOME=$NIMBUS_HOME"
started=true
t0=$(date +%s)
if ! timeout 300 "$NIMBUS" up >"$NIMBUS_HOME/chaos/up.log" 2>&1; then
  tail -n 30 "$NIMBUS_HOME/chaos/up.log"
  echo "FAIL: chaos stack started" | tee -a "$CHAOS_RESULTS"
  echo "0 passed, 1 failed"; exit 1
fi
echo "PASS: chaos stack started in $(( $(date +%s) - t0 ))s" | tee -a "$CHAOS_RESULTS"

run_test() { # name script timeout [args]
  local name="$1" script="$2" limit="$3" left rc
  shift 3
  left=$(( CHAOS_TIMEOUT - ($(date +%s) - t_start) - 15 ))
  if (( left <= 0 )); then echo "FAIL: $name not run: the suite's time budget (${CHAOS_TIMEOUT}s) is spent" | tee -a "$CHAOS_RESULTS"; return; fi
  (( limit > left )) && limit=$left
  say "== $name (at most ${limit}s)"
  local t=$(date +%s)
  timeout --kill-after=5 "$limit" python3 "$CHAOS_DIR/$script" "$@"; rc=$?
  if (( rc == 124 || rc == 137 )); then echo "FAIL: $name did not finish within ${limit}s" | tee -a "$CHAOS_RESULTS"
  elif (( rc != 0 )); then echo "FAIL: $name crashed (exit $rc)" | tee -a "$CHAOS_RESULTS"; fi
  say "$name took $(( $(date +%s) - t ))s"
}

for t in "${TESTS[@]}"; do
  case "$t" in
    kill-store)   run_test kill-store kill_store.py 300 ;;
    kafka-outage) run_test kafka-outage kafka_outage.py 240 ;;
    s3-outage)    run_test s3-outage dep_outage.py 180 s3 ;;
    postgres-outage) run_test postgres-outage dep_outage.py 180 postgres ;;
    fuzz)         run_test fuzz fuzz.py 120 ;;
    delete-faults) run_test delete-faults delete_faults.py 300 ;;
    kill-each)    run_test kill-each kill_each.py 480 ;;
    sweeper)      run_test sweeper sweeper.py 150 ;;
    consistency)  run_test consistency consistency.py 120 ;;
    *) echo "FAIL: unknown test $t" | tee -a "$CHAOS_RESULTS" ;;
  esac
done

# Every component of the stack is still up (the faults healed).
status_out="$("$NIMBUS" status 2>&1)"
down_components="$(awk '$2=="down"{print $1}' <<<"$status_out" | tr '\n' ' ')"
if [[ -z "$down_components" ]]; then echo "PASS: every component up at the end" | tee -a "$CHAOS_RESULTS"
else echo "FAIL: components down at the end: $down_components" | tee -a "$CHAOS_RESULTS"; fi

pass=$(grep -c '^PASS' "$CHAOS_RESULTS"); fail=$(grep -c '^FAIL' "$CHAOS_RESULTS")
say "figures: $NIMBUS_HOME/chaos/figures.jsonl; logs: $NIMBUS_HOME/logs/; total $(( $(date +%s) - t_start ))s"
echo "$pass passed, $fail failed"
(( fail == 0 ))
