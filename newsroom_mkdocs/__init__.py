"""The news engine (``newsroom``) adapted to MkDocs' events.

``hooks/news_hooks.py`` is the list of events; each delegates here:

- ``process.py``: what lives as long as the ``mkdocs`` command (``Process``);
- ``build.py``: one build of every language (``Build``: news/ loaded once,
  the sitemap, the 404 pages, the helper process, the search indexes);
- ``language.py``: one language build (``Language``: the generated files,
  the page events, the framed listings, feeds and calendars);
- ``stories.py``: story pages, whose bodies are rendered as their pages are
  written (and ahead, by a worker, in a build);
- ``private.py``: every use of MkDocs' private API, each explained.

``newsroom`` itself never imports MkDocs; this package is the only place
that does.
"""
