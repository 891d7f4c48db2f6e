package control

import (
	"slices"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
	"github.com/mockidp/mockidp/controlapi"
	"github.com/mockidp/mockidp/endpoints/web"
)

// The routes Mount adds are the paths and methods openapi.json documents,
// no more and no fewer.
func TestRoutesMatchOpenAPI(t *testing.T) {
	stack := web.New(web.Config{})
	h := &Handler{}
	h.MountPublic(stack.Mount(stack.Echo(), PublicArea()))
	h.Mount(stack.Mount(stack.Echo(), h.Area()))
	// The service-account token is documented here, as it lives under the
	// prefix, but the route table mounts it with the workload issuer.
	mounted := []string{"POST /workload-identity/token"}
	for _, r := range stack.Echo().Routes() {
		if r.Method == echo.RouteNotFound || strings.HasSuffix(r.Name, ".methodNotAllowed") {
			continue
		}
		path := strings.TrimPrefix(r.Path, controlapi.Prefix)
		for _, param := range []string{":id", ":name", ":op", ":sub", ":tenant"} {
			path = strings.Replace(path, param, "{}", 1)
		}
		mounted = append(mounted, r.Method+" "+path)
	}
	var documented []string
	for p, ops := range loadSpec(t).Paths {
		p = templateParam(strings.TrimPrefix(p, controlapi.Prefix))
		for m := range ops {
			documented = append(documented, strings.ToUpper(m)+" "+p)
		}
	}
	slices.Sort(mounted)
	slices.Sort(documented)
	if !slices.Equal(mounted, documented) {
		t.Errorf("mounted %v\ndocumented %v", mounted, documented)
	}
}

// templateParam writes every {name} of an OpenAPI path as {}.
func templateParam(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		if strings.HasPrefix(s, "{") {
			segs[i] = "{}"
		}
	}
	return strings.Join(segs, "/")
}
