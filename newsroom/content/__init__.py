"""Reading and validating content: news/ (``loader``: the folders; ``story``:
one story folder; ``terms``: categories, regions, authors, tags' labels), front
matter (``frontmatter``, ``strictyaml``, ``schema``), the knowledge pages and
every check an editor runs (``checks``); every problem is a ``problems.Problem``
with file, line, field and fix."""
