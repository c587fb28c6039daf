// Command demosite serves the demo news site on loopback until killed. It
// prints the base URL on stdout (and into -url-file) once listening.
package main

import (
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"

	"github.com/newsclip/newsclip/internal/demosite"
)

func main() {
	fixtures := flag.String("fixtures", "fixtures", "the fixtures `DIR`")
	addr := flag.String("addr", "127.0.0.1:0", "listen `ADDRESS` (loopback)")
	urlFile := flag.String("url-file", "", "write the base URL to this `FILE` once listening")
	synthetic := flag.Int("synthetic", 0, "serve instead a load-test site of `N` article pages under /list/0 (see demosite.Synthetic)")
	flag.Parse()
	site, err := demosite.Load(*fixtures)
	if err != nil {
		fmt.Fprintln(os.Stderr, "demosite:", err)
		os.Exit(1)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "demosite:", err)
		os.Exit(1)
	}
	base := "http://" + ln.Addr().String()
	fmt.Println(base)
	if *urlFile != "" {
		if err := os.WriteFile(*urlFile, []byte(base+"\n"), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "demosite:", err)
			os.Exit(1)
		}
	}
	var h http.Handler = site
	if *synthetic > 0 {
		h = site.Synthetic(*synthetic)
	}
	if err := http.Serve(ln, h); err != nil {
		fmt.Fprintln(os.Stderr, "demosite:", err)
		os.Exit(1)
	}
}
