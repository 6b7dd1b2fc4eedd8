package model

import "unicode/utf8"

// InvalidUTF8 returns the byte offset of the first byte of b that is not
// part of valid UTF-8, or -1 when b is valid.
func InvalidUTF8[T string | []byte](b T) int {
	if utf8.ValidString(string(b)) { // the usual case, without a copy for strings
		return -1
	}
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(string(b[i:min(len(b), i+utf8.UTFMax)]))
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// CheckUTF8 refuses text that is not valid UTF-8 with an EINVALID error
// naming where it is (a field, a cell such as "Milestones!C12") and the
// byte offset of the first bad byte. Readers of files use it: Go's
// decoders silently turn bad bytes into U+FFFD, which would change the
// user's text without a word.
func CheckUTF8(where, s string) error {
	if at := InvalidUTF8(s); at >= 0 {
		e := Errorf(EINVALID, "%s: the text is not valid UTF-8 (byte %d is 0x%02X): save the file as UTF-8", where, at, s[at])
		e.Field = where
		return e
	}
	return nil
}

// checkJSONText refuses JSON input that is not valid UTF-8, or whose
// \u escapes hold half of a surrogate pair, naming the byte offset (and
// line): encoding/json would replace either with U+FFFD.
func checkJSONText(b []byte) error {
	if at := InvalidUTF8(b); at >= 0 {
		return Errorf(EINVALID, "not a strategy export: invalid UTF-8 at byte offset %d (line %d, byte 0x%02X): the file must be UTF-8", at, lineOf(b, at), b[at])
	}
	inString := false
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == '"':
			inString = !inString
		case c == '\\' && inString && i+1 < len(b):
			if b[i+1] != 'u' {
				i++
				continue
			}
			r, ok := hex4(b, i+2)
			if !ok {
				i++
				continue
			}
			switch {
			case r >= 0xD800 && r < 0xDC00: // must be followed by a low half
				if low, ok := hex4(b, i+8); ok && i+7 < len(b) && b[i+6] == '\\' && b[i+7] == 'u' && low >= 0xDC00 && low < 0xE000 {
					i += 11
					continue
				}
				return surrogateError(b, i)
			case r >= 0xDC00 && r < 0xE000:
				return surrogateError(b, i)
			}
			i += 5
		}
	}
	return nil
}

func surrogateError(b []byte, at int) error {
	return Errorf(EINVALID, "not a strategy export: %s at byte offset %d (line %d) is half of a UTF-16 surrogate pair, not a character", b[at:at+6], at, lineOf(b, at))
}

func hex4(b []byte, at int) (rune, bool) {
	if at+4 > len(b) {
		return 0, false
	}
	var r rune
	for _, c := range b[at : at+4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

func lineOf(b []byte, at int) int {
	line := 1
	for _, c := range b[:at] {
		if c == '\n' {
			line++
		}
	}
	return line
}
