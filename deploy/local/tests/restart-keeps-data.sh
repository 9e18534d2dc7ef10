#!/usr/bin/env bash
# `nimbus down` leaves no process running, and `nimbus up` after it keeps the data.
#
# Against the running stack of $NIMBUS_HOME (full, or started with --infra-only):
#   1. writes a row to PostgreSQL (database nimbus_selftest, so the index schema is untouched),
#      an object to S3 (key selftest/<token>) and a record to Kafka (topic nimbus.selftest);
#   2. `nimbus down`: every recorded PID is gone, every port is closed, no process of this
#      NIMBUS_HOME is left;
#   3. `nimbus up` (with --infra-only if that is how the stack ran): the row, the object and the
#      record are still there, and the services are ready again.
# It restarts the stack it tests, so it takes ~1 minute with the services.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
load_stack_env

status_of() { "$NIMBUS" status | awk -v c="$1" '$1==c{print $2}'; }

if [[ "$(status_of postgres)" != up || "$(status_of kafka)" != up || "$(status_of s3proxy)" != up ]]; then
  fail "restart: the stack of NIMBUS_HOME=$NIMBUS_HOME is not up (run 'nimbus up' first)"
  exit 1
fi
UP_ARGS=()
WITH_SERVICES=true
if [[ "$(status_of query)" != up ]]; then UP_ARGS=(--infra-only); WITH_SERVICES=false; fi

TOKEN="selftest-$(date +%s)-$$-$RANDOM"
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
export PGOPTIONS="-c client_min_messages=warning" PGPASSWORD; PGPASSWORD="$(cat "$NIMBUS_HOME/run/pg-superuser.password")"
psql_su() { "$PG_BIN/psql" -X -q -tA -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$NIMBUS_PG_PORT" -U postgres "$@"; }
s3() { # method key [curl args]  -> prints body to $WORK/s3.out, returns status on stdout
  local m="$1" k="$2"; shift 2
  curl -sS -o "$WORK/s3.out" -w '%{http_code}' -X "$m" --aws-sigv4 "aws:amz:$NIMBUS_S3_REGION:s3" \
    --user "$NIMBUS_S3_ACCESS_KEY:$NIMBUS_S3_SECRET_KEY" -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" \
    "$@" "http://127.0.0.1:$NIMBUS_S3_PORT/$NIMBUS_S3_BUCKET/$k"
}
ktool() {
  java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dlog4j2.configurationFile="$NIMBUS_HOME/kafka/tools-log4j2.xml" \
    -cp "$NIMBUS_HOME/kafka/lib/*" "$@"
}
KTOPIC=nimbus.selftest
WORK="$(mktemp -d "${TMPDIR:-/tmp}/nimbus-restart.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# ---- 1. write ----------------------------------------------------------------------------------
if [[ -z "$(psql_su -d postgres -c "SELECT 1 FROM pg_database WHERE datname='nimbus_selftest'")" ]]; then
  psql_su -d postgres -c "CREATE DATABASE nimbus_selftest" >/dev/null
fi
psql_su -d nimbus_selftest -c "CREATE TABLE IF NOT EXISTS selftest(token text PRIMARY KEY, at timestamptz DEFAULT now())" >/dev/null
check "restart: wrote a row to PostgreSQL" psql_su -d nimbus_selftest -c "INSERT INTO selftest(token) VALUES ('$TOKEN')"
printf '%s' "$TOKEN" >"$WORK/obj"
check "restart: wrote an object to S3 (selftest/$TOKEN)" test "$(s3 PUT "selftest/$TOKEN" -T "$WORK/obj")" == 200
ktool org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$NIMBUS_KAFKA_PORT" --create --if-not-exists \
  --topic "$KTOPIC" --partitions 1 --replication-factor 1 >/dev/null 2>"$WORK/k.err" || cat "$WORK/k.err"
check "restart: produced a record to Kafka ($KTOPIC)" \
  bash -c "printf '%s\n' '$TOKEN' | java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dlog4j2.configurationFile='$NIMBUS_HOME/kafka/tools-log4j2.xml' -cp '$NIMBUS_HOME/kafka/lib/*' org.apache.kafka.tools.ConsoleProducer --bootstrap-server 127.0.0.1:$NIMBUS_KAFKA_PORT --topic $KTOPIC 2>'$WORK/p.err'"

# ---- 2. down -----------------------------------------------------------------------------------
PIDS=()
for f in "$NIMBUS_HOME"/run/*.pid; do [[ -f "$f" ]] && PIDS+=("$(basename "$f" .pid)=$(cat "$f")"); done
PIDS+=("postgres=$(head -n1 "$POSTGRES_DATA/postmaster.pid" 2>/dev/null)")
PORTS=("$NIMBUS_PG_PORT" "$NIMBUS_KAFKA_PORT" "$NIMBUS_KAFKA_CONTROLLER_PORT" "$NIMBUS_S3_PORT")
$WITH_SERVICES && PORTS+=("$NIMBUS_GATEWAY_PORT" "$NIMBUS_STORE_PORT" "$NIMBUS_RETRIEVE_PORT" "$NIMBUS_QUERY_PORT" "$NIMBUS_DELETE_PORT")
t0=$(date +%s)
check "restart: 'nimbus down' succeeds" "$NIMBUS" down
info "down took $(( $(date +%s) - t0 ))s"
alive=""
for e in "${PIDS[@]}"; do
  pid="${e#*=}"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then alive="$alive ${e%%=*}($pid)"; fi
done
check "restart: after down no recorded process is alive (${#PIDS[@]} PIDs checked)${alive:+:$alive}" test -z "$alive"
open=""
for p in "${PORTS[@]}"; do port_open "$p" && open="$open $p"; done
check "restart: after down every stack port is closed (${PORTS[*]})${open:+ — still open:$open}" test -z "$open"
# Nothing started for this NIMBUS_HOME survives (Java processes carry -Dnimbus.home=...).
stray="$(pgrep -f -- "-Dnimbus.home=$NIMBUS_HOME( |\$)" || true; pgrep -f -- "$NIMBUS_HOME/nginx/nginx.conf" || true; pgrep -f -- "-D $POSTGRES_DATA( |\$)" || true)"
check "restart: after down no process of this NIMBUS_HOME is left${stray:+ (found: $(echo $stray))}" test -z "$stray"
check "restart: 'nimbus status' reports every component down" bash -c "! '$NIMBUS' status | awk 'NR>1 && \$2==\"up\"' | grep -q ."

# ---- 3. up again -------------------------------------------------------------------------------
t0=$(date +%s)
check "restart: 'nimbus up${UP_ARGS[*]:+ ${UP_ARGS[*]}}' after down succeeds" "$NIMBUS" up "${UP_ARGS[@]}"
info "up took $(( $(date +%s) - t0 ))s"
check "restart: the PostgreSQL row survived" test "$(psql_su -d nimbus_selftest -c "SELECT count(*) FROM selftest WHERE token='$TOKEN'")" == 1
code="$(s3 GET "selftest/$TOKEN")"
check "restart: the S3 object survived (HTTP $code)" test "$code" == 200 -a "$(cat "$WORK/s3.out")" == "$TOKEN"
end="$(ktool org.apache.kafka.tools.GetOffsetShell --bootstrap-server "127.0.0.1:$NIMBUS_KAFKA_PORT" --topic "$KTOPIC" 2>/dev/null | awk -F: '$2==0{print $3}')"
got=""
if [[ -n "$end" && "$end" -gt 0 ]]; then
  got="$(ktool org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "127.0.0.1:$NIMBUS_KAFKA_PORT" \
    --topic "$KTOPIC" --partition 0 --offset $((end - 1)) --max-messages 1 --timeout-ms 20000 2>/dev/null)"
fi
check "restart: the Kafka record survived (end offset ${end:-?}, last record '$got')" test "$got" == "$TOKEN"
check "restart: topic $NIMBUS_EVENTS_TOPIC still exists" \
  bash -c "java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dlog4j2.configurationFile='$NIMBUS_HOME/kafka/tools-log4j2.xml' -cp '$NIMBUS_HOME/kafka/lib/*' org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:$NIMBUS_KAFKA_PORT --list 2>/dev/null | grep -qx '$NIMBUS_EVENTS_TOPIC'"
if $WITH_SERVICES; then
  for s in query store retrieve delete; do
    port_var="NIMBUS_${s^^}_PORT"
    code="$(curl -s -o /dev/null -m 5 -w '%{http_code}' "http://127.0.0.1:${!port_var}/q/health/ready")"
    check "restart: $s-service ready again after up (HTTP $code)" test "$code" == 200
  done
fi
psql_su -d nimbus_selftest -c "DELETE FROM selftest WHERE token='$TOKEN'" >/dev/null 2>&1 || true
s3 DELETE "selftest/$TOKEN" >/dev/null || true
finish
