// promql-check parses every rule expression of Prometheus rule files.
package main

import (
	"fmt"
	"os"

	"github.com/prometheus/prometheus/promql/parser"
	"gopkg.in/yaml.v3"
)

type ruleFile struct {
	Groups []struct {
		Name  string `yaml:"name"`
		Rules []struct {
			Alert  string `yaml:"alert"`
			Record string `yaml:"record"`
			Expr   string `yaml:"expr"`
		} `yaml:"rules"`
	} `yaml:"groups"`
}

func main() {
	bad := 0
	p := parser.NewParser(parser.Options{})
	for _, path := range os.Args[1:] {
		data, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		var f ruleFile
		if err := yaml.Unmarshal(data, &f); err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", path, err)
			os.Exit(2)
		}
		n := 0
		for _, g := range f.Groups {
			for _, r := range g.Rules {
				n++
				if _, err := p.ParseExpr(r.Expr); err != nil {
					fmt.Fprintf(os.Stderr, "%s: %s%s: %v\n", path, r.Alert, r.Record, err)
					bad++
				}
			}
		}
		fmt.Printf("%s: %d rules\n", path, n)
	}
	if bad > 0 {
		os.Exit(1)
	}
}
