package cli

import (
	"errors"
	"path/filepath"
	"syscall"
	"unsafe"
)

// defaultDir is "Strategy Tracker" in the user's Documents folder, where
// people look for their files and which backups cover. It is never under
// %AppData%: that is the roaming profile, copied to and from a server at
// logon and logoff, which can bring back an old copy of a database. When
// IT redirects Documents to a network share, the command line and the app
// warn (package netfs).
func defaultDir() (string, error) {
	docs, err := knownFolder(&folderIDDocuments)
	if err != nil {
		return "", err
	}
	return filepath.Join(docs, "Strategy Tracker"), nil
}

// FOLDERID_Documents.
var folderIDDocuments = syscall.GUID{Data1: 0xFDD39AD0, Data2: 0x238F, Data3: 0x46AF,
	Data4: [8]byte{0xAD, 0xB4, 0x6C, 0x85, 0x48, 0x03, 0x69, 0xC7}}

var (
	procSHGetKnownFolderPath = syscall.NewLazyDLL("shell32.dll").NewProc("SHGetKnownFolderPath")
	procCoTaskMemFree        = syscall.NewLazyDLL("ole32.dll").NewProc("CoTaskMemFree")
)

// knownFolder returns the path of a known folder (SHGetKnownFolderPath).
func knownFolder(id *syscall.GUID) (string, error) {
	if err := procSHGetKnownFolderPath.Find(); err != nil {
		return "", err
	}
	var p *uint16
	hr, _, _ := procSHGetKnownFolderPath.Call(uintptr(unsafe.Pointer(id)), 0, 0, uintptr(unsafe.Pointer(&p)))
	if p != nil {
		defer procCoTaskMemFree.Call(uintptr(unsafe.Pointer(p)))
	}
	if hr != 0 || p == nil {
		return "", errors.New("Windows does not tell where the Documents folder is")
	}
	n := 0
	for *(*uint16)(unsafe.Add(unsafe.Pointer(p), 2*n)) != 0 {
		n++
	}
	return syscall.UTF16ToString(unsafe.Slice(p, n)), nil
}
