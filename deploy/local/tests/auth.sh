#!/usr/bin/env bash
# OIDC end to end with real Keycloak tokens, through the gateway of a stack started with
# `nimbus up --auth` (NIMBUS_AUTH=keycloak); on a stack without auth it only says so (no checks).
#
# Tokens come from the local realm `nimbus` (deploy/local/keycloak/nimbus-realm.json): password
# grant of client nimbus-cli for the users reader/writer/deleter/admin, client credentials of
# nimbus-services for the service account. It checks:
#   - 401 without a token and with a garbage token (QIDO, WADO, STOW, DELETE);
#   - 403 with a valid token lacking the role (reader STOW/DELETE, writer QIDO/DELETE, deleter WADO);
#   - 200/204 with the role: writer STOWs a fresh instance, reader finds it (QIDO) and reads its
#     metadata (WADO), deleter deletes it, reader no longer finds it;
#   - service to service: the STOW and DELETE answers carry no Warning, i.e. store/delete obtained a
#     client credentials token and query-service accepted it on /internal/*; query-service itself
#     answers /internal/* with 401 without a token, 403 for a user token, 200 for the service token;
#   - /q/health and the gateway's /openapi.yaml stay open.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
load_stack_env

if [[ "${NIMBUS_AUTH:-off}" != keycloak ]]; then
  info "auth: the stack of $NIMBUS_HOME runs without auth (start it with 'nimbus up --auth'): skipped"
  exit 0
fi
KC_ENV="$NIMBUS_HOME/run/keycloak.env"
[[ -r "$KC_ENV" ]] || { fail "auth: $KC_ENV missing (was Keycloak started by 'nimbus up --auth'?)"; exit 1; }
# shellcheck disable=SC1090
source "$KC_ENV"
ISSUER="http://127.0.0.1:$NIMBUS_KEYCLOAK_PORT/realms/nimbus"
TOKEN_URL="$ISSUER/protocol/openid-connect/token"
QUERY="http://127.0.0.1:$NIMBUS_QUERY_PORT"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT

json_field() { python3 -c 'import json,sys; print(json.load(sys.stdin).get(sys.argv[1], ""))' "$1"; }
user_token() { # username
  curl -sS -m 20 -d grant_type=password -d client_id=nimbus-cli -d "client_secret=$NIMBUS_KC_CLI_SECRET" \
    -d "username=$1" -d "password=$NIMBUS_KC_USER_PASSWORD" "$TOKEN_URL" | json_field access_token
}
service_token() {
  curl -sS -m 20 -d grant_type=client_credentials -d client_id=nimbus-services \
    -d "client_secret=$NIMBUS_KC_SERVICES_SECRET" "$TOKEN_URL" | json_field access_token
}
# req METHOD URL TOKEN [curl args...] -> status code on stdout; headers in $WORK/h, body in $WORK/b
req() {
  local m="$1" url="$2" tok="$3"; shift 3
  local auth=(); [[ -n "$tok" ]] && auth=(-H "Authorization: Bearer $tok")
  curl -sS -m 60 -o "$WORK/b" -D "$WORK/h" -w '%{http_code}' -X "$m" "${auth[@]}" "$@" "$url" || echo 000
}
expect() { # description expected-status METHOD URL TOKEN [curl args...]
  local d="$1" want="$2"; shift 2
  local got; got="$(req "$@")"
  if [[ "$got" == "$want" ]]; then pass "auth: $d -> $want"; else fail "auth: $d -> $got (expected $want): $(head -c 300 "$WORK/b")"; fi
}
no_warning() { ! grep -qi '^Warning:' "$WORK/h"; }

READER="$(user_token reader)"; WRITER="$(user_token writer)"; DELETER="$(user_token deleter)"; SERVICE="$(service_token)"
if [[ -z "$READER" || -z "$WRITER" || -z "$DELETER" || -z "$SERVICE" ]]; then
  fail "auth: tokens from Keycloak at $TOKEN_URL (reader/writer/deleter/service)"; exit 1
fi
pass "auth: real Keycloak tokens for reader, writer, deleter (password grant) and nimbus-services (client credentials)"

# A fresh single-frame Secondary Capture instance (Part 10, explicit VR little endian).
read -r STUDY SERIES SOP < <(python3 - "$WORK/instance.dcm" <<'PY'
import struct, sys, uuid
def uid(): return "2.25." + str(uuid.uuid4().int)
def el(g, e, vr, v):
    b = v.encode() if isinstance(v, str) else v
    if len(b) % 2: b += b"\0" if vr == "UI" else b" "
    if vr in ("OB", "OW"): return struct.pack("<HH2sHI", g, e, vr.encode(), 0, len(b)) + b
    return struct.pack("<HH2sH", g, e, vr.encode(), len(b)) + b
study, series, sop, sc = uid(), uid(), uid(), "1.2.840.10008.5.1.4.1.1.7"
meta = el(2, 1, "OB", b"\0\1") + el(2, 2, "UI", sc) + el(2, 3, "UI", sop) + el(2, 0x10, "UI", "1.2.840.10008.1.2.1") \
    + el(2, 0x12, "UI", "2.25.1")
us = lambda g, e, n: el(g, e, "US", struct.pack("<H", n))
ds = el(8, 0x16, "UI", sc) + el(8, 0x18, "UI", sop) + el(8, 0x60, "CS", "OT") + el(0x10, 0x10, "PN", "AUTH^TEST") \
    + el(0x10, 0x20, "LO", "AUTH1") + el(0x20, 0xD, "UI", study) + el(0x20, 0xE, "UI", series) + el(0x20, 0x13, "IS", "1") \
    + us(0x28, 2, 1) + el(0x28, 4, "CS", "MONOCHROME2") + us(0x28, 0x10, 2) + us(0x28, 0x11, 2) + us(0x28, 0x100, 8) \
    + us(0x28, 0x101, 8) + us(0x28, 0x102, 7) + us(0x28, 0x103, 0) + el(0x7FE0, 0x10, "OB", b"\0\x40\x80\xff")
with open(sys.argv[1], "wb") as f:
    f.write(b"\0" * 128 + b"DICM" + el(2, 0, "UL", struct.pack("<I", len(meta))) + meta + ds)
print(study, series, sop)
PY
)
STOW=(-H 'Content-Type: application/dicom' -H 'Accept: application/dicom+json' --data-binary "@$WORK/instance.dcm")
DJSON=(-H 'Accept: application/dicom+json')
S="$BASE_URL/studies/$STUDY"

# 401: no token, garbage token
expect "QIDO without a token" 401 GET "$BASE_URL/studies" "" "${DJSON[@]}"
expect "WADO metadata without a token" 401 GET "$S/metadata" "" "${DJSON[@]}"
expect "STOW without a token" 401 POST "$BASE_URL/studies" "" "${STOW[@]}"
expect "DELETE without a token" 401 DELETE "$S" ""
expect "QIDO with a garbage token" 401 GET "$BASE_URL/studies" "not.a.jwt" "${DJSON[@]}"

# 403: valid token, wrong role
expect "STOW as reader (dicom.read only)" 403 POST "$BASE_URL/studies" "$READER" "${STOW[@]}"
expect "STOW as deleter (dicom.delete only)" 403 POST "$BASE_URL/studies" "$DELETER" "${STOW[@]}"

# 200: STOW with dicom.write; no Warning = store-service's index wait passed with its service token
expect "STOW as writer (dicom.write)" 200 POST "$BASE_URL/studies" "$WRITER" "${STOW[@]}"
check "auth: STOW answer without Warning (store-service -> query-service /internal with a service token)" no_warning
expect "QIDO as writer (no dicom.read)" 403 GET "$BASE_URL/studies?StudyInstanceUID=$STUDY" "$WRITER" "${DJSON[@]}"
expect "QIDO as reader" 200 GET "$BASE_URL/studies?StudyInstanceUID=$STUDY" "$READER" "${DJSON[@]}"
check "auth: QIDO as reader finds the stored study (read-your-writes)" grep -q "$STUDY" "$WORK/b"
expect "WADO metadata as reader" 200 GET "$S/metadata" "$READER" "${DJSON[@]}"
check "auth: metadata names the SOP instance" grep -q "$SOP" "$WORK/b"
expect "WADO metadata as deleter (no dicom.read)" 403 GET "$S/metadata" "$DELETER" "${DJSON[@]}"

# DELETE: only dicom.delete
expect "DELETE as reader" 403 DELETE "$S" "$READER"
expect "DELETE as writer" 403 DELETE "$S" "$WRITER"
expect "DELETE as deleter (dicom.delete)" 204 DELETE "$S" "$DELETER"
check "auth: DELETE answer without Warning (delete-service -> query-service /internal with a service token)" no_warning
expect "QIDO as reader after the delete" 200 GET "$BASE_URL/studies?StudyInstanceUID=$STUDY" "$READER" "${DJSON[@]}"
check "auth: the deleted study is gone from QIDO" bash -c "! grep -q '$STUDY' '$WORK/b'"

# query-service's /internal/* directly (the gateway never routes it)
W="$QUERY/internal/index-progress/wait?topic=$NIMBUS_EVENTS_TOPIC&partition=0&offset=0&timeoutMs=0"
expect "query-service /internal without a token" 401 GET "$W" ""
expect "query-service /internal with a user token (admin: all dicom.* user roles)" 403 GET "$W" "$(user_token admin)"
expect "query-service /internal with the service token (dicom.internal)" 200 GET "$W" "$SERVICE"
expect "gateway /internal (never routed), even with the service token" 404 GET "$BASE_URL/internal/index-progress/wait" "$SERVICE"

# open endpoints
expect "query-service /q/health/ready without a token" 200 GET "$QUERY/q/health/ready" ""
expect "gateway /openapi.yaml without a token" 200 GET "$BASE_URL/openapi.yaml" ""

finish
