#!/usr/bin/env python3
"""Write values with CPython's json.dumps, for the differential test of the canonical form.

Reads one request per line on standard input and writes one reply line per request, so one
long-lived process serves thousands of values. A request is {"values": [TAGGED, ...]}. The reply
is {"results": [{"ascii": TEXT, "utf8": TEXT or null}, ...]} in the same order, or
{"error": MESSAGE} when the request could not be read.

TAGGED is the transport form of a value that python-reference.ts writes, so that a JavaScript
value arrives with the meaning the canonical form gives it:
  {"i": "DIGITS"}          an int (an integer-valued number or a bigint)
  {"f": "REPR"}            a float, written with JavaScript's shortest round-trip digits
  {"a": [TAGGED, ...]}     a list
  {"o": [[KEY, TAGGED], ...]}  a dict; KEY is a plain JSON string
  a JSON string, true, false or null as themselves
Strings may hold lone surrogates, as \\udXXX escapes.

ascii is json.dumps(value, sort_keys=True, separators=(",", ":")) and utf8 the same with
ensure_ascii=False; utf8 is null when that text has a lone surrogate, which UTF-8 cannot encode.
"""

import json
import sys


def decode(node):
    if isinstance(node, dict):
        if "i" in node:
            return int(node["i"])
        if "f" in node:
            return float(node["f"])
        if "a" in node:
            return [decode(item) for item in node["a"]]
        if "o" in node:
            return {key: decode(item) for key, item in node["o"]}
        raise ValueError(f"unknown tag in {node!r}")
    return node


def dump(value, ensure_ascii):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=ensure_ascii, allow_nan=False)


def answer(value):
    utf8_text = dump(value, ensure_ascii=False)
    try:
        utf8_text.encode("utf-8")
    except UnicodeEncodeError:
        utf8_text = None
    return {"ascii": dump(value, ensure_ascii=True), "utf8": utf8_text}


def main():
    # Values nest about twice as deep in the transport form as in the value itself.
    sys.setrecursionlimit(10_000)
    for line in sys.stdin.buffer:
        try:
            request = json.loads(line.decode("utf-8"))
            reply = {"results": [answer(decode(node)) for node in request["values"]]}
        except Exception as error:  # the test side reports it; keep serving the next request
            reply = {"error": f"{type(error).__name__}: {error}"}
        # ensure_ascii keeps the reply line pure ASCII, lone surrogates included.
        sys.stdout.write(json.dumps(reply, ensure_ascii=True) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
