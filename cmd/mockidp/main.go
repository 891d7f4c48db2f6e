// Command mockidp runs a mock of the Microsoft identity platform.
//
// `mockidp version` (or --version) prints the version, commit, Go version
// and token signer.
//
// `mockidp healthcheck` (same flags and MOCKIDP_* variables) exits 0 when
// the configured mockidp answers its health endpoint, else 1; the Docker
// image's HEALTHCHECK runs it because the image has no shell or curl.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/mockidp/mockidp/app"
	"github.com/mockidp/mockidp/config"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout))
}

func run(args []string, stdout io.Writer) int {
	if len(args) > 0 && (args[0] == "version" || args[0] == "--version" || args[0] == "-version") {
		app.Build().Write(stdout)
		return 0
	}
	healthcheck := len(args) > 0 && args[0] == "healthcheck"
	if healthcheck {
		args = args[1:]
	}
	cfg, err := config.Load(args, os.LookupEnv)
	if errors.Is(err, flag.ErrHelp) {
		config.Usage(stdout)
		return 0
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "mockidp:", err)
		return 2
	}
	if healthcheck {
		return check(cfg)
	}
	a, err := app.New(cfg, stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mockidp:", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := a.Run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "mockidp:", err)
		return 1
	}
	return 0
}

func check(cfg config.Config) int {
	if err := app.Healthcheck(context.Background(), cfg); err != nil {
		fmt.Fprintln(os.Stderr, "mockidp healthcheck:", err)
		return 1
	}
	return 0
}
