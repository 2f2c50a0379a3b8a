"""Rendering: one language's news pages as data with their HTML
(``site.NewsSite``: the generated pages, their heads, headers, footers,
listings), the HTML fragments (``fragments``: Jinja2 with autoescape,
``templates/``), structured data and head metadata (``seo``), and the
knowledge pages' generated parts (``knowledge``)."""
