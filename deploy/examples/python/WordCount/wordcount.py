# Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in
# compliance with the License. You may obtain a copy of the License at
# http://www.apache.org/licenses/LICENSE-2.0
"""Counts the words of a text and writes 'word: count' lines."""

import argparse

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions

from words import split_words


def run(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument('--input', default='gs://apache-beam-samples/shakespeare/kinglear.txt')
    parser.add_argument('--output', default='counts')
    known, pipeline_args = parser.parse_known_args(argv)

    with beam.Pipeline(options=PipelineOptions(pipeline_args)) as p:
        (p
         | 'Read' >> beam.io.ReadFromText(known.input)
         | 'Split' >> beam.FlatMap(split_words)
         | 'Count' >> beam.combiners.Count.PerElement()
         | 'Format' >> beam.MapTuple(lambda word, count: f'{word}: {count}')
         | 'Write' >> beam.io.WriteToText(known.output))


if __name__ == '__main__':
    run()
