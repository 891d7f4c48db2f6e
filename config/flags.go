package config

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// cloudFlag collects every --cloud-listen as given; the entries are parsed
// after flag.Parse so a bad one is reported with the others instead of
// stopping the parse the way an error from Set would.
type cloudFlag []string

func (c *cloudFlag) String() string     { return strings.Join(*c, ",") }
func (c *cloudFlag) Set(s string) error { *c = append(*c, s); return nil }

// newFlagSet defines every flag. Output is discarded: Load reports errors
// itself, and Usage prints help with env names and defaults.
func newFlagSet() (*flag.FlagSet, *cloudFlag) {
	fs := flag.NewFlagSet("mockidp", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.String(flagConfig, "", "config `file` (YAML or JSON)")
	cloud := new(cloudFlag)
	fs.Var(cloud, flagCloud, "national cloud `listeners`, usgov=:8444,china=:8445; repeatable; cloud= disables")
	for _, f := range fields {
		fs.String(f.flagName(), "", f.usage)
	}
	return fs, cloud
}

// flagLayer parses args. It returns flag.ErrHelp for -h/--help; every other
// problem goes into errs so the env and file layers are still checked.
func flagLayer(args []string, errs *Errors) (layer, error) {
	l := newLayer()
	fs, cloud := newFlagSet()
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return l, err
		}
		// Parse stops at the first bad flag and leaves the rest in
		// fs.Args, so they are not "unexpected arguments".
		errs.add("command line", err)
	} else if fs.NArg() > 0 {
		errs.addf("command line", "unexpected arguments %q", fs.Args())
	}
	// Visit sees only flags that were given, which is what "flag beats
	// env" needs: an unset flag must not hide MOCKIDP_*.
	fs.Visit(func(fl *flag.Flag) {
		where := "flag --" + fl.Name
		if fl.Name == flagCloud {
			for _, v := range *cloud {
				parseCloudList(v, where, l.clouds, errs)
			}
			return
		}
		key := fl.Name
		for _, f := range fields {
			if f.flagName() == fl.Name {
				key = f.key
			}
		}
		l.values[key] = setting{fl.Value.String(), where}
	})
	return l, nil
}

// Usage writes the command-line help, including each flag's environment
// variable and default, to w.
func Usage(w io.Writer) {
	envs := map[string]string{flagConfig: envConfig, flagCloud: envCloud}
	defaults := defaultLayer()
	defs := map[string]string{flagCloud: cloudDefaultString()}
	for _, f := range fields {
		envs[f.flagName()] = f.envName()
		defs[f.flagName()] = defaults.values[f.key].value
	}

	fmt.Fprint(w, `Usage:
  mockidp [flags]              serve until Ctrl-C (SIGINT) or SIGTERM
  mockidp healthcheck [flags]  exit 0 if the mockidp these flags describe is healthy, else 1
  mockidp version              print version, commit, Go version and signer (also --version)

A mock of the Microsoft identity platform (Entra ID).
Precedence: flags > MOCKIDP_* environment > config file > defaults.
An environment variable set to "" counts as set.
Config file keys are the flag names with _ for -, with format and level
under log:, plus inline seed: and scenarios: sections.

`)
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', 0)
	fs, _ := newFlagSet()
	fs.VisitAll(func(fl *flag.Flag) {
		arg, usage := flag.UnquoteUsage(fl)
		if d := defs[fl.Name]; d != "" {
			usage += fmt.Sprintf(" (default %q)", d)
		}
		fmt.Fprintf(tw, "  --%s %s\t%s\t%s\n", fl.Name, arg, envs[fl.Name], usage)
	})
	tw.Flush()
}

func cloudDefaultString() string {
	parts := make([]string, len(cloudNames))
	for i, name := range cloudNames {
		parts[i] = name + "=" + defaultCloudListen(name)
	}
	return strings.Join(parts, ",")
}
