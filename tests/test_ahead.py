"""newsroom.ahead: items made ahead by a forked worker are the items the
build would make, in order, whoever makes them; nothing is lost when the
worker fails, dies or cannot send; what it logs is logged by the build."""

from __future__ import annotations

import logging
import os
import signal
import time

import pytest

from newsroom.speed.ahead import Ahead, possible

pytestmark = pytest.mark.skipif(not possible(), reason="needs fork and two cores")


_PARENT = os.getpid()


def _item(i: int) -> str:
    return f"item {i} " + "ж" * (i % 7)


def _slow(i: int) -> str:
    # Slower in the build than in the worker (as if the build also rendered
    # pages): the worker gets ahead even on a loaded machine.
    time.sleep(0.01 if os.getpid() == _PARENT else 0.001)
    return _item(i)


def _all(ahead: Ahead) -> list:
    try:
        return [ahead.get(i) for i in range(ahead.count)]
    finally:
        ahead.close()


def test_the_worker_makes_items_ahead_and_the_build_gets_each_in_order():
    ahead = Ahead(200, _slow, chunk=4, window=4)
    ahead.start()
    assert _all(ahead) == [_item(i) for i in range(200)]
    assert ahead.workers == 1
    assert ahead.made_here < 200  # the worker made some


def test_the_build_does_not_wait_for_a_stuck_worker():
    parent = os.getpid()

    def make(i: int) -> str:
        # The worker takes 8 s a chunk: far longer than the build takes for all.
        time.sleep(0.002 if os.getpid() == parent else 2)
        return f"item {i}"

    ahead = Ahead(200, make, chunk=4, window=4)
    ahead.start()
    # The build waits for a chunk it handed over about as long as it takes to
    # make one, then makes it itself (without that, this would take minutes).
    assert _all(ahead) == [f"item {i}" for i in range(200)]
    assert ahead.made_here == 200


def test_without_a_worker_the_build_makes_every_item():
    ahead = Ahead(50, _slow, chunk=4)
    assert _all(ahead) == [_item(i) for i in range(50)]
    assert ahead.made_here == 50 and ahead.workers == 0


def test_workers_of_a_short_lifetime_follow_each_other_to_the_end():
    ahead = Ahead(300, _slow, chunk=4, window=3, lifetime=2)
    ahead.start()
    assert _all(ahead) == [_item(i) for i in range(300)]
    assert ahead.workers > 2


def test_an_item_the_worker_fails_on_is_made_by_the_build_and_fails_there():
    parent = os.getpid()

    def make(i: int) -> int:
        time.sleep(0.002)
        if i == 60 and os.getpid() != parent:
            raise ValueError("only in the worker")
        return i * 2

    ahead = Ahead(120, make, chunk=4, window=8)
    ahead.start()
    assert _all(ahead) == [i * 2 for i in range(120)]

    def broken(i: int) -> int:
        time.sleep(0.002)
        if i == 60:
            raise ValueError("item 60 is broken")
        return i

    ahead = Ahead(120, broken, chunk=4, window=8)
    ahead.start()
    with pytest.raises(ValueError, match="item 60 is broken"):
        _all(ahead)


def test_a_result_that_cannot_be_sent_is_made_by_the_build():
    parent = os.getpid()

    def make(i: int):
        time.sleep(0.002)
        if os.getpid() != parent:
            return lambda: i  # not picklable
        return i

    ahead = Ahead(80, make, chunk=4, window=4)
    ahead.start()
    assert _all(ahead) == list(range(80))
    assert ahead.made_here == 80


def test_a_worker_killed_midway_loses_nothing():
    ahead = Ahead(400, _slow, chunk=4, window=6, lifetime=None)
    ahead.start()
    got = [ahead.get(i) for i in range(40)]
    pid = ahead._worker.pid
    os.kill(pid, signal.SIGKILL)
    got += [ahead.get(i) for i in range(40, 400)]
    ahead.close()
    assert got == [_item(i) for i in range(400)]
    assert ahead.workers >= 2  # the build forked another when the first was gone


def test_what_the_worker_logs_is_logged_once_by_the_build(caplog):
    log = logging.getLogger("mkdocs.test_ahead")

    def make(i: int) -> int:
        time.sleep(0.01 if os.getpid() == _PARENT else 0.001)
        if i % 25 == 0:
            log.warning("item %d has a problem: %s", i, "ж")
        return i

    ahead = Ahead(100, make, chunk=4, window=6)
    ahead.start()
    with caplog.at_level(logging.WARNING, logger="mkdocs.test_ahead"):
        assert _all(ahead) == list(range(100))
    messages = [r.getMessage() for r in caplog.records if r.name == "mkdocs.test_ahead"]
    assert messages == [f"item {i} has a problem: ж" for i in (0, 25, 50, 75)]
    assert ahead.made_here < 100  # some came from the worker


def test_close_stops_a_worker_that_is_ahead_and_leaves_no_process():
    ahead = Ahead(10_000, _slow, chunk=4, window=6)
    ahead.start()
    assert ahead.get(0) == _item(0)
    pid = ahead._worker.pid
    ahead.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


class _Unloadable(Exception):
    """Pickles, but cannot be unpickled (its __init__ takes two arguments)."""

    def __init__(self, a, b):
        super().__init__(a)


def test_a_result_that_cannot_be_read_by_the_build_is_made_by_the_build():
    def make(i: int):
        time.sleep(0.01 if os.getpid() == _PARENT else 0.001)
        return _Unloadable(i, i) if os.getpid() != _PARENT else i

    ahead = Ahead(80, make, chunk=4, window=4)
    ahead.start()
    assert _all(ahead) == list(range(80))
    assert ahead.made_here == 80


def test_when_no_worker_can_be_forked_the_build_makes_every_item(monkeypatch):
    import gc

    def no_fork():
        raise OSError("no memory for another process")

    monkeypatch.setattr(os, "fork", no_fork)
    ahead = Ahead(40, _item, chunk=4)
    ahead.start()
    assert _all(ahead) == [_item(i) for i in range(40)]
    assert ahead.workers == 0 and ahead.made_here == 40
    assert gc.get_freeze_count() == 0  # the build's objects are not left frozen
