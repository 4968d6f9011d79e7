# Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in
# compliance with the License. You may obtain a copy of the License at
# http://www.apache.org/licenses/LICENSE-2.0
"""Counts the occurrences of each element of a small collection."""

import apache_beam as beam

with beam.Pipeline() as p:
    (p
     | beam.Create(['apple', 'pear', 'apple', 'plum', 'apple', 'pear'])
     | beam.combiners.Count.PerElement()
     | beam.Map(print))
