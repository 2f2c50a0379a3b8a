"""Speed machinery. Each mechanism has a plain in-process path and a faster
one that produces the same site, byte for byte, and its own switch in
``Settings``; ``speed: false`` (or NEWSROOM_SPEED=off) turns them all off:

- ``offload``: a build's news parts rendered by a helper process
  (``Inline``, the plain path; ``Offload``, the helper's);
- ``ahead``: story bodies rendered ahead by a worker forked from the build;
- ``frames``: listing pages outside the navigation written into a frame the
  theme renders once;
- ``navigation``: the theme's primary navigation rendered once per URL shape;
- ``pool``: news/ read by a pool of processes;
- ``memory``: memory given back between languages;
- ``preview``: what a dirty preview wrote, by fingerprints derived from the
  stories' fields;
- ``story_cache``: a ``--dirty`` build's story folders reused from the last
  one when their bytes are the same;
- ``kept_entries``: a ``--dirty`` build's listing entries reused from the
  last one for the stories read from the same bytes;
- ``watch``: ``mkdocs serve`` watching news/ by file events.

Feature code never needs to open this package: a field added to the model
reaches the helper, the worker and the fingerprints by itself (they are
derived from the dataclasses' fields, as ``tests/test_house.py`` checks).
"""
