package lmserrors

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The shipped translations are carried in the binary: LoadLocale needs no folder, and the
// package-level Format (the Default core) speaks every shipped locale.
func TestLoadLocaleFromTheBinary(t *testing.T) {
	if got := ShippedLocales(); strings.Join(got, ",") != "ar,cy,en-GB,pl" {
		t.Fatalf("ShippedLocales() = %v", got)
	}
	core := newTestCore(t)
	failed := &Error{Dialect: "lms", Code: "LMS-ADM-007", Status: 500, Message: "update failed"}
	before, formatErr := core.Format(failed, "cy", Teacher)
	if formatErr != nil {
		t.Fatal(formatErr)
	}
	if err := core.LoadLocale("cy"); err != nil {
		t.Fatal(err)
	}
	welsh, formatErr := core.Format(failed, "cy", Teacher)
	if formatErr != nil || welsh == before || welsh != "Methodd y diweddariad [LMS-ADM-007]" {
		t.Fatalf("cy after LoadLocale: %q (before: %q) %v", welsh, before, formatErr)
	}
	for _, bad := range []string{"", "xx", "../i18n/cy", "cy/common.json", "."} {
		if err := core.LoadLocale(bad); !errors.Is(err, ErrNotFound) {
			t.Errorf("LoadLocale(%q): %v", bad, err)
		}
	}
	for locale, want := range map[string]string{"en-GB": "Update failed [LMS-ADM-007]", "cy": welsh} {
		if line, err := Format(failed, locale, Teacher); err != nil || line != want {
			t.Errorf("Format(%s) with the Default core: %q %v, want %q", locale, line, err, want)
		}
	}
}

// go/i18n is the repository's i18n/, byte for byte (node scripts/copy-go-locales.mjs).
func TestShippedLocalesMatchTheRepository(t *testing.T) {
	for _, locale := range ShippedLocales() {
		files, err := shippedLocales.ReadDir("i18n/" + locale)
		if err != nil {
			t.Fatal(err)
		}
		for _, file := range files {
			embedded, _ := shippedLocales.ReadFile("i18n/" + locale + "/" + file.Name())
			source, err := os.ReadFile(filepath.Join("..", "i18n", locale, file.Name()))
			if err != nil || !bytes.Equal(embedded, source) {
				t.Errorf("go/i18n/%s/%s differs from i18n/ (%v): run node scripts/copy-go-locales.mjs", locale, file.Name(), err)
			}
		}
	}
	sources, _ := filepath.Glob(filepath.Join("..", "i18n", "*", "*.json"))
	embedded, _ := fs.Glob(shippedLocales, "i18n/*/*.json")
	if len(sources) != len(embedded) {
		t.Errorf("i18n/ has %d locale files, go/i18n %d: run node scripts/copy-go-locales.mjs", len(sources), len(embedded))
	}
}
