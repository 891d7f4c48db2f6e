package controlapi_test

import (
	"os/exec"
	"strings"
	"testing"
)

// The client packages must build without the server: they import the
// wire contract, never the server's packages or its HTTP framework.
func TestClientPackagesImportNoServer(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "../mockidpclient", "../mockidpcontainer").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	forbidden := []string{"github.com/mockidp/mockidp/endpoints", "github.com/mockidp/mockidp/idp",
		"github.com/mockidp/mockidp/app", "github.com/mockidp/mockidp/scenarios", "github.com/labstack/echo"}
	for _, pkg := range strings.Fields(string(out)) {
		for _, f := range forbidden {
			if pkg == f || strings.HasPrefix(pkg, f+"/") {
				t.Errorf("a client package depends on %s", pkg)
			}
		}
	}
}
