package xlsx

import (
	"crypto/hmac"
	"crypto/sha256"
	hexenc "encoding/hex"
	"strconv"
)

// The template's hidden cells — the row id in column A, the keys in row 1,
// the versions on the hidden sheet — can be edited: sheet protection has no
// password, and should not need one. Each data row therefore carries, in a
// hidden last column, a check that binds the row's id and version to what
// the row shows (the measure's code and the row's title), keyed by the
// database the template was made from. An edited id, a version, or a row
// moved between templates no longer matches its check, and the import
// refuses the row. The check is no secret (the database id is in the
// file); it guards against a slip and a naive edit, not against someone
// who reads this code — the audit log is what shows who imported what.
const checkKey = "check"

// rowCheck is the check of one data row: HMAC-SHA-256 under the database id
// over the sheet's kind, the row's id and version, and the shown code and
// title, truncated to 128 bits (32 hex digits).
func rowCheck(databaseID, kind string, id int64, version int64, code, title string) string {
	mac := hmac.New(sha256.New, []byte(databaseID))
	for _, part := range []string{"strategytracker-row/1", kind, strconv.FormatInt(id, 10), strconv.FormatInt(version, 10), code, title} {
		mac.Write([]byte(strconv.Itoa(len(part)))) // length-prefixed: no two rows write the same bytes
		mac.Write([]byte{':'})
		mac.Write([]byte(part))
	}
	return hexenc.EncodeToString(mac.Sum(nil)[:16])
}

// boundColumns are, per sheet kind, the keys of the shown code and title a
// row's check covers, and the entity whose version it records ("" for rows
// that add new values and carry no version).
var boundColumns = map[string]struct{ code, title, versioned string }{
	kindMilestones: {"measure", "title", versionMilestone},
	kindKPIValues:  {"measure", "kpi", ""},
	kindUpdates:    {"measure", "title", ""},
	kindProgress:   {"measure", "title", versionMeasure},
}
