package lmserrors

/*
#include "lms_errors.h"
*/
import "C"

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
)

// Audience is who reads a formatted line.
type Audience int

const (
	Pupil   Audience = C.LMS_AUDIENCE_PUPIL
	Teacher Audience = C.LMS_AUDIENCE_TEACHER
	Admin   Audience = C.LMS_AUDIENCE_ADMIN

	// WithoutCode, OR-ed into an audience (Teacher|WithoutCode), ends the line at the message,
	// without " [CODE]": for a UI that shows the code on its own, so that it is read once.
	WithoutCode Audience = C.LMS_FORMAT_WITHOUT_CODE
)

// AddResources merges a flat i18next resource object {key: template} into (locale, ns).
// Nothing is added when it is invalid.
func (c *Core) AddResources(locale, ns string, resources []byte) error {
	localeBytes, nsBytes := []byte(locale), []byte(ns)
	_, err := c.call(func(instance *C.lms_instance) C.lms_status {
		lt, nt, rt := textOf(localeBytes), textOf(nsBytes), textOf(resources)
		return C.lms_add_resources(instance, lt.data, lt.size, nt.data, nt.size, rt.data, rt.size)
	})
	return err
}

// LoadLocales adds every <dir>/<locale>/<namespace>.json (the layout of the package's i18n/).
func (c *Core) LoadLocales(dir string) error {
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.json"))
	if err != nil {
		return err
	}
	for _, file := range files {
		resources, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		locale := filepath.Base(filepath.Dir(file))
		ns := strings.TrimSuffix(filepath.Base(file), ".json")
		if err := c.AddResources(locale, ns, resources); err != nil {
			return err
		}
	}
	return nil
}

// Format is one plain-text line for err in locale ("" is en-GB): its translation, then the
// code in brackets ("update failed [LMS-ADM-007]").
func (c *Core) Format(err *Error, locale string, audience Audience) (string, error) {
	errorJSON, marshalErr := json.Marshal(err)
	if marshalErr != nil {
		return "", marshalErr
	}
	return c.formatJSON(errorJSON, locale, audience)
}

func (c *Core) formatJSON(errorJSON []byte, locale string, audience Audience) (string, error) {
	localeBytes := []byte(locale)
	result, err := c.call(func(instance *C.lms_instance) C.lms_status {
		et, lt := textOf(errorJSON), textOf(localeBytes)
		return C.lms_format(instance, et.data, et.size, lt.data, lt.size, C.int(audience))
	})
	return string(result), err
}
