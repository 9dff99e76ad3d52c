package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestTablesUpToDate rebuilds the tables and compares them with the
// committed ones, so that a change to the generator or the curated lists
// cannot be committed without regenerating.
func TestTablesUpToDate(t *testing.T) {
	data := filepath.Join("..", "..", "..", "..", "shared", "data", "gazetteers")
	if _, err := os.Stat(data); err != nil {
		t.Skipf("shared gazetteer data not found at %s: %v", data, err)
	}
	if testing.Short() {
		t.Skip("rebuilding the tables takes a few seconds")
	}
	out := t.TempDir()
	if err := run(data, filepath.Join("..", "curated"), out, 50000, 1000000); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"countries", "cities", "regions", "orgs"} {
		got, err := os.ReadFile(filepath.Join(out, name+".tsv.gz"))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join("..", "data", name+".tsv.gz"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s.tsv.gz is out of date: run go generate in entity/gazetteer", name)
		}
	}
}

func TestPhoenixName(t *testing.T) {
	for in, want := range map[string]string{
		"IRAQI_KURDISTAN_":                    "Iraqi Kurdistan",
		"AL-INTIQAMI_AL-PAKISTANI_":           "al-Intiqami al-Pakistani",
		"THE_ISLAMIC_RESISTANCE":              "Islamic Resistance",
		"ARMY_OF_GOD_":                        "Army of God",
		"UN_":                                 "UN",
		"U.N._":                               "U.N.",
		"INTERNATIONAL_ATOMIC_ENERGY_AGENCY_": "International Atomic Energy Agency",
		"":                                    "",
	} {
		if got := phoenixName(in); got != want {
			t.Errorf("phoenixName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPlural(t *testing.T) {
	for in, want := range map[string]string{
		"Iraqi": "Iraqis", "Pakistani": "Pakistanis", "American": "Americans",
		"British": "", "Chinese": "", "Swiss": "", "French": "", "Thai": "Thais",
	} {
		if got := plural(in); got != want {
			t.Errorf("plural(%q) = %q, want %q", in, got, want)
		}
	}
}
