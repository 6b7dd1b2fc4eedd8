package model

import (
	"bytes"
	"encoding/json"
)

// The checks of a stored strategy that every store makes the same way
// (Store.Check, and before a strategy is created): the audit chain, the
// snapshots' sums and the replay of the log.

// CheckChain verifies the links of a whole audit log, oldest first: no
// entry missing, each linked to the one before, each hash its content's.
func CheckChain(entries []AuditEntry) error {
	prevSeq, prevHash := int64(0), GenesisHash
	for _, e := range entries {
		switch {
		case e.Seq != prevSeq+1:
			return Errorf(EINVALID, "audit entry %d is missing (the log jumps from %d to %d): entries were deleted outside the app", prevSeq+1, prevSeq, e.Seq)
		case e.PrevHash != prevHash:
			return Errorf(EINVALID, "audit entry %d: its previous hash does not match entry %d (the chain was altered outside the app)", e.Seq, prevSeq)
		case e.ComputeHash() != e.Hash:
			return Errorf(EINVALID, "audit entry %d: its hash does not match its content (changed outside the app)", e.Seq)
		}
		prevSeq, prevHash = e.Seq, e.Hash
	}
	return nil
}

// CheckSnapshotSum refuses a stored snapshot whose figures do not match
// their SHA-256.
func CheckSnapshotSum(name, sum string, figures []byte) error {
	if FiguresSHA256(figures) != sum {
		return Errorf(EINVALID, "snapshot %q: its figures do not match their SHA-256 (changed outside the app?)", name)
	}
	return nil
}

// CheckStored is the check of a stored strategy current and its whole
// audit log (Store.Check): every snapshot's sum, the chain, the replay.
func CheckStored(entries []AuditEntry, current *Doc) error {
	for _, sn := range current.Snapshots {
		if err := CheckSnapshotSum(sn.Name, sn.SHA256, sn.Figures); err != nil {
			return err
		}
	}
	if err := CheckChain(entries); err != nil {
		return err
	}
	return CheckReplay(entries, current)
}

// CheckReplay refuses a strategy that the replay of its audit log does not
// give: every change leaves an entry, so a difference is a change made
// outside the app.
func CheckReplay(entries []AuditEntry, current *Doc) error {
	replayed, err := Replay(entries)
	if err != nil {
		return err
	}
	if msg := FirstDifference(replayed, current); msg != "" {
		return Errorf(EINVALID, "%s", msg)
	}
	return nil
}

// CheckSnapshots refuses a document to be stored whose snapshots' figures
// do not match their SHA-256 (a snapshot is frozen, so a changed one is a
// damaged one) or whose names are empty or repeated. It compacts the
// figures, as they are stored.
func (d *Doc) CheckSnapshots() error {
	names := map[string]bool{}
	for i := range d.Snapshots {
		sn := &d.Snapshots[i]
		var buf bytes.Buffer
		if err := json.Compact(&buf, sn.Figures); err != nil {
			return Errorf(EINVALID, "snapshot %q: figures are not JSON: %v", sn.Name, err)
		}
		sn.Figures = buf.Bytes()
		if err := CheckSnapshotSum(sn.Name, sn.SHA256, sn.Figures); err != nil {
			return err
		}
		if sn.Name == "" || names[sn.Name] {
			return Errorf(EINVALID, "snapshot %q: name is empty or used twice", sn.Name)
		}
		names[sn.Name] = true
	}
	return nil
}
