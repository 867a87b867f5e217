package lmserrors

// The shared vectors under tests/vectors/ (the same files doctest and the Node suites read):
// a third runner, so the C++ core, the WASM package and the Go package provably agree.

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const vectorsDir = "../tests/vectors"

func readJSON(t *testing.T, path string, into any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, into); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func vectorFiles(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(vectorsDir, dir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no vectors in %s/%s (%v)", vectorsDir, dir, err)
	}
	return files
}

func newTestCore(t *testing.T) *Core {
	t.Helper()
	core, err := NewCore()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(core.Close)
	return core
}

// generic turns any JSON-able value into what encoding/json decodes it to, for comparison.
func generic(t *testing.T, value any) any {
	t.Helper()
	data, err := json.Marshal(value)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

type envelopeVector struct {
	Name  string `json:"name"`
	Input struct {
		Status       int             `json:"status"`
		Headers      json.RawMessage `json:"headers"`
		Body         *string         `json:"body"`
		BodyBase64   *string         `json:"bodyBase64"`
		BodyGenerate *struct {
			Prefix string `json:"prefix"`
			Repeat string `json:"repeat"`
			Count  int    `json:"count"`
			Suffix string `json:"suffix"`
		} `json:"bodyGenerate"`
		Now int64 `json:"now"`
	} `json:"input"`
	Expected       map[string]any `json:"expected"`
	ExpectedSubset map[string]any `json:"expectedSubset"`
	Counts         map[string]int `json:"counts"`
}

// headersOf reads a vector's headers, an object or [[name, value]] pairs, in order.
func headersOf(t *testing.T, raw json.RawMessage) [][2]string {
	t.Helper()
	pairs, err := orderedPairs(raw)
	if err != nil {
		t.Fatal(err)
	}
	return pairs
}

func (v envelopeVector) body(t *testing.T) []byte {
	t.Helper()
	switch {
	case v.Input.Body != nil:
		return []byte(*v.Input.Body)
	case v.Input.BodyBase64 != nil:
		data, err := base64.StdEncoding.DecodeString(*v.Input.BodyBase64)
		if err != nil {
			t.Fatal(err)
		}
		return data
	case v.Input.BodyGenerate != nil:
		g := v.Input.BodyGenerate
		return []byte(g.Prefix + strings.Repeat(g.Repeat, g.Count) + g.Suffix)
	}
	return nil
}

// at follows a dotted path ("importErrors.0.rows") through decoded JSON.
func at(value any, path string) any {
	for _, part := range strings.Split(path, ".") {
		switch node := value.(type) {
		case map[string]any:
			value = node[part]
		case []any:
			var index int
			if err := json.Unmarshal([]byte(part), &index); err != nil || index >= len(node) {
				return nil
			}
			value = node[index]
		default:
			return nil
		}
	}
	return value
}

func TestEnvelopeVectors(t *testing.T) {
	core := newTestCore(t)
	for _, file := range vectorFiles(t, "envelopes") {
		var doc struct {
			Vectors []envelopeVector `json:"vectors"`
		}
		readJSON(t, file, &doc)
		if len(doc.Vectors) == 0 {
			t.Fatalf("%s: no vectors", file)
		}
		for _, vector := range doc.Vectors {
			name := filepath.Base(file) + ": " + vector.Name
			parsed, err := core.ParsePairs(vector.Input.Status, headersOf(t, vector.Input.Headers), vector.body(t), vector.Input.Now)
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			// Through the Go struct and back: what a Go server sees is the whole error.
			actual := generic(t, parsed).(map[string]any)
			if vector.Expected != nil {
				expected := map[string]any{"params": map[string]any{}, "fieldErrors": []any{}, "importErrors": []any{},
					"retryAfterMs": nil, "rateLimit": nil}
				for member, value := range vector.Expected {
					expected[member] = value
				}
				if !reflect.DeepEqual(actual, generic(t, expected)) {
					t.Errorf("%s:\n got  %v\n want %v", name, actual, expected)
				}
			}
			for member, value := range vector.ExpectedSubset {
				if !reflect.DeepEqual(actual[member], generic(t, value)) {
					t.Errorf("%s: %s = %v, want %v", name, member, actual[member], value)
				}
			}
			for path, count := range vector.Counts {
				list, _ := at(actual, path).([]any)
				if len(list) != count {
					t.Errorf("%s: %s has %d items, want %d", name, path, len(list), count)
				}
			}
		}
	}
}

type retryStep struct {
	Err    json.RawMessage `json:"err"`
	Ctx    json.RawMessage `json:"ctx"`
	Expect *Decision       `json:"expect"`
}

func TestRetryVectors(t *testing.T) {
	for _, file := range vectorFiles(t, "retry") {
		var doc struct {
			Cases []struct {
				retryStep
				Name   string          `json:"name"`
				Policy json.RawMessage `json:"policy"`
				Error  string          `json:"error"`
				Steps  []retryStep     `json:"steps"`
			} `json:"cases"`
		}
		readJSON(t, file, &doc)
		for _, vector := range doc.Cases {
			name := filepath.Base(file) + ": " + vector.Name
			// A fresh core per case (a fresh budget shared by its steps), with the built-in
			// client policy the vectors are written for.
			core := newTestCore(t)
			if err := core.SetRetryPolicy(RetryPolicy{}); err != nil {
				t.Fatal(err)
			}
			steps := vector.Steps
			if steps == nil {
				steps = []retryStep{vector.retryStep}
			}
			for i, step := range steps {
				decision, err := core.decideJSON(step.Err, step.Ctx, vector.Policy)
				if vector.Error != "" {
					if !errors.Is(err, ErrInvalidArgument) || !strings.Contains(err.Error(), vector.Error) {
						t.Errorf("%s: error %v, want one with %q", name, err, vector.Error)
					}
					continue
				}
				if err != nil {
					t.Errorf("%s, step %d: %v", name, i+1, err)
					continue
				}
				decision.Cost = 0 // not in the vectors (the JS API leaves it out)
				if decision != *step.Expect {
					t.Errorf("%s, step %d: %+v, want %+v", name, i+1, decision, *step.Expect)
				}
			}
		}
	}
}

func TestFormatVectors(t *testing.T) {
	var doc struct {
		Resources map[string]map[string]json.RawMessage `json:"resources"`
		Format    []struct {
			Error   json.RawMessage `json:"error"`
			Options struct {
				Locale   string `json:"locale"`
				Audience string `json:"audience"`
				Store    string `json:"store"`
				WithCode *bool  `json:"withCode"`
			} `json:"options"`
			Store    string `json:"store"`
			Expected string `json:"expected"`
		} `json:"format"`
	}
	readJSON(t, filepath.Join(vectorsDir, "i18n", "format.json"), &doc)
	withResources, empty := newTestCore(t), newTestCore(t)
	for locale, namespaces := range doc.Resources {
		for ns, resources := range namespaces {
			if err := withResources.AddResources(locale, ns, resources); err != nil {
				t.Fatal(err)
			}
		}
	}
	audiences := map[string]Audience{"": Teacher, "pupil": Pupil, "teacher": Teacher, "admin": Admin}
	for i, vector := range doc.Format {
		core := withResources
		if vector.Store == "empty" || vector.Options.Store == "empty" {
			core = empty
		}
		audience, ok := audiences[vector.Options.Audience]
		if !ok {
			t.Fatalf("format vector %d: unknown audience %q", i, vector.Options.Audience)
		}
		if vector.Options.WithCode != nil && !*vector.Options.WithCode {
			audience |= WithoutCode
		}
		line, err := core.formatJSON(vector.Error, vector.Options.Locale, audience)
		if err != nil || line != vector.Expected {
			t.Errorf("format vector %d: %q (%v), want %q", i, line, err, vector.Expected)
		}
	}
}
