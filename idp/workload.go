package idp

import (
	"fmt"
	"regexp"
	"time"

	"github.com/mockidp/mockidp/clouds"
)

// ServiceAccountTokenLifetime is the default lifetime of the tokens
// mockidp's service-account issuer mints (AKS projects one-hour tokens).
const ServiceAccountTokenLifetime = time.Hour

// ServiceAccountRequest asks mockidp's Kubernetes-style issuer for a
// projected service-account token.
type ServiceAccountRequest struct {
	// Site is where the request arrived; the issuer is rooted there.
	Site Site
	// Namespace and ServiceAccount form the subject
	// system:serviceaccount:{namespace}:{name}.
	Namespace, ServiceAccount string
	// Audience defaults to the site cloud's federation audience.
	Audience string
	// Lifetime defaults to ServiceAccountTokenLifetime.
	Lifetime time.Duration
}

// ServiceAccountToken is a minted projected service-account token.
type ServiceAccountToken struct {
	Token     string
	Issuer    string
	Subject   string
	Audience  string
	ExpiresOn time.Time
}

type kubernetesClaims struct {
	Aud        []string       `json:"aud"`
	Exp        int64          `json:"exp"`
	Iat        int64          `json:"iat"`
	Iss        string         `json:"iss"`
	Jti        string         `json:"jti"`
	Kubernetes map[string]any `json:"kubernetes.io"`
	Nbf        int64          `json:"nbf"`
	Sub        string         `json:"sub"`
}

// dnsLabel is what Kubernetes allows as a namespace or account name.
var dnsLabel = regexp.MustCompile(`^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$`)

// WorkloadIssuer is the issuer URL of mockidp's service-account tokens
// at a site.
func WorkloadIssuer(s Site) string { return s.URL(WorkloadIssuerPath) }

// MintServiceAccountToken signs a token with the claims of a Kubernetes
// projected service-account token, with the public cloud's signing key
// (published at the issuer's JWKS), for workload identity federation.
func (p *Tokens) MintServiceAccountToken(r ServiceAccountRequest) (*ServiceAccountToken, error) {
	if r.Namespace == "" {
		r.Namespace = "default"
	}
	if !dnsLabel.MatchString(r.Namespace) || !dnsLabel.MatchString(r.ServiceAccount) {
		return nil, fmt.Errorf("namespace %q and service account %q must be Kubernetes names", r.Namespace, r.ServiceAccount)
	}
	if r.Audience == "" {
		r.Audience = r.Site.Cloud.FederationAudience
	}
	if r.Lifetime <= 0 {
		r.Lifetime = ServiceAccountTokenLifetime
	}
	key, ok := p.keys.Signer(clouds.Public.Name)
	if !ok {
		return nil, ErrServer.New().Wrap(fmt.Errorf("no signing key for the service-account issuer"))
	}
	now := p.clock.Now()
	sub := "system:serviceaccount:" + r.Namespace + ":" + r.ServiceAccount
	c := kubernetesClaims{Aud: []string{r.Audience}, Exp: now.Add(r.Lifetime).Unix(), Iat: now.Unix(),
		Iss: WorkloadIssuer(r.Site), Jti: NewGUID(p.rand), Nbf: now.Unix(), Sub: sub,
		Kubernetes: map[string]any{"namespace": r.Namespace,
			"serviceaccount": map[string]string{"name": r.ServiceAccount, "uid": DerivedGUID(r.Namespace, r.ServiceAccount)}}}
	tok, err := signJWT(key, 2, c)
	if err != nil {
		return nil, ErrServer.New().Wrap(err)
	}
	return &ServiceAccountToken{Token: tok, Issuer: c.Iss, Subject: sub, Audience: r.Audience, ExpiresOn: now.Add(r.Lifetime)}, nil
}
