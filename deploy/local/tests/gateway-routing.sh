#!/usr/bin/env bash
# Gateway routing tests (DESIGN §3, docs/architecture.md "Gateway routing").
#
# Part 1 (always): renders deploy/local/nginx.conf.template exactly as the launcher does, starts
#   nginx in front of four echo stand-ins (dummy_upstream.py) on spare ports and checks that every
#   kind of request reaches the right service, with the X-Forwarded-* headers, untouched path and
#   query, streamed large bodies, /internal/ blocked, other methods refused, and a /v1 prefix.
# Part 2 (when the stack of $NIMBUS_HOME is up): the same routes through the real gateway reach
#   the real services (X-Nimbus-Upstream names the service, and the service answered, not nginx).
#
# Env: NIMBUS_ROUTING_TEST_PORT_BASE (default: the first free of 27180, 27280, ... 27880;
#      gateway = base, stand-ins = base+1..base+4).
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

command -v nginx >/dev/null 2>&1 || PATH="$PATH:/usr/sbin"
for tool in nginx python3 curl; do
  command -v "$tool" >/dev/null 2>&1 || { fail "gateway-routing: '$tool' is not installed (run: deploy/local/nimbus install)"; exit 1; }
done

# Several stacks (and engineers) may share a machine: take the first free block of 5 ports.
all_free() { local p; for p in "$@"; do port_open "$p" && return 1; done; return 0; }
if [[ -n "${NIMBUS_ROUTING_TEST_PORT_BASE:-}" ]]; then BASE_PORT="$NIMBUS_ROUTING_TEST_PORT_BASE"
else
  BASE_PORT=27180
  for b in 27180 27280 27380 27480 27580 27680 27780 27880; do
    if all_free "$b" $((b + 1)) $((b + 2)) $((b + 3)) $((b + 4)); then BASE_PORT=$b; break; fi
  done
fi
GW=$BASE_PORT
declare -A DPORT=([store]=$((BASE_PORT + 1)) [retrieve]=$((BASE_PORT + 2)) [query]=$((BASE_PORT + 3)) [delete]=$((BASE_PORT + 4)))
WORK="$(mktemp -d "${TMPDIR:-/tmp}/nimbus-routing.XXXXXX")"
PIDS=()

cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

# ---- Part 1: routing against stand-ins ------------------------------------------------------
for p in "$GW" "${DPORT[@]}"; do
  if port_open "$p"; then fail "gateway-routing: port $p is busy (set NIMBUS_ROUTING_TEST_PORT_BASE)"; exit 1; fi
done
for s in store retrieve query delete; do
  python3 "$TESTS_DIR/dummy_upstream.py" "${DPORT[$s]}" "$s" >"$WORK/dummy-$s.log" 2>&1 &
  PIDS+=($!)
done

start_gateway() { # prefix
  NIMBUS_HOME="$WORK/home" NIMBUS_PREFIX="$1" NIMBUS_GATEWAY_PORT="$GW" \
    NIMBUS_STORE_PORT="${DPORT[store]}" NIMBUS_RETRIEVE_PORT="${DPORT[retrieve]}" \
    NIMBUS_QUERY_PORT="${DPORT[query]}" NIMBUS_DELETE_PORT="${DPORT[delete]}" \
    "$NIMBUS" render-gateway "$WORK/home/nginx/nginx.conf" || return 1
  nginx -p "$WORK/home/nginx/" -c "$WORK/home/nginx/nginx.conf" -e "$WORK/home/logs/gateway-error.log" \
    >"$WORK/nginx.out" 2>&1 &
  GW_PID=$!
  PIDS+=("$GW_PID")
  for _ in $(seq 100); do port_open "$GW" && return 0; kill -0 "$GW_PID" 2>/dev/null || break; sleep 0.1; done
  cat "$WORK/nginx.out" "$WORK/home/logs/gateway-error.log" 2>/dev/null
  return 1
}
stop_gateway() {
  kill "$GW_PID" 2>/dev/null
  for _ in $(seq 50); do kill -0 "$GW_PID" 2>/dev/null || break; sleep 0.1; done
  for _ in $(seq 50); do port_open "$GW" || break; sleep 0.1; done
}

for s in store retrieve query delete; do
  for _ in $(seq 100); do port_open "${DPORT[$s]}" && break; sleep 0.1; done
done

# request METHOD URL [curl args]: sets STATUS, UPSTREAM (X-Nimbus-Upstream), BODY
request() {
  local method="$1" url="$2"; shift 2
  local hdr="$WORK/h" body="$WORK/b"
  local args=(-s -o "$body" -D "$hdr" -w '%{http_code}' -X "$method")
  [[ "$method" == HEAD ]] && args=(-s -o "$body" -D "$hdr" -w '%{http_code}' -I)
  STATUS="$(curl "${args[@]}" "$@" "$url" 2>/dev/null || true)"
  UPSTREAM="$(tr -d '\r' <"$hdr" | sed -n 's/^[Xx]-[Nn]imbus-[Uu]pstream: *//p' | head -n1)"
  DUMMY="$(tr -d '\r' <"$hdr" | sed -n 's/^[Xx]-[Dd]ummy-[Ss]ervice: *//p' | head -n1)"
  BODY="$(cat "$body" 2>/dev/null || true)"
}
json() { python3 -c 'import json,sys; d=json.load(sys.stdin); v=d
for k in sys.argv[1].split("."): v=v.get(k) if isinstance(v, dict) else None
print("" if v is None else v)' "$1" <<<"$BODY" 2>/dev/null; }

ROUTES=(
  "GET /studies?PatientID=1 query"
  "GET /studies query"
  "GET /studies/ query"
  "GET /series?Modality=CT query"
  "GET /instances?limit=1 query"
  "GET /studies/1.2.3/series query"
  "GET /studies/1.2.3/instances query"
  "GET /studies/1.2.3/series/4.5.6/instances?includefield=all query"
  "HEAD /studies?PatientID=1 query"
  "GET /studies/1.2.3 retrieve"
  "GET /studies/1.2.3/metadata retrieve"
  "GET /studies/1.2.3/series/4.5.6 retrieve"
  "GET /studies/1.2.3/series/4.5.6/metadata retrieve"
  "GET /studies/1.2.3/series/4.5.6/instances/7.8.9 retrieve"
  "GET /studies/1.2.3/series/4.5.6/instances/7.8.9/frames/1,2 retrieve"
  "GET /studies/1.2.3/series/4.5.6/instances/7.8.9/bulkdata/7FE00010 retrieve"
  "HEAD /studies/1.2.3/metadata retrieve"
  "OPTIONS /studies retrieve"
  "POST /studies store"
  "POST /studies/1.2.3 store"
  "DELETE /studies/1.2.3 delete"
  "DELETE /studies/1.2.3/series/4.5.6 delete"
  "DELETE /studies/1.2.3/series/4.5.6/instances/7.8.9 delete"
)

if start_gateway ""; then pass "gateway-routing: nginx starts with the rendered template (no prefix)"
else fail "gateway-routing: nginx starts with the rendered template (no prefix)"; exit 1; fi
G="http://127.0.0.1:$GW"

for r in "${ROUTES[@]}"; do
  read -r method path want <<<"$r"
  request "$method" "$G$path"
  if [[ "$STATUS" == 200 && "$UPSTREAM" == "$want" && "$DUMMY" == "$want" ]]; then
    if [[ "$method" == HEAD ]] || [[ "$(json path)" == "$path" && "$(json method)" == "$method" ]]; then
      pass "routing: $method $path -> $want"
    else
      fail "routing: $method $path -> $want, but the service saw '$(json method) $(json path)'"
    fi
  else
    fail "routing: $method $path -> $want (got HTTP $STATUS, upstream '$UPSTREAM', served by '$DUMMY')"
  fi
done

request GET "$G/studies/1.2.3/metadata" -H "Host: dicom.example:$GW"
fh="$(json headers.x-forwarded-host) $(json headers.x-forwarded-proto) $(json headers.x-forwarded-port) [$(json headers.x-forwarded-prefix)]"
check "routing: X-Forwarded-Host/-Proto/-Port set, no X-Forwarded-Prefix without a prefix ($fh)" \
  test "$fh" == "dicom.example:$GW http $GW []"
check "routing: the upstream connection is HTTP/1.1 keep-alive (no 'Connection: close')" \
  test "$(json headers.connection)" != close

for p in "/internal/index-progress/wait?topic=t&partition=0&offset=1&timeoutMs=1" "/internal" "/internal/"; do
  request GET "$G$p"
  check "routing: GET $p is not routed (404 from the gateway)" test "$STATUS" == 404 -a -z "$DUMMY"
done
request POST "$G/internal/index-progress/wait"
check "routing: POST /internal/... is not routed (404)" test "$STATUS" == 404 -a -z "$DUMMY"
request GET "$G/studies/1.2.3/internal"
check "routing: '/internal' later in a path is ordinary WADO (retrieve)" test "$UPSTREAM" == retrieve
request PATCH "$G/studies/1.2.3"
check "routing: PATCH is refused by the gateway (405)" test "$STATUS" == 405 -a -z "$DUMMY"

# Streaming bodies: 64 MiB with Content-Length and a chunked 64 MiB body reach the store untouched
# (client_max_body_size 0, proxy_request_buffering off).
head -c $((64 * 1024 * 1024)) /dev/zero >"$WORK/big.bin"
request POST "$G/studies" -H "Content-Type: application/octet-stream" --data-binary "@$WORK/big.bin"
check "routing: a 64 MiB STOW body passes the gateway (HTTP $STATUS, $(json bodyBytes) bytes)" \
  test "$STATUS" == 200 -a "$(json bodyBytes)" == $((64 * 1024 * 1024))
request POST "$G/studies" -H "Content-Type: application/octet-stream" -H "Transfer-Encoding: chunked" --data-binary "@$WORK/big.bin"
check "routing: a chunked 64 MiB STOW body is streamed through (HTTP $STATUS, $(json bodyBytes) bytes, $(json headers.transfer-encoding))" \
  test "$STATUS" == 200 -a "$(json bodyBytes)" == $((64 * 1024 * 1024))
check "routing: no request body was spooled to the gateway's temp folder" \
  test -z "$(find "$WORK/home/nginx/temp" -type f 2>/dev/null)"
rm -f "$WORK/big.bin"
stop_gateway

# With a DICOMweb prefix (/v1): stripped before the service, announced in X-Forwarded-Prefix.
if start_gateway "/v1"; then pass "gateway-routing: nginx starts with NIMBUS_PREFIX=/v1"
else fail "gateway-routing: nginx starts with NIMBUS_PREFIX=/v1"; exit 1; fi
request GET "$G/v1/studies?PatientID=1"
check "routing(/v1): GET /v1/studies?PatientID=1 -> query as /studies?PatientID=1 with X-Forwarded-Prefix /v1" \
  test "$UPSTREAM" == query -a "$(json path)" == "/studies?PatientID=1" -a "$(json headers.x-forwarded-prefix)" == /v1
request GET "$G/v1/studies/1.2.3/metadata"
check "routing(/v1): GET /v1/studies/1.2.3/metadata -> retrieve as /studies/1.2.3/metadata" \
  test "$UPSTREAM" == retrieve -a "$(json path)" == "/studies/1.2.3/metadata"
request POST "$G/v1/studies"
check "routing(/v1): POST /v1/studies -> store" test "$UPSTREAM" == store -a "$(json path)" == "/studies"
request DELETE "$G/v1/studies/1.2.3"
check "routing(/v1): DELETE /v1/studies/1.2.3 -> delete" test "$UPSTREAM" == delete -a "$(json path)" == "/studies/1.2.3"
request GET "$G/studies"
check "routing(/v1): outside the prefix nothing is served (404)" test "$STATUS" == 404 -a -z "$DUMMY"
request GET "$G/v1/internal/index-progress/wait"
check "routing(/v1): /v1/internal/... is not routed (404)" test "$STATUS" == 404 -a -z "$DUMMY"
stop_gateway

# ---- Part 2: the real gateway in front of the real services ----------------------------------
load_stack_env
if [[ "$(NIMBUS_HOME="$NIMBUS_HOME" "$NIMBUS" status | awk '$1=="gateway"{print $2}')" != up ]]; then
  info "no running gateway for NIMBUS_HOME=$NIMBUS_HOME: live routing checks skipped"
  finish; exit
fi
L="$BASE_URL"
info "live routing checks against $L"
LIVE=(
  "GET /studies?PatientID=NIMBUS-ROUTING-TEST query"
  "GET /studies/1.2.3/series query"
  "GET /studies/1.2.3/series/4.5.6/instances query"
  "GET /studies/1.2.3/metadata retrieve"
  "GET /studies/1.2.3/series/4.5.6/instances/7.8.9/frames/1 retrieve"
  "POST /studies store"
  "DELETE /studies/1.2.999999999 delete"
)
for r in "${LIVE[@]}"; do
  read -r method path want <<<"$r"
  request "$method" "$L$path" -H "Content-Type: multipart/related; type=\"application/dicom\"; boundary=nimbus" -H "Accept: */*"
  # 502/504 would mean nginx could not reach the service; anything else is the service's answer.
  if [[ "$UPSTREAM" == "$want" && "$STATUS" != 000 && "$STATUS" != 502 && "$STATUS" != 504 ]]; then
    pass "live routing: $method $path -> $want-service answered HTTP $STATUS"
  else
    fail "live routing: $method $path -> $want-service (got HTTP $STATUS from '$UPSTREAM')"
  fi
done
request GET "$L/internal/index-progress/wait?topic=$NIMBUS_EVENTS_TOPIC&partition=0&offset=0&timeoutMs=1"
check "live routing: /internal/index-progress/wait is not reachable through the gateway (404)" \
  test "$STATUS" == 404 -a -z "$UPSTREAM"
finish
