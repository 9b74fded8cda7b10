// Reclaim an order from Java 17+ with the JDK alone: java.net.http and javax.crypto.
// Run it as a single-file program: java ReclaimOrder.java
//
// Environment: BASE_URL, SERIAL, API_KEY, API_SECRET. The defaults are the reference server
// started with `npx order-reclaim serve`, a demo order, and the public demo key and secret.

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class ReclaimOrder {
    public static void main(String[] args) throws Exception {
        String baseUrl = env("BASE_URL", "http://127.0.0.1:8080");
        String apiKey = env("API_KEY", "B433BFF1CDE7450AA38A56BEAC690DD4");
        String apiSecret = env("API_SECRET", "0285A2741D0E76E2E187260EB23E51851D48403A756333E7D0CF845406ABF3E8");
        String serial = env("SERIAL", "1bcb40c612aababdcb166ac2cd7e3525");

        // The body has one member, so it is written by hand instead of through a JSON library.
        String body = "{\"serial\":" + canonicalString(serial) + "}";
        // Read the clock once: the same TIMESTAMP goes into the header and into the signed message.
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String signature = hmacSha256Hex(apiSecret, timestamp + "&" + body);

        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/frontend/order/reclaim"))
                .timeout(Duration.ofSeconds(30))
                .header("API-KEY", apiKey)
                .header("TIMESTAMP", timestamp)
                .header("SIGNATURE", signature)
                .header("Content-Type", "application/json")
                // Send the exact bytes that were signed.
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.getBytes(StandardCharsets.UTF_8)))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        // Success is errno 0 in the body; errors can come with HTTP 200 or with 4xx/5xx.
        // Java 17 prints with the platform charset, so print UTF-8 explicitly for the Chinese messages.
        new PrintStream(System.out, true, StandardCharsets.UTF_8).println(response.body());
    }

    // Writes a string as CPython's json.dumps does by default. Java strings are UTF-16, so
    // astral characters come out as surrogate-pair escapes and lone surrogates as themselves,
    // as in Python. For other bodies a JSON library diverges from the canonical form: Gson and
    // Jackson write non-ASCII raw and Gson escapes < > & = ' by default; a TreeMap orders keys by
    // UTF-16 code unit, which puts U+E000..U+FFFF after astral characters (code point order puts
    // them before); and doubles are spelled differently (1.0E25 where Python writes 1e+25).
    static String canonicalString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char unit : text.toCharArray()) {
            switch (unit) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (unit < 0x20 || unit >= 0x7f) {
                        out.append(String.format("\\u%04x", (int) unit));
                    } else {
                        out.append(unit);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    // The secret is used as text (its UTF-8 bytes), not hex-decoded.
    static String hmacSha256Hex(String secret, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
