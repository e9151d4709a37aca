"""Long work off the GUI thread, with progress and cancel (Anki's ``QueryOp``, Picard's
``run_task``).

``BackgroundTask(work)`` runs ``work(progress, cancelled)`` on a thread pool; ``progress``
and ``cancelled`` are plain callables safe to call from the worker. The results come back
as signals on the GUI thread: ``progressed(done, total)``, then ``succeeded(result)`` or
``failed(error)`` (a ``RegistreError`` the user caused: said inline by the screen), and
always ``finished()``. Any other exception is re-raised on the GUI thread, where the
application's crash handler takes it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QProgressBar

from domain.errors import RegistreError

Progress = Callable[[int, int], None]
Work = Callable[[Progress, Callable[[], bool]], Any]


def show_progress(bar: QProgressBar, done: int, total: int) -> None:
    """A task's ``progressed(done, total)`` on ``bar``: ``total`` steps (at least one),
    ``done`` of them. Call it from a method of the screen (connected to ``progressed``), so
    that the connection goes with the screen."""
    top = max(1, total)
    bar.setRange(0, top)
    bar.setValue(min(done, top))


class _Runnable(QRunnable):
    def __init__(self, task: BackgroundTask) -> None:
        super().__init__()
        self.task = task
        self.setAutoDelete(True)

    def run(self) -> None:
        self.task._run()


class BackgroundTask(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    crashed = Signal(object)
    finished = Signal()

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._cancel = threading.Event()
        self._done = threading.Event()
        self._started = False
        self.crashed.connect(self._on_self_crashed)

    # --- GUI thread ---------------------------------------------------------------------
    def start(self, pool: QThreadPool | None = None) -> None:
        if self._started:
            raise RuntimeError("a task runs once")
        self._started = True
        (pool or QThreadPool.globalInstance()).start(_Runnable(self))

    def cancel(self) -> None:
        """Ask the work to stop at its next check; it says so by failing."""
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def is_running(self) -> bool:
        return self._started and not self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the work is over (closing a screen, tests)."""
        return self._done.wait(timeout)

    def _on_self_crashed(self, error: BaseException) -> None:
        raise error

    # --- worker thread ------------------------------------------------------------------
    def _run(self) -> None:
        try:
            result = self._work(self.progressed.emit, self._cancel.is_set)
        except RegistreError as error:
            self._done.set()
            self.failed.emit(error)
        except Exception as error:  # a bug: to the crash handler, on the GUI thread
            self._done.set()
            self.crashed.emit(error)
        else:
            self._done.set()
            self.succeeded.emit(result)
        self.finished.emit()
