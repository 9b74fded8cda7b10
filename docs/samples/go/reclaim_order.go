// Reclaim an order from Go 1.19+ with the standard library alone.
// Run it with: go run reclaim_order.go
//
// Environment: BASE_URL, SERIAL, API_KEY, API_SECRET. The defaults are the reference server
// started with `npx order-reclaim serve`, a demo order, and the public demo key and secret.
package main

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

func main() {
	baseURL := env("BASE_URL", "http://127.0.0.1:8080")
	apiKey := env("API_KEY", "B433BFF1CDE7450AA38A56BEAC690DD4")
	apiSecret := env("API_SECRET", "0285A2741D0E76E2E187260EB23E51851D48403A756333E7D0CF845406ABF3E8")
	serial := env("SERIAL", "1bcb40c612aababdcb166ac2cd7e3525")

	// encoding/json is not used for the body because it diverges from the canonical form: it
	// escapes < > & as \u003c \u003e \u0026, writes other non-ASCII raw, orders struct fields by
	// declaration, and spells floats differently (10000000000000000 and 0.00001 where Python
	// writes 1e+16 and 1e-05). Its map key order (by bytes) does match code point order.
	quoted, err := canonicalString(serial)
	if err != nil {
		fail(err)
	}
	body := `{"serial":` + quoted + `}`
	// Read the clock once: the same TIMESTAMP goes into the header and into the signed message.
	timestamp := strconv.FormatInt(time.Now().Unix(), 10)
	// The secret is used as text (its UTF-8 bytes), not hex-decoded.
	mac := hmac.New(sha256.New, []byte(apiSecret))
	mac.Write([]byte(timestamp + "&" + body))
	signature := hex.EncodeToString(mac.Sum(nil))

	request, err := http.NewRequest(http.MethodPost, baseURL+"/api/v1/frontend/order/reclaim", bytes.NewReader([]byte(body)))
	if err != nil {
		fail(err)
	}
	request.Header.Set("API-KEY", apiKey)
	request.Header.Set("TIMESTAMP", timestamp)
	request.Header.Set("SIGNATURE", signature)
	request.Header.Set("Content-Type", "application/json")

	client := &http.Client{Timeout: 30 * time.Second}
	response, err := client.Do(request)
	if err != nil {
		fail(err)
	}
	defer response.Body.Close()
	answer, err := io.ReadAll(response.Body)
	if err != nil {
		fail(err)
	}
	// Success is errno 0 in the body; errors can come with HTTP 200 or with 4xx/5xx.
	fmt.Println(string(answer))
}

// canonicalString writes a string as CPython's json.dumps does by default: \" \\ \b \f \n \r \t,
// every other character below U+0020, DEL and everything from U+0080 as lowercase \uXXXX, and
// astral characters as surrogate pairs. A Go string can hold invalid UTF-8, which has no
// canonical form, so it is rejected instead of being replaced with U+FFFD.
func canonicalString(text string) (string, error) {
	if !utf8.ValidString(text) {
		return "", fmt.Errorf("invalid UTF-8 in %q: the body must be valid UTF-8", text)
	}
	var out strings.Builder
	out.WriteByte('"')
	for _, r := range text {
		switch {
		case r == '"':
			out.WriteString(`\"`)
		case r == '\\':
			out.WriteString(`\\`)
		case r == '\b':
			out.WriteString(`\b`)
		case r == '\f':
			out.WriteString(`\f`)
		case r == '\n':
			out.WriteString(`\n`)
		case r == '\r':
			out.WriteString(`\r`)
		case r == '\t':
			out.WriteString(`\t`)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0xffff):
			fmt.Fprintf(&out, `\u%04x`, r)
		case r > 0xffff:
			high, low := utf16.EncodeRune(r)
			fmt.Fprintf(&out, `\u%04x\u%04x`, high, low)
		default:
			out.WriteRune(r)
		}
	}
	out.WriteByte('"')
	return out.String(), nil
}

func env(name, fallback string) string {
	if value := os.Getenv(name); value != "" {
		return value
	}
	return fallback
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
