package netfs

import "testing"

// The statfs types of network file systems are recognised; local ones
// (ext4, xfs, btrfs, tmpfs, overlayfs, FUSE) are not.
func TestClassify(t *testing.T) {
	tests := []struct {
		fsType  int64
		network bool
		kind    string
	}{
		{0x6969, true, "nfs"},
		{0xff534d42, true, "cifs"},
		{0xfe534d42, true, "smb2"},
		{0x517b, true, "smb"},
		{0x01021997, true, "9p"},
		{0x00c36400, true, "ceph"},
		{0xef53, false, ""},     // ext2/3/4
		{0x58465342, false, ""}, // xfs
		{0x9123683e, false, ""}, // btrfs
		{0x01021994, false, ""}, // tmpfs
		{0x794c7630, false, ""}, // overlayfs
		{0x65735546, false, ""}, // fuse
	}
	for _, tt := range tests {
		if got := classify(tt.fsType); got.Network != tt.network || got.Kind != tt.kind {
			t.Errorf("classify(%#x) = %+v, want network %v kind %q", tt.fsType, got, tt.network, tt.kind)
		}
	}
}

// /proc is a local (virtual) file system: checking it works and says so.
func TestCheckProc(t *testing.T) {
	r, err := Check("/proc/self")
	if err != nil || r.Network {
		t.Errorf("Check(/proc/self) = %+v, %v", r, err)
	}
}
