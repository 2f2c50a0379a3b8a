"""The news engine: load, validate, model, classify, paginate and render the
stories in ``news/``, in layers (each a sub-package; see its docstring):

- ``content``: reading and validating content;
- ``model``: the stories as data and the plan of each language's pages;
- ``render``: the pages' HTML;
- ``outputs``: feeds, calendars, sitemap, search index;
- ``editors``: the editors' commands (``python -m newsroom``);
- ``speed``: the speed machinery, behind one switch;
- ``settings``: the settings, from ``extra.news`` in ``mkdocs.yml``.

This package never imports MkDocs; ``newsroom_mkdocs`` adapts it to MkDocs'
events (``hooks/news_hooks.py``).
"""
