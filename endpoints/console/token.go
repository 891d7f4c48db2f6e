package console

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
)

// maxTokenBytes bounds a pasted token (the journal keeps 64 KB).
const maxTokenBytes = 64 << 10

// TokenPageData is the decoder page: the form and the latest tokens
// mockidp issued, each a click away from being decoded.
type TokenPageData struct {
	Frame
	Recent []RecentToken
}

// RecentToken is a journaled token offered for decoding.
type RecentToken struct {
	Time                                     time.Time
	ClientName, ClientID, User, Grant, Token string
}

// recentTokens is how many of the newest issued tokens the page offers.
const recentTokens = 10

func (h *Handler) tokenPage(c echo.Context) error {
	d := TokenPageData{Frame: h.frame("token", "Token decoder")}
	names := h.clientNames()
	for _, r := range slices.Backward(h.Journal.TokensWhere(noFilter)) {
		if len(d.Recent) == recentTokens {
			break
		}
		d.Recent = append(d.Recent, RecentToken{Time: r.Time, ClientName: names[strings.ToLower(r.ClientID)],
			ClientID: r.ClientID, User: cell(r.User), Grant: r.GrantType, Token: r.Token})
	}
	return render(c, http.StatusOK, "token.html", d)
}

// Decoded is what the decoder shows of a token.
type Decoded struct {
	Problem        string
	Header, Claims []ClaimRow
	Signature      Verdict
	Lifetime       Verdict
	Now            time.Time
}

// Verdict is a check's outcome in words.
type Verdict struct {
	OK   bool
	Text string
}

// ClaimRow is one header field or claim: its value for people, and what
// it means.
type ClaimRow struct{ Name, Value, Meaning string }

// decodeToken answers the page's same-origin JSON request
// {"token": "..."} with the decoded token as an HTML fragment.
func (h *Handler) decodeToken(c echo.Context) error {
	var in struct {
		Token string `json:"token"`
	}
	// Room for the JSON around a token of maxTokenBytes; one byte more
	// tells a body too long from one cut short.
	const maxBody = maxTokenBytes + 1024
	body, err := io.ReadAll(io.LimitReader(c.Request().Body, maxBody+1))
	d := Decoded{Now: h.IDP.Clock().Now().UTC()}
	if err == nil && len(body) > maxBody {
		d.Problem = fmt.Sprintf("this is more than %d bytes; tokens mockidp issues are far below %d", maxBody, maxTokenBytes)
		return render(c, http.StatusOK, "decoded.html", d)
	}
	if err == nil {
		err = json.Unmarshal(body, &in)
	}
	switch {
	case err != nil:
		d.Problem = "send {\"token\": \"…\"} as JSON"
	default:
		d = h.decode(in.Token, d)
	}
	return render(c, http.StatusOK, "decoded.html", d)
}

func (h *Handler) decode(raw string, d Decoded) Decoded {
	token := strings.TrimSpace(raw)
	if scheme, rest, ok := strings.Cut(token, " "); ok && strings.EqualFold(scheme, "Bearer") {
		token = strings.TrimSpace(rest)
	}
	parts := strings.Split(token, ".")
	switch {
	case token == "":
		d.Problem = "paste a token first"
		return d
	case len(token) > maxTokenBytes:
		d.Problem = fmt.Sprintf("this is %d bytes; tokens mockidp issues are far below %d", len(token), maxTokenBytes)
		return d
	case len(parts) != 3:
		d.Problem = fmt.Sprintf("a JWT has three parts separated by dots; this has %d", len(parts))
		return d
	}
	header, err := orderedJSON(parts[0])
	if err != nil {
		d.Problem = "the header (first part) is not base64url JSON: " + err.Error()
		return d
	}
	claims, err := orderedJSON(parts[1])
	if err != nil {
		d.Problem = "the claims (second part) are not base64url JSON: " + err.Error()
		return d
	}
	d.Header = describe(header, headerMeanings)
	d.Claims = describe(claims, claimMeanings)
	d.Signature = h.signatureVerdict(token, claims)
	d.Lifetime = lifetimeVerdict(claims, d.Now)
	return d
}

// signatureVerdict checks the signature against the keys mockidp
// publishes for the cloud of the token's tenant.
func (h *Handler) signatureVerdict(token string, claims []field) Verdict {
	cloud := "public"
	if tid, ok := lookupString(claims, "tid"); ok {
		if t, ok := h.IDP.Directory.TenantByID(tid); ok {
			cloud = t.Cloud.Name
		}
	}
	if h.IDP.Tokens.SignatureValid(cloud, token) {
		return Verdict{OK: true, Text: "Signature valid: signed by a key mockidp publishes for the " + cloud + " cloud (its JWKS)."}
	}
	return Verdict{Text: "Signature not valid: no key mockidp publishes for the " + cloud +
		" cloud verifies it (another issuer, a rotated-out key, an edited token, or not RS256)."}
}

// lifetimeVerdict reads exp and nbf on the mock clock.
func lifetimeVerdict(claims []field, now time.Time) Verdict {
	exp, okExp := lookupTime(claims, "exp")
	nbf, okNbf := lookupTime(claims, "nbf")
	switch {
	case !okExp:
		return Verdict{Text: "No exp claim: the token never expires, which no Entra token does."}
	case okNbf && now.Before(nbf):
		return Verdict{Text: "Not valid yet: nbf is " + duration(nbf.Sub(now)) + " ahead of the mock clock."}
	case !now.Before(exp):
		return Verdict{Text: "Expired " + duration(now.Sub(exp)) + " ago on the mock clock (" + when(exp) + ")."}
	}
	return Verdict{OK: true, Text: "Valid for another " + duration(exp.Sub(now)) + " on the mock clock (until " + when(exp) + ")."}
}

// field is a JSON member in the order the token has it.
type field struct {
	Name  string
	Value json.RawMessage
}

func orderedJSON(part string) ([]field, error) {
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(part, "="))
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, fmt.Errorf("not a JSON object")
	}
	var out []field
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return nil, err
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		out = append(out, field{Name: fmt.Sprint(k), Value: v})
	}
	return out, nil
}

func describe(fields []field, meanings map[string]string) []ClaimRow {
	rows := make([]ClaimRow, 0, len(fields))
	for _, f := range fields {
		rows = append(rows, ClaimRow{Name: f.Name, Value: valueWords(f), Meaning: meanings[f.Name]})
	}
	return rows
}

// valueWords writes a value for people: strings bare, lists one per
// comma, times as UTC beside the number.
func valueWords(f field) string {
	var v any
	d := json.NewDecoder(bytes.NewReader(f.Value))
	d.UseNumber()
	if d.Decode(&v) != nil {
		return string(f.Value)
	}
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		if timeClaims[f.Name] {
			if n, err := x.Int64(); err == nil {
				return x.String() + "  (" + when(time.Unix(n, 0)) + ")"
			}
		}
		return x.String()
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = fmt.Sprint(e)
		}
		return strings.Join(parts, ", ")
	}
	return string(f.Value)
}

func lookupString(fields []field, name string) (string, bool) {
	for _, f := range fields {
		var s string
		if f.Name == name && json.Unmarshal(f.Value, &s) == nil {
			return s, true
		}
	}
	return "", false
}

func lookupTime(fields []field, name string) (time.Time, bool) {
	for _, f := range fields {
		var n json.Number
		if f.Name == name && json.Unmarshal(f.Value, &n) == nil {
			if v, err := n.Int64(); err == nil {
				return time.Unix(v, 0).UTC(), true
			}
		}
	}
	return time.Time{}, false
}
