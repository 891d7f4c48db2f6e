package endpoints

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/endpoints/managedidentity"
)

// FuzzManagedIdentityRequest sends arbitrary paths, queries and header
// values to the managed-identity routes: never a panic, no 500 but App Service's
// documented one, and
// every JSON answer parses.
func FuzzManagedIdentityRequest(f *testing.F) {
	_, srv := newMIServer(f, nil, nil, managedidentity.Options{ArcKeyDir: f.TempDir()})
	h := srv.ManagedIdentityHandler(nil)
	for _, p := range []string{controlapi.IMDSTokenPath, controlapi.IMDSInstancePath + "/compute/location", controlapi.AppServicePath, controlapi.AzureMLPath, controlapi.ArcTokenPath, controlapi.ServiceFabricPath} {
		f.Add(p, "api-version=2018-02-01&resource=https://management.azure.com/&client_id=x", "true")
	}
	f.Add(controlapi.IMDSInstancePath+"/network/interface/0/ipv4", "api-version=2021-02-01&format=text", "true")
	f.Fuzz(func(t *testing.T, path, query, header string) {
		if !strings.HasPrefix(path, "/") || strings.ContainsAny(path+query, " \r\n\t#") {
			return
		}
		req, err := http.NewRequest(http.MethodGet, "http://169.254.169.254"+path+"?"+query, nil)
		if err != nil {
			return
		}
		for _, k := range []string{"Metadata", "X-IDENTITY-HEADER", "Secret", "secret", "Authorization"} {
			req.Header.Set(k, header)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 && !strings.Contains(rec.Body.String(), msgAADFailed) { // App Service's own 500 is by design
			t.Fatalf("%s?%s: %d %s", path, query, rec.Code, rec.Body)
		}
		if strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") && !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("invalid JSON: %s", rec.Body)
		}
	})
}
