package lmserrors

/*
#include "lms_errors.h"
*/
import "C"

// Entry is one catalogue entry.
type Entry struct {
	Dialect        string   `json:"dialect"`
	Code           string   `json:"code"`
	Status         int      `json:"status"`
	Message        string   `json:"message"`
	Cause          string   `json:"cause"`
	Resolution     string   `json:"resolution"`
	Params         []string `json:"params"`
	OptionalParams []string `json:"optionalParams"`
	Retry          string   `json:"retry"`
	Action         string   `json:"action"`
}

// Lookup is the entry for (dialect, code); with dialect "" the first dialect having code.
// An unknown one is an error matching ErrNotFound. (A hash lookup in the core.)
func (c *Core) Lookup(dialect, code string) (Entry, error) {
	codeBytes, dialectBytes := []byte(code), []byte(dialect)
	result, err := c.call(func(instance *C.lms_instance) C.lms_status {
		ct, dt := textOf(codeBytes), textOf(dialectBytes)
		return C.lms_lookup(instance, ct.data, ct.size, dt.data, dt.size)
	})
	if err != nil {
		return Entry{}, err
	}
	return decodeResult[Entry](result, "entry")
}

// Entries lists the entries of dialect, or every entry for "".
func (c *Core) Entries(dialect string) ([]Entry, error) {
	dialectBytes := []byte(dialect)
	result, err := c.call(func(instance *C.lms_instance) C.lms_status {
		dt := textOf(dialectBytes)
		return C.lms_entries(instance, dt.data, dt.size)
	})
	if err != nil {
		return nil, err
	}
	return decodeResult[[]Entry](result, "entries")
}
