// Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in
// compliance with the License. You may obtain a copy of the License at
// http://www.apache.org/licenses/LICENSE-2.0

// wordcount counts the words of a text and prints the most frequent ones.
package main

import (
	"context"
	"flag"
	"fmt"
	"regexp"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/transforms/stats"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/transforms/top"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/debug"
)

var (
	input = flag.String("input", "gs://apache-beam-samples/shakespeare/kinglear.txt", "File to read.")
	words = regexp.MustCompile(`[\p{L}']+`)
)

func main() {
	flag.Parse()
	beam.Init()
	p, s := beam.NewPipelineWithRoot()

	lines := textio.Read(s, *input)
	split := beam.ParDo(s, func(line string, emit func(string)) {
		for _, w := range words.FindAllString(strings.ToLower(line), -1) {
			emit(w)
		}
	}, lines)
	counted := stats.Count(s, split)
	best := top.Largest(s, counted, 10, func(a, b beam.KV[string, int]) bool { return a.Value < b.Value })
	debug.Print(s, beam.ParDo(s, func(kvs []beam.KV[string, int]) string {
		var b strings.Builder
		for _, kv := range kvs {
			fmt.Fprintf(&b, "%s: %d\n", kv.Key, kv.Value)
		}
		return b.String()
	}, best))

	if err := beamx.Run(context.Background(), p); err != nil {
		panic(err)
	}
}
