package netfs

import (
	"path/filepath"
	"syscall"
	"unsafe"
)

// checkName: a UNC path is a network path whatever the server.
func checkName(path string) (Result, bool) {
	if IsUNC(path) {
		return Result{Network: true, Kind: "UNC path"}, true
	}
	return Result{}, false
}

var procGetDriveType = syscall.NewLazyDLL("kernel32.dll").NewProc("GetDriveTypeW")

const driveRemote = 4 // DRIVE_REMOTE

// checkFS asks Windows what kind of drive the path's volume is: a mapped
// network drive is DRIVE_REMOTE.
func checkFS(path string) (Result, error) {
	vol := filepath.VolumeName(path)
	if vol == "" {
		return Result{}, nil
	}
	root, err := syscall.UTF16PtrFromString(vol + `\`)
	if err != nil {
		return Result{}, err
	}
	if err := procGetDriveType.Find(); err != nil {
		return Result{}, err
	}
	kind, _, _ := procGetDriveType.Call(uintptr(unsafe.Pointer(root)))
	if kind == driveRemote {
		return Result{Network: true, Kind: "network drive " + vol}, nil
	}
	return Result{}, nil
}
