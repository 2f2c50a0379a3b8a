"""Output files besides pages: feeds and calendars (``feeds``), the sitemap
and the 404 pages (``sitemap``), the Pagefind search index (``search``)."""
