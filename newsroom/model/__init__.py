"""The pure model: the stories as data (``stories``), what each language of
the site holds (``plan``: story pages, listings, home blocks), the taxonomies
(``taxonomy``: one line each), URLs (``urls``), dates (``dates``), the engine's
own words (``labels``), excerpts and slugs. No files written, no process
started: pure functions of their inputs."""
