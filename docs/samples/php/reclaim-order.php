<?php
// Reclaim an order from PHP 8.1+ with the bundled json and hash extensions and an HTTP stream
// (no curl extension needed).
//
// Environment: BASE_URL, SERIAL, API_KEY, API_SECRET. The defaults are the reference server
// started with `npx order-reclaim serve`, a demo order, and the public demo key and secret.

$baseUrl = getenv('BASE_URL') ?: 'http://127.0.0.1:8080';
$apiKey = getenv('API_KEY') ?: 'B433BFF1CDE7450AA38A56BEAC690DD4';
$apiSecret = getenv('API_SECRET') ?: '0285A2741D0E76E2E187260EB23E51851D48403A756333E7D0CF845406ABF3E8';
$serial = getenv('SERIAL') ?: '1bcb40c612aababdcb166ac2cd7e3525';

// Canonical JSON: members sorted by key at every depth, no whitespace, non-ASCII as lowercase
// \uXXXX (json_encode's default), "/" unescaped. Exact for the reclaim body and for nested
// objects of strings, integers, booleans and null. For other bodies it diverges:
// - an empty array is written as [] even where the body means {}, and an object whose keys are
//   0, 1, 2... is written as a list (build such objects as stdClass);
// - floats: 1.0e+25 where Python writes 1e+25;
// - string keys such as "10" become integers in a PHP array; SORT_STRING still orders them as
//   strings, byte by byte, which equals code point order.
function canonical_json(mixed $value): string
{
    $sortKeys = function (mixed $node) use (&$sortKeys): mixed {
        if (!is_array($node)) {
            return $node;
        }
        if (!array_is_list($node)) {
            ksort($node, SORT_STRING);
        }
        return array_map($sortKeys, $node);
    };
    $json = json_encode($sortKeys($value), JSON_UNESCAPED_SLASHES | JSON_THROW_ON_ERROR);
    // json_encode leaves DEL (U+007F) raw, which Python escapes; a raw DEL byte can only occur
    // inside a string, so replacing it is safe.
    return str_replace("\x7f", '\u007f', $json);
}

$body = canonical_json(['serial' => $serial]);
// Read the clock once: the same TIMESTAMP goes into the header and into the signed message.
$timestamp = (string) time();
// The secret is used as text, not hex-decoded; hash_hmac returns lowercase hex.
$signature = hash_hmac('sha256', $timestamp . '&' . $body, $apiSecret);

$context = stream_context_create([
    'http' => [
        'method' => 'POST',
        'header' => "API-KEY: $apiKey\r\nTIMESTAMP: $timestamp\r\nSIGNATURE: $signature\r\nContent-Type: application/json\r\n",
        'content' => $body,
        'timeout' => 30,
        // Return the body of 4xx/5xx responses too: success is errno 0, not the HTTP status.
        'ignore_errors' => true,
    ],
]);
$answer = file_get_contents($baseUrl . '/api/v1/frontend/order/reclaim', false, $context);
if ($answer === false) {
    fwrite(STDERR, "Request to $baseUrl failed: " . (error_get_last()['message'] ?? 'unknown error') . "\n");
    exit(1);
}
echo $answer, "\n";
