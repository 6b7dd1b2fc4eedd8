package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
)

// checkDuplicateKeys refuses JSON in which an object holds a key twice,
// naming the key's path ("measures[2].title.bg"): encoding/json would keep
// the last value silently, and the loader drops nothing silently. Syntax
// errors are left to the decoder, which names them.
func checkDuplicateKeys(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var walk func(path string) error
	walk = func(path string) error {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'):
			seen := map[string]bool{}
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return err
				}
				key, _ := k.(string)
				at := key
				if path != "" {
					at = path + "." + key
				}
				if seen[key] {
					e := Errorf(EINVALID, "not a strategy export: the key %s is written twice (at byte offset %d): one of its values would be lost; keep one", at, dec.InputOffset())
					e.Field = at
					return e
				}
				seen[key] = true
				if err := walk(at); err != nil {
					return err
				}
			}
			_, err = dec.Token()
			return err
		case json.Delim('['):
			for i := 0; dec.More(); i++ {
				if err := walk(path + "[" + strconv.Itoa(i) + "]"); err != nil {
					return err
				}
			}
			_, err = dec.Token()
			return err
		}
		return nil
	}
	var e *Error
	if err := walk(""); errors.As(err, &e) {
		return err
	}
	return nil // valid, or a syntax error that Decode names
}
