package crawler

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"
)

// PageOptions configure FetchPage, the one-shot fetch behind
// `newsclip extract <url>`.
type PageOptions struct {
	UserAgent    string
	Timeout      time.Duration // whole request; default 30s
	MaxBodyBytes int64         // after decompression; default 16 MiB
	// Client, when set, is used instead of a default client (tests).
	Client *http.Client
}

// Page is a fetched page.
type Page struct {
	URL         string // final URL after redirects
	ContentType string
	Body        []byte
}

// ErrBodyTooLarge is returned when a body exceeds its cap: the page is
// refused, never silently truncated.
var ErrBodyTooLarge = errors.New("response body too large")

// HTTPError is a response with a status other than 2xx.
type HTTPError struct {
	StatusCode int
	URL        string
	RetryAfter time.Duration // from a Retry-After header on 429/503, 0 if none
}

func (e *HTTPError) Error() string { return fmt.Sprintf("http status %d for %s", e.StatusCode, e.URL) }

const maxPageRedirects = 5

// FetchPage fetches one page for extraction: a named User-Agent, a timeout,
// at most five redirects and only to http(s), and a size cap.
func FetchPage(ctx context.Context, rawURL string, o PageOptions) (*Page, error) {
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = 16 << 20
	}
	client := o.Client
	if client == nil {
		client = &http.Client{}
	}
	c := *client
	c.Timeout = o.Timeout
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) >= maxPageRedirects {
			return fmt.Errorf("more than %d redirects", maxPageRedirects)
		}
		if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
			return fmt.Errorf("redirect to unsupported scheme %q", req.URL.Scheme)
		}
		return nil
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return nil, fmt.Errorf("fetch %s: unsupported scheme %q", rawURL, req.URL.Scheme)
	}
	if o.UserAgent != "" {
		req.Header.Set("User-Agent", o.UserAgent)
	}
	req.Header.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
	resp, err := c.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, &HTTPError{StatusCode: resp.StatusCode, URL: resp.Request.URL.String()})
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, o.MaxBodyBytes+1))
	if err != nil {
		return nil, fmt.Errorf("fetch %s: read body: %w", rawURL, err)
	}
	if int64(len(body)) > o.MaxBodyBytes {
		return nil, fmt.Errorf("fetch %s: %w (cap %d bytes)", rawURL, ErrBodyTooLarge, o.MaxBodyBytes)
	}
	return &Page{URL: resp.Request.URL.String(), ContentType: resp.Header.Get("Content-Type"), Body: body}, nil
}
