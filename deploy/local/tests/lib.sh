# Shared helpers for the infrastructure tests (sourced, not run).
# Each test prints one line per check: "PASS: <what>" or "FAIL: <what>"; run.sh counts them.
TESTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
NIMBUS="$(cd "$TESTS_DIR/.." && pwd)/nimbus"
PASSED=0
FAILED=0

pass() { echo "PASS: $*"; PASSED=$((PASSED + 1)); }
fail() { echo "FAIL: $*"; FAILED=$((FAILED + 1)); }
check() { # description command...   (PASS when the command succeeds)
  local d="$1"; shift
  if "$@"; then pass "$d"; else fail "$d"; fi
}
info() { echo "  .. $*"; }

# The settings of the stack under test (NIMBUS_HOME and ports from the environment or from the
# last `nimbus up` of that NIMBUS_HOME): NIMBUS_HOME, NIMBUS_*_PORT, BASE_URL, POSTGRES_DATA...
load_stack_env() { eval "$("$NIMBUS" env)"; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

finish() { # exit status of a test script
  (( FAILED == 0 ))
}
