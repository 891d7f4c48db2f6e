package scenarios

import (
	"fmt"
	"net/http"
	"time"

	"github.com/mockidp/mockidp/controlapi"
)

// fault registers an operation that adds one scenario.
func fault(name, desc string, params []string, build func(p Params) (Scenario, error)) {
	register(&operation{Operation: controlapi.Operation{Name: name, Description: desc, Params: params},
		apply: func(env Env, p Params) (Result, error) {
			s, err := build(p)
			if err != nil {
				return Result{}, fmt.Errorf("%s: %w", name, err)
			}
			return env.scenario(name, s)
		}})
}

// tokenMatch is the match of a token-endpoint fault.
func tokenMatch(p Params) Match {
	return Match{Cloud: p.Cloud, Tenant: p.Tenant, ClientID: p.ClientID, User: p.User, Endpoint: EndpointToken, Scope: p.Scope}
}

var tokenParams = []string{"tenant", "client_id", "user", "scope", "times"}

func init() {
	fault(controlapi.OpExpiredToken, "The next token answers (times, default 1) carry an access token that expired ten minutes ago; resources reject it as expired.",
		tokenParams, func(p Params) (Scenario, error) {
			return Scenario{Match: tokenMatch(p), Times: orDefault(p.Times, 1), Action: Action{Token: TokenExpired}}, nil
		})
	fault(controlapi.OpMissingScope, "Token answers (times, default until cleared) carry an access token without its resource scopes and roles; the resource answers 403.",
		tokenParams, func(p Params) (Scenario, error) {
			return Scenario{Match: tokenMatch(p), Times: p.Times, Action: Action{Token: TokenMissingScope}}, nil
		})
	fault(controlapi.OpThrottled, "The next token requests (times, default 1) get 429 temporarily_unavailable (AADSTS90055) with Retry-After (retry_after, default 1 s).",
		append(tokenParams, "retry_after"), func(p Params) (Scenario, error) {
			return Scenario{Match: tokenMatch(p), Times: orDefault(p.Times, 1),
				Action: Action{Status: http.StatusTooManyRequests, RetryAfter: orDefault(p.RetryAfter, 1)}}, nil
		})
	fault(controlapi.OpServerError, "The next token requests (times, default 1) fail with status (default 500 server_error AADSTS90036; 503 is temporarily_unavailable AADSTS90033).",
		append(tokenParams, "status", "retry_after"), func(p Params) (Scenario, error) {
			return Scenario{Match: tokenMatch(p), Times: orDefault(p.Times, 1),
				Action: Action{Status: orDefault(p.Status, http.StatusInternalServerError), RetryAfter: p.RetryAfter}}, nil
		})
	fault(controlapi.OpSlow, "Token answers (times, default until cleared) are held back by delay (default 2s) of real time.",
		append(tokenParams, "delay"), func(p Params) (Scenario, error) {
			return Scenario{Match: tokenMatch(p), Times: p.Times, Action: Action{Delay: orDefault(p.Delay, Duration(2*time.Second))}}, nil
		})
	fault(controlapi.OpIMDSUnavailable, "The managed-identity endpoint (IMDS) answers the next requests (times, default 3) with status 410 (or 404) as while the VM's identity warms up, or 5xx as when its identity extension fails, with Retry-After when retry_after is set.",
		[]string{"identity", "times", "status", "retry_after"}, func(p Params) (Scenario, error) {
			st := orDefault(p.Status, http.StatusGone)
			if st != http.StatusGone && st != http.StatusNotFound && (st < 500 || st > 599) {
				return Scenario{}, fmt.Errorf("status %d is not 404, 410 or 5xx", st)
			}
			return Scenario{Match: Match{Endpoint: EndpointIMDS, Identity: p.Identity}, Times: orDefault(p.Times, 3),
				Action: Action{Status: st, RetryAfter: p.RetryAfter}}, nil
		})
	fault(controlapi.OpIMDSThrottled, "The managed-identity endpoint (IMDS) answers the next requests (times, default 1) with 429 and Retry-After (retry_after, default 1 s).",
		[]string{"identity", "times", "retry_after"}, func(p Params) (Scenario, error) {
			return Scenario{Match: Match{Endpoint: EndpointIMDS, Identity: p.Identity}, Times: orDefault(p.Times, 1),
				Action: Action{Status: http.StatusTooManyRequests, RetryAfter: orDefault(p.RetryAfter, 1)}}, nil
		})
}
