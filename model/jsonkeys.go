package model

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
)

// checkDuplicateKeys refuses JSON in which an object holds a key twice,
// naming the key's path ("measures[2].title.bg"): encoding/json would keep
// the last value silently, and the loader drops nothing silently. It scans
// the bytes once (an export of thousands of measures in milliseconds);
// syntax errors are left to the decoder, which names them.
func checkDuplicateKeys(b []byte) error {
	type frame struct {
		object bool
		keys   []string // an object's keys so far, case-folded
		key    bool     // an object expects a key next
		index  int      // an array's element
	}
	var stack []frame
	path := func(last string) string {
		var p strings.Builder
		for i, f := range stack {
			switch {
			case !f.object:
				p.WriteString("[" + strconv.Itoa(f.index) + "]")
			case i == len(stack)-1:
				p.WriteString("." + last)
			case len(f.keys) > 0:
				p.WriteString("." + f.keys[len(f.keys)-1])
			}
		}
		return strings.TrimPrefix(p.String(), ".")
	}
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '{', '[':
			if len(stack) < cap(stack) {
				stack = stack[:len(stack)+1]
				f := &stack[len(stack)-1]
				f.object, f.keys, f.key, f.index = b[i] == '{', f.keys[:0], b[i] == '{', 0
			} else {
				stack = append(stack, frame{object: b[i] == '{', key: b[i] == '{'})
			}
		case '}', ']':
			if len(stack) == 0 {
				return nil
			}
			stack = stack[:len(stack)-1]
		case ',':
			if len(stack) > 0 {
				if f := &stack[len(stack)-1]; f.object {
					f.key = true
				} else {
					f.index++
				}
			}
		case '"':
			start := i
			if i = closingQuote(b, i+1); i < 0 {
				return nil
			}
			if len(stack) == 0 || !stack[len(stack)-1].object || !stack[len(stack)-1].key {
				continue
			}
			f := &stack[len(stack)-1]
			// encoding/json matches keys to fields whatever their case
			// ("Title" sets title), so keys are compared folded.
			raw := b[start+1 : i]
			key := string(raw)
			if bytes.IndexByte(raw, '\\') >= 0 && json.Unmarshal(b[start:i+1], &key) != nil {
				return nil
			}
			folded := foldCase(key)
			if slices.Contains(f.keys, folded) {
				e := Errorf(EINVALID, "not a strategy export: the key %s is written twice (at byte offset %d, line %d; keys are matched whatever their case): one of its values would be lost; keep one", path(key), start, lineOf(b, start))
				e.Field = path(key)
				return e
			}
			f.keys, f.key = append(f.keys, folded), false
			f.keys, f.key = append(f.keys, key), false
		}
	}
	return nil
}

// closingQuote is the index of the quote that ends the JSON string whose
// text starts at i, or -1.
func closingQuote(b []byte, i int) int {
	for {
		n := bytes.IndexByte(b[i:], '"')
		if n < 0 {
			return -1
		}
		j := i + n
		slashes := 0
		for k := j - 1; k >= i && b[k] == '\\'; k-- {
			slashes++
		}
		if slashes%2 == 0 {
			return j
		}
		i = j + 1
	}
}
