package model

import "testing"

func TestCounted(t *testing.T) {
	has := func(k string) bool { return k == "days.one" }
	for _, tc := range []struct {
		n         int
		key, want string
		form      string
	}{
		{0, "days", "days", "дни"},
		{1, "days", "days.one", "ден"},
		{2, "days", "days", "дни"},
		{-1, "days", "days", "дни"},
		{1, "weeks", "weeks", "ден"}, // no form for one: the key
	} {
		if got := CountedKey(tc.key, tc.n, has); got != tc.want {
			t.Errorf("CountedKey(%q, %d): got %q, want %q", tc.key, tc.n, got, tc.want)
		}
		if got := Counted(tc.n, "ден", "дни"); got != tc.form {
			t.Errorf("Counted(%d): got %q, want %q", tc.n, got, tc.form)
		}
	}
}
