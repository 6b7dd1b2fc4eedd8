package netfs

import "syscall"

func checkName(string) (Result, bool) { return Result{}, false }

// checkFS reads the file system's type name (statfs f_fstypename).
func checkFS(path string) (Result, error) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(path, &st); err != nil {
		return Result{}, err
	}
	var name []byte
	for _, c := range st.Fstypename {
		if c == 0 {
			break
		}
		name = append(name, byte(c))
	}
	switch kind := string(name); kind {
	case "nfs", "smbfs", "afpfs", "webdav", "cifs":
		return Result{Network: true, Kind: kind}, nil
	}
	return Result{}, nil
}
