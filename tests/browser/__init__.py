"""Real-browser tests; a package so that its conftest is module browser.conftest
and never shadows tests/conftest.py, which other test modules import as conftest."""
