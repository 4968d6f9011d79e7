# Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in
# compliance with the License. You may obtain a copy of the License at
# http://www.apache.org/licenses/LICENSE-2.0
"""Word splitting for the word count."""

import re

_WORD = re.compile(r"[\w']+", re.UNICODE)


def split_words(line):
    """The lower-cased words of a line."""
    return [w.lower() for w in _WORD.findall(line)]
