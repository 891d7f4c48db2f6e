package dockertest

import (
	"context"
	"slices"
	"testing"
	"time"
)

// TestHostBuiltImage builds (or finds current) the image the container
// tests use when MOCKIDP_IMAGE is not set, as CI sets it to test the real
// Dockerfile's image, and checks it has the final stage's layout.
func TestHostBuiltImage(t *testing.T) {
	if testing.Short() {
		t.Skip("needs Docker; skipped under -short")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	d, err := connect(ctx)
	if err != nil {
		if ShouldSkip(err) {
			t.Skip(SkipMessage(err))
		}
		t.Fatal(err)
	}
	defer d.close()
	tag, err := testImage(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	img, err := d.cli.ImageInspect(ctx, tag)
	if err != nil {
		t.Fatal(err)
	}
	c := img.Config
	if c == nil || c.Labels[sourcesLabel] == "" {
		t.Fatalf("%s has no %s label", tag, sourcesLabel)
	}
	if c.User != "65532:65532" || !slices.Equal(c.Entrypoint, []string{"/mockidp"}) || c.Healthcheck == nil {
		t.Errorf("%s: user %q, entrypoint %q, healthcheck %v; want the Dockerfile's", tag, c.User, c.Entrypoint, c.Healthcheck)
	}
	if _, ok := c.Volumes["/data"]; !ok || !slices.Contains(c.Env, "MOCKIDP_DATA_DIR=/data") {
		t.Errorf("%s: volumes %v, env %q; want /data", tag, c.Volumes, c.Env)
	}
}
