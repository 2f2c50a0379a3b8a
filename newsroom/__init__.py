"""The news engine: load, validate, model, classify, paginate and render
the stories in ``news/``.

This package never imports MkDocs; ``hooks/news_hooks.py`` adapts it to
MkDocs events, and ``python -m newsroom`` gives editors their commands.
"""
