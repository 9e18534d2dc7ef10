#!/usr/bin/env bash
# Runs every infrastructure test in deploy/local/tests (*.sh other than this runner and lib.sh)
# against the stack of $NIMBUS_HOME (default <repo>/.nimbus; `nimbus test` points it at its test
# stack), and ends with the line "N passed, M failed". Exit status 0 only if nothing failed.
#   deploy/local/tests/run.sh [test-name...]     e.g. run.sh gateway-routing
set -uo pipefail
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if (($#)); then
  TESTS=(); for t in "$@"; do TESTS+=("$DIR/${t%.sh}.sh"); done
else
  # Routing first, the restart test (down/up) last.
  TESTS=("$DIR/gateway-routing.sh")
  for t in "$DIR"/*.sh; do
    case "$(basename "$t")" in run.sh|lib.sh|gateway-routing.sh|restart-keeps-data.sh) ;; *) TESTS+=("$t") ;; esac
  done
  TESTS+=("$DIR/restart-keeps-data.sh")
fi
passed=0; failed=0
for t in "${TESTS[@]}"; do
  [[ -f "$t" ]] || { echo "FAIL: no such test: $t"; failed=$((failed + 1)); continue; }
  echo "== $(basename "$t" .sh)"
  out="$(mktemp)"
  bash "$t" 2>&1 | tee "$out"
  rc="${PIPESTATUS[0]}"
  p="$(grep -c '^PASS: ' "$out")"; f="$(grep -c '^FAIL: ' "$out")"
  rm -f "$out"
  if (( rc != 0 && f == 0 )); then echo "FAIL: $(basename "$t") exited $rc"; f=1; fi
  passed=$((passed + p)); failed=$((failed + f))
done
echo "$passed passed, $failed failed"
(( failed == 0 ))
