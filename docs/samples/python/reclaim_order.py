"""Reclaim an order from Python 3 with the standard library and requests.

Environment: BASE_URL, SERIAL, API_KEY, API_SECRET. The defaults are the reference server
started with `npx order-reclaim serve`, a demo order, and the public demo key and secret.
"""
import hashlib
import hmac
import json
import os
import time

import requests

BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8080")
API_KEY = os.environ.get("API_KEY", "B433BFF1CDE7450AA38A56BEAC690DD4")
API_SECRET = os.environ.get("API_SECRET", "0285A2741D0E76E2E187260EB23E51851D48403A756333E7D0CF845406ABF3E8")
SERIAL = os.environ.get("SERIAL", "1bcb40c612aababdcb166ac2cd7e3525")

# This call defines the canonical form, so it is exact for every JSON value, with two caveats.
# allow_nan=False rejects NaN and Infinity, which the default would write as non-JSON tokens.
# A float such as 1.0 is written as 1.0, but the SDK and the reference server in strict mode
# write an integer-valued number as 1, so send such numbers as int.
body = json.dumps({"serial": SERIAL}, sort_keys=True, separators=(",", ":"), allow_nan=False)

# Read the clock once: the same TIMESTAMP goes into the header and into the signed message.
timestamp = str(int(time.time()))
# The secret is used as text (its UTF-8 bytes), not hex-decoded.
signature = hmac.new(API_SECRET.encode("utf-8"), f"{timestamp}&{body}".encode("utf-8"), hashlib.sha256).hexdigest()

# Pass the signed bytes as data=; json= would serialize the body again with other separators.
response = requests.post(
    f"{BASE_URL}/api/v1/frontend/order/reclaim",
    data=body.encode("utf-8"),
    headers={
        "API-KEY": API_KEY,
        "TIMESTAMP": timestamp,
        "SIGNATURE": signature,
        "Content-Type": "application/json",
    },
    timeout=30,
)
# Success is errno 0 in the body; errors can come with HTTP 200 or with 4xx/5xx.
print(response.content.decode("utf-8"))
