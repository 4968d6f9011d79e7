/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in
 * compliance with the License. You may obtain a copy of the License at
 * http://www.apache.org/licenses/LICENSE-2.0
 */
package org.apache.beam.examples;

import java.util.Arrays;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TypeDescriptors;

/** Reads a text, counts how often each word occurs, and writes "word: count" lines. */
public class WordCount {

  /** Where to read from and write to. */
  public interface WordCountOptions extends PipelineOptions {
    @Description("File to read")
    @Default.String("gs://apache-beam-samples/shakespeare/kinglear.txt")
    String getInputFile();

    void setInputFile(String value);

    @Description("Prefix of the files to write")
    @Default.String("counts")
    String getOutput();

    void setOutput(String value);
  }

  public static void main(String[] args) {
    WordCountOptions options =
        PipelineOptionsFactory.fromArgs(args).withValidation().as(WordCountOptions.class);
    Pipeline pipeline = Pipeline.create(options);

    pipeline
        .apply("ReadLines", TextIO.read().from(options.getInputFile()))
        .apply("SplitWords", FlatMapElements.into(TypeDescriptors.strings())
            .via((String line) -> Arrays.asList(line.toLowerCase().split("[^\\p{L}']+"))))
        .apply("DropEmpty", Filter.by((String word) -> !word.isEmpty()))
        .apply("CountWords", Count.perElement())
        .apply("Format", MapElements.into(TypeDescriptors.strings())
            .via((KV<String, Long> count) -> count.getKey() + ": " + count.getValue()))
        .apply("WriteCounts", TextIO.write().to(options.getOutput()));

    pipeline.run().waitUntilFinish();
  }
}
