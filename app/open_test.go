package app

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// The opener started for "Open file" is waited for: it leaves no zombie
// (the toolkit's xdg-open did).
func TestOpenerIsReaped(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no shell script to stand for the opener")
	}
	dir := t.TempDir()
	opener := filepath.Join(dir, "xdg-open")
	if err := os.WriteFile(opener, []byte("#!/bin/sh\nexit 0\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	done, err := startReaped(opener, "file:///tmp/report.pdf")
	if err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("the opener ended with %v", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("the opener was not waited for")
	}
}

// On Linux, systemOpen runs xdg-open (here a stand-in found first on the
// PATH) and leaves no zombie child behind.
func TestSystemOpenLeavesNoZombie(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("xdg-open is the Linux opener")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "xdg-open"), []byte("#!/bin/sh\nexit 0\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	t.Setenv("FLATPAK_ID", "")
	if err := systemOpen(nil, &url.URL{Scheme: "file", Path: "/tmp/report.pdf"}); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(50 * time.Millisecond) {
		if zombies() == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d zombie children a minute after the opener ended", zombies())
		}
	}
}

// zombies counts this process's children that ended and were not waited for.
func zombies() int {
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	n := 0
	for _, p := range stats {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		// pid (comm) state ppid …: comm may hold spaces, so read after ')'.
		rest := string(b[strings.LastIndexByte(string(b), ')')+1:])
		var state string
		var ppid int
		if _, err := fmt.Sscan(rest, &state, &ppid); err == nil && state == "Z" && ppid == os.Getpid() {
			n++
		}
	}
	return n
}
