// Command newsclip extracts news articles into structured JSON, crawls news
// sites politely into an embedded store, and exports what it stored.
//
// Exit codes: 0 success; 1 a target, a page or the job failed; 2 usage error
// (bad flags, bad config); 3 interrupted before the work finished.
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
)

// Exit codes, documented in the README and in usage.
const (
	exitOK          = 0
	exitFailure     = 1
	exitUsage       = 2
	exitInterrupted = 3
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// env is what every subcommand gets from the process: its streams.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, e env) error
}

// commands lists the subcommands in the order usage shows them. Each lives
// in cmd_<name>.go.
var commands = []command{
	{"extract", "extract articles from URLs, files or stdin as JSON", runExtract},
	{"crawl", "run one polite crawl cycle of every configured site", runCrawl},
	{"run", "run crawl cycles on each site's cron schedule", runRun},
	{"status", "print recent crawl runs and per-site health", runStatus},
	{"export", "write stored articles as JSONL, CSV or Parquet", runExport},
}

// usageError marks an error as a usage error (exit status 2).
type usageError struct{ err error }

func (u usageError) Error() string { return u.err.Error() }
func (u usageError) Unwrap() error { return u.err }

func usagef(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

// errFailed reports that some of the work failed after its errors were
// already printed: exit status 1 without another message.
var errFailed = errors.New("some targets failed")

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := env{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		printUsage(stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, args[1:], e)
		return exitCode(ctx, err, stderr)
	}
	fmt.Fprintf(stderr, "newsclip: unknown command %q\n\n", args[0])
	printUsage(stderr)
	return exitUsage
}

func exitCode(ctx context.Context, err error, stderr io.Writer) int {
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "newsclip: %v\n", err)
		return exitUsage
	case errors.Is(err, errFailed):
		return exitFailure
	case ctx.Err() != nil && errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "newsclip: interrupted")
		return exitInterrupted
	default:
		fmt.Fprintf(stderr, "newsclip: %v\n", err)
		return exitFailure
	}
}

// parseFlags parses args with fl after giving it the usage text of its
// subcommand: -h prints the help (errHelp, exit 0), a bad flag is a usage
// error (exit 2).
func parseFlags(fl *flag.FlagSet, args []string, stderr io.Writer, usage string) error {
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprint(stderr, usage)
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return usageError{err}
	}
	return nil
}

// errHelp is returned by a subcommand that printed its help on request.
var errHelp = errors.New("help requested")

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: newsclip <command> [flags]\n\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'newsclip <command> --help' for a command's flags.")
	fmt.Fprintln(w, "\nexit status: 0 ok; 1 something failed (details on stderr); 2 usage error; 3 interrupted")
}
