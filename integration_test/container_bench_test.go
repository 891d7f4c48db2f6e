package integration_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/mockidp/mockidp/internal/dockertest"
	"github.com/mockidp/mockidp/mockidpcontainer"
	"github.com/testcontainers/testcontainers-go"
)

// maxImageBytes is the image size the Dockerfile promises (15 MB).
const maxImageBytes = 15 << 20

func imageSize(t testing.TB, img string) int64 {
	t.Helper()
	p, err := testcontainers.NewDockerProvider()
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	info, err := p.Client().ImageInspect(context.Background(), img)
	if err != nil {
		t.Fatal(err)
	}
	return info.Size
}

func TestImageSize(t *testing.T) {
	img := dockertest.Image(t)
	if size := imageSize(t, img); size > maxImageBytes {
		t.Fatalf("image %s is %.1f MB, want at most %.0f MB", img, float64(size)/1e6, float64(maxImageBytes)/1e6)
	}
}

// BenchmarkContainerStart reports the image size and the median time from
// mockidpcontainer.Run to ready (health endpoint answering over verified
// TLS) over 5 starts. Goal: ≤ 15 MB and ≤ 300 ms.
//
//	go test ./integration_test -run '^$' -bench ContainerStart -benchtime 1x
func BenchmarkContainerStart(b *testing.B) {
	img := dockertest.Image(b)
	size := imageSize(b, img)
	const starts = 5
	var total []time.Duration
	for b.Loop() {
		var times []time.Duration
		for range starts {
			begin := time.Now()
			ctr, err := mockidpcontainer.Run(context.Background(), img)
			ready := time.Since(begin)
			if err != nil {
				_ = testcontainers.TerminateContainer(ctr)
				b.Fatal(err)
			}
			times = append(times, ready)
			b.StopTimer()
			if err := testcontainers.TerminateContainer(ctr); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
		slices.Sort(times)
		total = append(total, times[starts/2])
		b.Logf("Run→ready over %d starts: %v (median %v)", starts, times, times[starts/2])
	}
	slices.Sort(total)
	b.ReportMetric(float64(total[len(total)/2].Milliseconds()), "ms-median-ready")
	b.ReportMetric(float64(size)/1e6, "MB-image")
}
