package version

import (
	"runtime/debug"
	"testing"
)

func TestFromBuildInfo(t *testing.T) {
	tests := []struct {
		settings []debug.BuildSetting
		want     string
	}{
		{nil, "0.0.0-dev"},
		{[]debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123"}}, "0.0.0-dev+0123456789ab"},
		{[]debug.BuildSetting{{Key: "vcs.revision", Value: "abc"}, {Key: "vcs.modified", Value: "true"}}, "0.0.0-dev+abc.dirty"},
		{[]debug.BuildSetting{{Key: "vcs.revision", Value: "abc"}, {Key: "vcs.modified", Value: "false"}}, "0.0.0-dev+abc"},
	}
	for _, tt := range tests {
		if got := fromBuildInfo(tt.settings); got != tt.want {
			t.Errorf("fromBuildInfo(%v) = %q, want %q", tt.settings, got, tt.want)
		}
	}
}

func TestStampedWins(t *testing.T) {
	old := stamped
	defer func() { stamped = old }()
	stamped = "1.2.3"
	if got := String(); got != "1.2.3" {
		t.Errorf("String() = %q, want the stamped 1.2.3", got)
	}
	if got := Full(); got != "Strategy Tracker 1.2.3" {
		t.Errorf("Full() = %q", got)
	}
}

func TestSource(t *testing.T) {
	oldStamped, oldSource := stamped, source
	defer func() { stamped, source = oldStamped, oldSource }()
	stamped = "0.2.0"
	for _, tt := range []struct{ source, want string }{
		{"", "strategytracker-0.2.0-source.tar.gz"},
		{"https://example.org/strategytracker", "https://example.org/strategytracker"},
	} {
		source = tt.source
		if got := Source(); got != tt.want {
			t.Errorf("Source() with %q stamped = %q, want %q", tt.source, got, tt.want)
		}
	}
}
