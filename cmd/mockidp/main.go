// Command mockidp runs a mock of the Microsoft identity platform.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/mockidp/mockidp/app"
	"github.com/mockidp/mockidp/config"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	cfg, err := config.Load(args, os.LookupEnv)
	if errors.Is(err, flag.ErrHelp) {
		config.Usage(os.Stdout)
		return 0
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "mockidp:", err)
		return 2
	}
	a, err := app.New(cfg, os.Stdout)
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
