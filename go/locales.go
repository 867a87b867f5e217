package lmserrors

import (
	"embed"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// The package's own translations, carried in the binary as the npm package carries them:
// i18n/<locale>/<namespace>.json, a copy of the repository's i18n/ (go:embed cannot reach
// outside the module; `node scripts/copy-go-locales.mjs` writes the copy, and
// TestShippedLocalesMatchTheRepository fails while it differs).
//
//go:embed i18n
var shippedLocales embed.FS

// ShippedLocales lists the locales the package carries translations for ("ar", "cy",
// "en-GB", "pl"), sorted.
func ShippedLocales() []string {
	entries, err := fs.ReadDir(shippedLocales, "i18n")
	if err != nil {
		return nil // not reachable: the folder is embedded at build time
	}
	locales := make([]string, 0, len(entries))
	for _, entry := range entries {
		if entry.IsDir() {
			locales = append(locales, entry.Name())
		}
	}
	sort.Strings(locales)
	return locales
}

// LoadLocale adds the package's own translations for locale, one of ShippedLocales — what
// lms.init({ locales }) loads in JS. Another locale is ErrNotFound; an app's own translations
// are added with AddResources or LoadLocales.
func (c *Core) LoadLocale(locale string) error {
	notShipped := func() error {
		return &CallError{Kind: ErrNotFound, Message: "no shipped translations for locale " +
			strconv.Quote(locale) + " (shipped: " + strings.Join(ShippedLocales(), ", ") + ")"}
	}
	if locale == "" || strings.ContainsAny(locale, "/\\.") {
		return notShipped()
	}
	folder := path.Join("i18n", locale)
	files, err := fs.ReadDir(shippedLocales, folder)
	if err != nil {
		return notShipped()
	}
	for _, file := range files {
		if file.IsDir() || !strings.HasSuffix(file.Name(), ".json") {
			continue
		}
		resources, err := shippedLocales.ReadFile(path.Join(folder, file.Name()))
		if err != nil {
			return err
		}
		if err := c.AddResources(locale, strings.TrimSuffix(file.Name(), ".json"), resources); err != nil {
			return err
		}
	}
	return nil
}
