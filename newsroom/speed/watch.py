"""``mkdocs serve`` watching news/ by the operating system's file events.

MkDocs polls every watched file every 0.5 s, in the process that rebuilds;
with a national portal's news/ (tens of thousands of files) each poll costs a
noticeable share of a preview rebuild. ``watch_natively`` schedules the
watched paths on a native observer first, leaving only docs/ and mkdocs.yml
to MkDocs' polling. Where the system has no native file events (or refuses
them), it returns None and MkDocs polls as usual. (``server`` is MkDocs'
LiveReloadServer, used through its public ``watch``/``unwatch`` and its
``observer`` attribute; this module does not import MkDocs.)
"""

from __future__ import annotations

import logging

log = logging.getLogger("mkdocs.hooks.news")


class _Changes:
    """The part of a watchdog observer LiveReloadServer.watch() uses
    (schedule, unschedule), on a native observer, asking the system for
    changes only. Unfiltered, native events include every file opened or read:
    a build reads every story, which floods the system's event queue (and each
    overflow makes watchdog walk the whole tree again). A folder's own events
    (a story folder added, removed, renamed, or moved out of news/) are passed
    on as a change of that path: MkDocs' handler ignores folder events, and a
    folder moved out of the tree reports nothing about its files."""

    def __init__(self, observer) -> None:
        self.observer = observer

    def schedule(self, handler, path: str, recursive: bool = False):
        from watchdog import events

        class Changes(events.FileSystemEventHandler):
            def on_any_event(self, event) -> None:
                if event.is_directory:
                    event = events.FileModifiedEvent(event.src_path)
                handler.on_any_event(event)

        changes = [events.FileCreatedEvent, events.FileDeletedEvent, events.FileModifiedEvent,
                   events.FileMovedEvent, events.FileClosedEvent,
                   events.DirCreatedEvent, events.DirDeletedEvent, events.DirMovedEvent]
        return self.observer.schedule(Changes(), path, recursive=recursive, event_filter=changes)

    def unschedule(self, watch) -> None:
        self.observer.unschedule(watch)


def watch_natively(server, paths: list[str]):
    """Schedule ``paths`` with the server's own rebuild handler on a native
    observer and start it; return it, or None (the server then polls them as
    usual) where the system has no native file events or refuses them."""
    from watchdog.observers import Observer
    from watchdog.observers.polling import PollingObserver

    native = Observer()
    if isinstance(native, PollingObserver):
        return None
    polling = server.observer
    server.observer = _Changes(native)  # server.watch() schedules on server.observer
    try:
        for path in paths:
            server.watch(path)
        native.start()
    except OSError as error:  # e.g. the system's inotify watch limit
        log.info("Polling %s for changes (no file events: %s)", ", ".join(paths), error)
        native.stop()
        for path in paths:
            try:
                server.unwatch(path)
            except KeyError:  # its emitter failed to start and is gone already
                pass
        return None
    finally:
        server.observer = polling
    return native
