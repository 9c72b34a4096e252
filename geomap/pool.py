"""Local worker processes that survive a worker's death and die with their parent.

``concurrent.futures.ProcessPoolExecutor`` breaks for good when one worker dies (the
system's out-of-memory killer, a crash in a C extension): every pending task raises
``BrokenProcessPool`` and the whole batch is lost. Its forked workers also outlive a
killed parent, waiting on a queue whose write end they hold themselves. This pool:

* gives every worker its own pipe and knows which tasks each one holds. When a worker dies,
  its tasks are run again one item at a time, so that the item that kills a worker is found
  and reported (``lost(item, why)`` gives its result) while every other item is processed;
* starts a fresh worker in place of a dead one, and in place of one that asks to retire
  (after a ``MemoryError``: its heap goes back to the system instead of starving the next
  item it would get);
* ties the workers to the parent: they are killed when it dies (``PR_SET_PDEATHSIG`` on
  Linux, and a watch on the parent's pid everywhere), and ignore Ctrl-C, which the parent
  handles by stopping them.

Results come back in task order, whatever order the workers finish in.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from .errors import GeomapError

log = logging.getLogger(__name__)

#: Tasks sent ahead to one worker, so that it never waits for the parent between two.
DEPTH = 2
#: Once every task has been read, a task is sent in pieces of about the items still queued
#: divided by this many per worker (guided self-scheduling): the pieces shrink as the
#: queue drains, so that the workers finish together instead of one working alone through
#: its last whole tasks while the others wait.
TAIL_PIECES = DEPTH
#: Workers that may die before finishing a single task before the pool gives up (a worker
#: that cannot even start would otherwise be replaced for ever).
MAX_FUTILE_STARTS = 5
#: How often a worker checks that its parent is alive where the system cannot tell it.
WATCH_SECONDS = 1.0

#: ``work(items, arg) -> (results, retire)``: one result per item, in order; ``retire``
#: asks the pool to replace this worker with a fresh process, and then the results may
#: stop short (the items left are given to another worker).
Work = Callable[[list, Any], tuple[list, bool]]


@dataclass
class _Task:
    seq: int  # position of the task in the input
    start: int  # position of ``items[0]`` within the task (a part after a split)
    items: list
    tries: int = 0  # workers that died holding these items before


@dataclass
class _Worker:
    proc: Any
    conn: Connection
    held: deque = field(default_factory=deque)  # tasks sent, in the order sent
    finished: int = 0  # tasks this process completed
    outbox: queue.SimpleQueue = field(default_factory=queue.SimpleQueue)
    sender: threading.Thread | None = None

    def send(self, message: Any) -> None:
        """Queue ``message`` for the worker. A thread sends it: a send blocks until the
        worker reads, and a worker busy sending its results (itself blocked until we read
        them) would never read: the two would wait for each other for ever."""
        if self.sender is None:
            self.sender = threading.Thread(
                target=self._send_all, name="geomap-pool-send", daemon=True
            )
            self.sender.start()
        self.outbox.put(message)

    def _send_all(self) -> None:
        while (message := self.outbox.get()) is not _STOP:
            try:
                self.conn.send(message)
            except (
                OSError,
                ValueError,
            ):  # the worker died (or we closed the pipe): it is seen in _collect
                return
            if message is None:  # asked to stop
                return

    def stop_sending(self) -> None:
        if self.sender is not None:
            self.outbox.put(_STOP)
            self.sender.join(timeout=5)


#: The end of the tasks (read one ahead by :meth:`WorkerPool.map`).
_END = object()
#: Ends a worker's sender thread (``None`` is the message that stops the worker itself).
_STOP = object()


class WorkerPool:
    """``jobs`` worker processes running ``work(items, arg)`` on lists of items.

    Parameters
    ----------
    jobs : number of worker processes.
    work : a module-level function (it is pickled by reference under ``spawn``).
    arg : passed to every call of ``work`` (sent once per worker).
    method : multiprocessing start method, ``"fork"`` or ``"spawn"``.
    """

    def __init__(self, jobs: int, work: Work, arg: Any, method: str = "spawn"):
        self.jobs = jobs
        self.work = work
        self.arg = arg
        self.ctx = multiprocessing.get_context(method)
        self.workers: list[_Worker] = []
        self.futile = 0
        self.exhausted = False  # every task has been read (see TAIL_PIECES)

    # -- workers --------------------------------------------------------------------------
    def _start(self) -> _Worker:
        parent_end, child_end = self.ctx.Pipe(duplex=True)
        proc = self.ctx.Process(
            target=_worker_main,
            args=(child_end, self.work, self.arg, os.getpid()),
            daemon=True,
            name="geomap-worker",
        )
        proc.start()
        child_end.close()  # the child holds its own end; ours would hide its death from recv()
        worker = _Worker(proc, parent_end)
        self.workers.append(worker)
        return worker

    def _drop(self, worker: _Worker) -> None:
        self.workers.remove(worker)
        worker.proc.join(timeout=5)
        worker.stop_sending()
        worker.conn.close()
        if worker.proc.is_alive():  # pragma: no cover - a worker that ignored its stop
            worker.proc.kill()
            worker.proc.join()

    def close(self, *, wait_for_workers: bool = True) -> None:
        """Stop every worker: ask them to finish (or kill them when the run failed)."""
        for w in list(self.workers):
            if wait_for_workers:
                w.send(None)
            else:
                w.proc.kill()
        for w in list(self.workers):
            self._drop(w)

    # -- the run --------------------------------------------------------------------------
    def map(
        self, tasks: Iterable[list], lost: Callable[[Any, str], Any], window: int
    ) -> Iterator[list]:
        """The results of each task, in task order, with at most ``window`` tasks read ahead
        (and one more taken from ``tasks``).

        ``lost(item, why)`` gives the result of an item that a worker died on twice: once
        in the task it came in, once alone.
        """
        tasks = iter(tasks)
        self.lost = lost
        self.queue: deque[_Task] = deque()
        self.slots: dict[int, list] = {}  # seq -> results (None where still missing)
        self.missing: dict[int, int] = {}
        read = out = 0
        try:
            # one task is read ahead of those taken in, so that the last one is known as
            # the last as soon as it is taken in (and sent in pieces: TAIL_PIECES)
            ahead = next(tasks, _END)
            self.exhausted = ahead is _END
            while True:
                while not self.exhausted and read - out < window:
                    items = list(ahead)
                    ahead = next(tasks, _END)
                    self.exhausted = ahead is _END
                    self.slots[read], self.missing[read] = [None] * len(items), len(items)
                    if items:
                        self.queue.append(_Task(read, 0, items))
                    read += 1
                while out in self.missing and self.missing[out] == 0:
                    del self.missing[out]
                    yield self.slots.pop(out)
                    out += 1
                if self.exhausted and out == read:
                    return
                self._dispatch()
                self._collect()
        except BaseException:
            self.close(wait_for_workers=False)
            raise
        finally:
            self.close()

    def _dispatch(self) -> None:
        while len(self.workers) < self.jobs:
            self._start()
        for w in sorted(self.workers, key=lambda w: len(w.held)):
            while self.queue and len(w.held) < DEPTH:
                task = self._next_task()
                w.send(task.items)  # if it died, _collect sees it and runs the task again
                w.held.append(task)

    def _next_task(self) -> _Task:
        """The next task to send: the first queued, or its first piece once every task has
        been read (see :data:`TAIL_PIECES`; the rest stays first in the queue)."""
        task = self.queue.popleft()
        if not self.exhausted:
            return task
        queued = len(task.items) + sum(len(t.items) for t in self.queue)
        piece = max(1, -(-queued // (self.jobs * TAIL_PIECES)))
        if len(task.items) <= piece:
            return task
        self.queue.appendleft(
            _Task(task.seq, task.start + piece, task.items[piece:], task.tries)
        )
        return _Task(task.seq, task.start, task.items[:piece], task.tries)

    def _collect(self) -> None:
        """Wait for a reply or a death, and take in what arrived."""
        busy = [w for w in self.workers if w.held]
        if not busy:
            return
        ready = set(wait([w.conn for w in busy] + [w.proc.sentinel for w in busy]))
        for w in busy:
            if w.conn not in ready and w.proc.sentinel not in ready:
                continue
            dead, retire = self._take_replies(w)
            if retire:
                log.info(
                    "worker %s retired after a memory failure; starting a fresh one", w.proc.pid
                )
                self.queue.extendleft(reversed(w.held))  # tasks it held but will not run
                w.held.clear()
                self._drop(w)
            elif dead or not w.proc.is_alive():
                w.proc.join(timeout=5)
                self._died(w)

    def _take_replies(self, w: _Worker) -> tuple[bool, bool]:
        """Read what worker ``w`` has sent; whether it is dead, whether it retires."""
        while w.held:
            try:
                if not w.conn.poll():
                    return False, False
                reply = w.conn.recv()
            except (EOFError, OSError):  # the pipe closed: the worker is gone
                return True, False
            if reply[0] == "error":  # a fault of the run (a damaged index), not of an item
                raise reply[1]
            _, results, retire = reply
            task = w.held.popleft()
            self._fill(task, results)
            if len(results) < len(task.items):  # it stopped early to retire: the rest again
                self.queue.appendleft(
                    _Task(
                        task.seq, task.start + len(results), task.items[len(results) :], task.tries
                    )
                )
            w.finished += 1
            self.futile = 0
            if retire:
                return False, True
        return False, False

    def _fill(self, task: _Task, results: list) -> None:
        slot = self.slots[task.seq]
        for i, result in enumerate(results):
            slot[task.start + i] = result
        self.missing[task.seq] -= len(results)

    def _died(self, w: _Worker) -> None:
        """A worker died: blame an item it held alone, run its other items again one by one."""
        why = _death(w.proc.exitcode)
        log.warning(
            "a worker process (pid %s) %s; running its documents again one by one", w.proc.pid, why
        )
        if not w.held:  # died idle: nothing to run again
            self.workers.remove(w)
            w.stop_sending()
            w.conn.close()
            return
        if w.finished == 0 and not w.held[0].tries:
            self.futile += 1
            if self.futile > MAX_FUTILE_STARTS * self.jobs:
                raise GeomapError(
                    f"worker processes keep dying before finishing any work (the last "
                    f"one {why}); run with --jobs 1"
                )
        # the worker runs its tasks in the order sent: it died in the first, the others
        # never started and go back unchanged
        task, *unstarted = w.held
        if len(task.items) == 1 and task.tries:  # died on it again, alone: it is to blame
            self._fill(
                task, [self.lost(task.items[0], f"a worker process {why} while processing it")]
            )
            again = unstarted
        else:
            again = [
                _Task(task.seq, task.start + i, [item], task.tries + 1)
                for i, item in enumerate(task.items)
            ] + unstarted
        w.held.clear()
        self.queue.extendleft(reversed(again))
        self.workers.remove(w)
        w.stop_sending()
        w.conn.close()


def _death(exitcode: int | None) -> str:
    """How a worker ended, in words."""
    if exitcode is None:
        return "stopped answering"
    if exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        hint = " (the system may have run out of memory)" if -exitcode == signal.SIGKILL else ""
        return f"was killed by {name}{hint}"
    return f"exited with status {exitcode}"


# -- in the worker ------------------------------------------------------------------------
def _worker_main(conn: Connection, work: Work, arg: Any, parent: int) -> None:
    _tie_to_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    while True:
        try:
            items = conn.recv()
        except (EOFError, OSError):
            return
        if items is None:
            return
        try:
            results, retire = work(items, arg)
        except BaseException as err:  # noqa: BLE001 - handed to the parent, which raises it
            conn.send(("error", _picklable(err)))
            return
        conn.send(("ok", results, retire))
        if retire:
            return


def _picklable(err: BaseException) -> BaseException:
    import pickle

    try:
        pickle.loads(pickle.dumps(err))
        return err
    except Exception:  # noqa: BLE001 - any failure to pickle
        return GeomapError(f"a worker process failed: {type(err).__name__}: {err}")


def _tie_to_parent(parent: int) -> None:
    """Die with the parent: at once where Linux can signal it, else within a second."""
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux
        pass
    if os.getppid() != parent:  # it died before prctl took effect
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(WATCH_SECONDS)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="geomap-parent-watch", daemon=True).start()


def release_memory() -> None:
    """Give memory freed after a ``MemoryError`` back to the system (the process goes on)."""
    import gc

    gc.collect()
    try:
        import ctypes

        ctypes.CDLL(None).malloc_trim(0)  # glibc keeps freed heap pages otherwise
    except (OSError, AttributeError):  # not glibc
        pass
