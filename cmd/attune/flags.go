package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// flags is a subcommand's flag set. Every flag can also be set by an ATTUNE_* variable
// named after it (--log-format is ATTUNE_LOG_FORMAT); a flag on the command line wins.
type flags struct {
	*flag.FlagSet
	usage string
}

// newFlags starts a flag set for "attune <name>"; usage is the synopsis and description
// shown above the flag list by --help.
func newFlags(name, usage string) *flags {
	fs := flag.NewFlagSet("attune "+name, flag.ContinueOnError)
	f := &flags{FlagSet: fs, usage: usage}
	fs.Usage = func() { f.printUsage(fs.Output()) }
	return f
}

func (f *flags) printUsage(w io.Writer) {
	fmt.Fprintf(w, "%s\n\nFlags:\n", strings.TrimSpace(f.usage))
	f.VisitAll(func(fl *flag.Flag) {
		name, usage := flag.UnquoteUsage(fl)
		line := "  --" + fl.Name
		if name != "" {
			line += " " + name
		}
		fmt.Fprintf(w, "%-28s %s", line, usage)
		if fl.DefValue != "" && fl.DefValue != "false" && fl.DefValue != "0" {
			fmt.Fprintf(w, " (default %s)", fl.DefValue)
		}
		fmt.Fprintf(w, "  [%s]\n", envName(fl.Name))
	})
}

// envName is the environment variable that sets a flag.
func envName(flagName string) string {
	return "ATTUNE_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// parse reads the command line, then fills every flag not given there from its ATTUNE_*
// variable. --help prints the usage to stdout and returns errHelp.
func (f *flags) parse(e env, args []string) error {
	f.SetOutput(e.stderr)
	for _, a := range args {
		if a == "--help" || a == "-help" || a == "-h" {
			f.printUsage(e.stdout)
			return errHelp
		}
		if a == "--" {
			break
		}
	}
	if err := f.Parse(args); err != nil {
		return errSilent
	}
	set := map[string]bool{}
	f.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	var err error
	f.VisitAll(func(fl *flag.Flag) {
		if set[fl.Name] || err != nil {
			return
		}
		if v := e.getenv(envName(fl.Name)); v != "" {
			if serr := fl.Value.Set(v); serr != nil {
				err = fmt.Errorf("%s=%q is not a valid value for --%s: %v", envName(fl.Name), v, fl.Name, serr)
			}
		}
	})
	return err
}

// errHelp means --help was asked for and answered; the command succeeds without running.
var errHelp = errors.New("help shown")
