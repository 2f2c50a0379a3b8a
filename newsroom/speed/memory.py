"""Memory handed back to the system between two language builds, by the
build's own process and by its helper process."""

from __future__ import annotations

import ctypes
import gc


def give_back_memory() -> None:
    """Collect what is garbage and hand the freed heap back to the system
    (glibc's malloc_trim), so that the next language starts from less."""
    gc.collect()
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (AttributeError, OSError):  # not glibc
        pass
