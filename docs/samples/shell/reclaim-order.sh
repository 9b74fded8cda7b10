#!/usr/bin/env bash
# Reclaim an order from Bash with curl and openssl (plus iconv and od, which every Linux and
# macOS system has).
#
# Environment: BASE_URL, SERIAL, API_KEY, API_SECRET. The defaults are the reference server
# started with `npx order-reclaim serve`, a demo order, and the public demo key and secret.
set -euo pipefail

BASE_URL="${BASE_URL:-http://127.0.0.1:8080}"
API_KEY="${API_KEY:-B433BFF1CDE7450AA38A56BEAC690DD4}"
API_SECRET="${API_SECRET:-0285A2741D0E76E2E187260EB23E51851D48403A756333E7D0CF845406ABF3E8}"
SERIAL="${SERIAL:-1bcb40c612aababdcb166ac2cd7e3525}"

# Writes a UTF-8 string as CPython's json.dumps does by default. iconv turns it into UTF-16 code
# units, so astral characters become surrogate pairs as in Python, and invalid UTF-8 stops the
# script. `jq -c -S` is not used: it writes non-ASCII raw, which is the utf8 profile, not the
# default one. This handles one string; a body with numbers or nested objects needs a real
# canonical JSON writer (see the other samples).
canonical_string() {
  local units unit code out='"'
  units=$(printf '%s' "$1" | iconv -f UTF-8 -t UTF-16BE | od -An -v -tx1 | tr -d ' \n')
  while [ -n "$units" ]; do
    unit=${units:0:4}
    units=${units:4}
    code=$((16#$unit))
    case $code in
      34) out+='\"' ;;
      92) out+='\\' ;;
      8) out+='\b' ;;
      12) out+='\f' ;;
      10) out+='\n' ;;
      13) out+='\r' ;;
      9) out+='\t' ;;
      *)
        if [ "$code" -lt 32 ] || [ "$code" -ge 127 ]; then
          out+="\\u$unit"
        else
          out+=$(printf "\\x${unit:2:2}")
        fi
        ;;
    esac
  done
  printf '%s"' "$out"
}

body="{\"serial\":$(canonical_string "$SERIAL")}"
# Read the clock once: the same TIMESTAMP goes into the header and into the signed message.
timestamp=$(date +%s)
# printf, not echo: the message must not end with a newline. openssl prints the digest on one
# line ("SHA2-256(stdin)= <hex>" in OpenSSL 3, other labels elsewhere) and sed keeps the hex;
# `xxd -p` would wrap the 64 hex characters after 60. The secret is used as text, not
# hex-decoded, and shows in the process list while openssl runs.
signature=$(printf '%s' "${timestamp}&${body}" | openssl dgst -sha256 -hmac "$API_SECRET" | sed 's/^.*= //')
if ! [[ $signature =~ ^[0-9a-f]{64}$ ]]; then
  echo "openssl did not return a 64-character hex HMAC-SHA256: ${signature:0:80}" >&2
  exit 1
fi

# --data-binary sends the signed bytes unchanged (--data would strip line breaks). curl exits 0
# on 4xx/5xx responses: success is errno 0 in the body, not the HTTP status.
curl --silent --show-error --max-time 30 \
  --request POST "${BASE_URL}/api/v1/frontend/order/reclaim" \
  --header "API-KEY: ${API_KEY}" \
  --header "TIMESTAMP: ${timestamp}" \
  --header "SIGNATURE: ${signature}" \
  --header "Content-Type: application/json" \
  --data-binary "$body"
echo
