"""WorkerPool: the CPU-bound stages (extraction, normalization, fact extraction) in worker
processes, off the reactor thread.

Scrapy runs one reactor thread; trafilatura and Kiwi are CPU-bound and would hold it, leaving the
other cores idle. A stage hands the pool a *factory* (a picklable callable that builds a component
from settings, such as ``FactReaders.from_settings``) and the name of a method; each worker
builds the component once, from the crawl's settings, and runs the method there::

    pool = WorkerPool.from_crawler(crawler)
    d = pool.call(FactReaders.from_settings, "extract", title, text, published)   # a Deferred

Settings:

- ``NEWSBOT_WORKERS``: worker processes; ``None`` (the default) one for each core this process
  may run on; ``0`` none: every call runs in the reactor thread, through the same components.
- ``NEWSBOT_WORKER_START_METHOD``: how worker processes start. ``""`` (the default): forked where
  it can (Linux, and the crawl has no threads yet: the pool starts with the crawler, before
  Scrapy starts any): a template process is forked from the crawl, imports the preload once, and
  forks each worker, so the workers begin with every module and Kiwi's model loaded and share
  their memory; else ``forkserver`` where there is one, else ``spawn``. Or name one of the three
  (``fork`` then forks each worker from the crawl process, without a template).
- ``NEWSBOT_WORKER_PRELOAD``: modules imported before any call (default ``newsbot.workerpreload``:
  trafilatura, the rules' code and Kiwi's model, which takes a second): by the template, the
  fork server, or each spawned worker.
- ``NEWSBOT_WORKER_CALLS``: calls a worker holds at once (default 8): one running, the others
  waiting in its socket, so that it goes on working while the crawl process is busy with a long
  turn of its own (an index commit, a burst of answers) instead of waiting for that turn to end.

Each worker talks to the crawl over a socket pair that the reactor reads and writes without
blocking (no helper threads, so the reactor thread never waits on a lock): a call is a
length-prefixed pickle, and so is its answer. A worker is given up to NEWSBOT_WORKER_CALLS calls
at a time, and its socket's buffers are made large enough to hold them (SOCKET_BUFFER, as far as
the system allows: net.core.wmem_max on Linux), so the calls it waits on are in its socket, not in
the reactor's write buffer, and it never waits for the reactor between two. The workers start
with the crawler, so that they are ready when the first page arrives, and end when the crawl ends
or dies (their socket closes).

Results come back in the order the calls were made, for each factory and method: the stages
after a call see items in the same order with or without workers, so dedupe keeps the same copy
of a page and stories grow the same way.

A worker that dies (a crash in a C extension, the kernel's OOM killer) is replaced, and the calls
it held are run again, each alone in a worker; a call that kills that one too fails with
WorkerCrashed (stat ``newsbot/workers/crashed``) and everything else goes on. Workers ignore
Ctrl-C: Scrapy's shutdown handles it in the crawl process.
"""

from __future__ import annotations

import gc
import importlib
import logging
import multiprocessing
import os
import pickle
import signal
import socket
import struct
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Any, Callable

from scrapy import signals
from scrapy.settings import BaseSettings, Settings
from twisted.internet.defer import Deferred
from twisted.internet.protocol import Factory
from twisted.protocols.basic import Int32StringReceiver
from twisted.python.failure import Failure

from newsbot.inorder import InOrder

logger = logging.getLogger(__name__)

PRELOAD = ["newsbot.workerpreload"]
CALLS = 8                         # NEWSBOT_WORKER_CALLS: one running, the rest waiting in its socket
SOCKET_BUFFER = 4 << 20           # bytes each end of a worker's socket may buffer (the kernel may cap it)


class WorkerTimeout(RuntimeError):
    """A call ran longer than NEWSBOT_CALL_TIMEOUT: its worker was killed, the call fails."""


class WorkerCrashed(RuntimeError):
    """A call whose worker process died, twice: once among others, once alone."""


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:          # not Linux
        return os.cpu_count() or 1


def worker_count(value) -> int:
    """NEWSBOT_WORKERS as a number: None, "" or "auto" mean one a core."""
    if value is None or (isinstance(value, str) and value.strip().lower() in ("", "auto")):
        return available_cores()
    count = int(value)
    if count < 0:
        raise ValueError(f"NEWSBOT_WORKERS must be 0 or more, not {count}")
    return count


def portable_settings(settings: BaseSettings) -> dict:
    """The settings a worker can be given: every value that survives pickling."""
    out = {}
    for name, value in settings.copy_to_dict().items():
        try:
            pickle.dumps(value)
        except Exception:
            continue
        out[name] = value
    return out


# --- the worker side -------------------------------------------------------------------------

class Components:
    """Components built once from settings, one for each factory."""

    def __init__(self, settings: BaseSettings):
        self.settings = settings
        self._built: dict = {}

    def run(self, factory: Callable, method: str, args: tuple) -> Any:
        component = self._built.get(factory)
        if component is None:
            component = self._built[factory] = factory(self.settings)
        return getattr(component, method)(*args)


_HEADER = struct.Struct("!I")           # Int32StringReceiver's length prefix


def _read_exactly(sock: socket.socket, size: int) -> bytes | None:
    chunks, left = [], size
    while left:
        chunk = sock.recv(min(left, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _prepare(preload: list[str], inherited: list[int]) -> None:
    """A new worker or template: Ctrl-C is the crawl's to handle; the crawl's sockets that came
    with a fork closed (`inherited`); the preload imported."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for fd in inherited:
        try:
            os.close(fd)
        except OSError:
            pass
    for module in preload:
        importlib.import_module(module)


def _log_from(level) -> None:
    """Log calls under the crawl's LOG_LEVEL make no record in this process. Scrapy leaves the root
    logger at NOTSET and drops such records in its handler, after they are made: trafilatura's
    debug calls alone cost a worker 1% of its time."""
    if level is None:
        return
    level = logging.getLevelName(level) if isinstance(level, str) else level
    if isinstance(level, int) and logging.root.getEffectiveLevel() < level:
        logging.root.setLevel(level)


def _serve(sock: socket.socket, settings: dict, preload: list[str], inherited: list[int]) -> None:
    """A worker process: calls in, answers out, until the crawl closes the socket. `inherited`:
    the crawl's ends of the other workers' sockets, which a forked worker must not keep open."""
    _prepare(preload, inherited)
    _log_from(settings.get("LOG_LEVEL"))
    components = Components(Settings(settings))
    hello = pickle.dumps((0, True, pickle.dumps(os.getpid())), protocol=pickle.HIGHEST_PROTOCOL)
    sock.sendall(_HEADER.pack(len(hello)) + hello)      # the crawl learns the pid to kill on a time-out
    while True:
        header = _read_exactly(sock, _HEADER.size)
        data = _read_exactly(sock, _HEADER.unpack(header)[0]) if header else None
        if data is None:
            return
        number, factory, method, args = pickle.loads(data)
        try:
            ok, outcome = True, components.run(factory, method, args)
        except Exception as exc:
            ok, outcome = False, exc
        try:
            answer = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:            # an unpicklable result or exception
            ok, answer = False, pickle.dumps(RuntimeError(f"{method}(): {type(exc).__name__}: {exc}"))
        # the answer pickled apart: the crawl can tell which call it answers even when it cannot read it
        payload = pickle.dumps((number, ok, answer), protocol=pickle.HIGHEST_PROTOCOL)
        sock.sendall(_HEADER.pack(len(payload)) + payload)


def _template(control: socket.socket, settings: dict, preload: list[str], inherited: list[int]) -> None:
    """The fork template: forked from the crawl process, it loads what the workers need once
    (Kiwi's model), then forks a worker for each socket the crawl sends it; the workers share the
    loaded pages. It ends when the crawl closes the control socket (or dies)."""
    _prepare(preload, inherited)
    if BaseSettings(settings).getbool("NEWSBOT_GC_FREEZE", True):
        gc.freeze()         # what the workers inherit: never walked by their collectors (nor copied for it)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)          # the kernel reaps the workers
    while True:
        try:
            message, fds, _, _ = socket.recv_fds(control, 16, 1)
        except OSError:
            return
        if not message or not fds:
            return
        if os.fork() == 0:
            code = 1
            try:
                control.close()
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                _serve(socket.socket(fileno=fds[0]), settings, [], [])
                code = 0
            finally:
                os._exit(code)
        os.close(fds[0])


# --- the crawl side ----------------------------------------------------------------------------

@dataclass(eq=False)
class Call:
    factory: Callable
    method: str
    args: tuple
    order: InOrder
    number: int
    alone: bool = False           # a call whose worker died: run again with nothing beside it


class Worker(Int32StringReceiver):
    """The crawl's end of one worker process's socket."""

    MAX_LENGTH = 1 << 30

    def __init__(self, pool: WorkerPool):
        self.pool = pool
        self.process = None
        self.calls: dict[int, Call] = {}      # sent, not answered
        self.serial = 0
        self.dead = False
        self.pid: int | None = None
        self.since: float | None = None       # when the call now running began (calls run in order)

    def send(self, call: Call) -> None:
        self.serial += 1
        if not self.calls:
            self.since = time.monotonic()
        self.calls[self.serial] = call
        self.sendString(pickle.dumps((self.serial, call.factory, call.method, call.args),
                                     protocol=pickle.HIGHEST_PROTOCOL))
        # Written now, not when the reactor next polls: a transport only buffers a write until
        # then, and the reactor's turn (the pipelines of the items answered in it) can outlast
        # the call the worker is running, which then waits for this one (measured: about 5 s of
        # each worker's 45 s on the throughput benchmark). doWrite is what the reactor calls on a
        # writable socket; on a full one it writes what fits and the reactor writes the rest, and
        # an error it returns is met again, and acted on, when the reactor calls it.
        self.transport.doWrite()

    def stringReceived(self, data: bytes) -> None:
        serial, ok, answer = pickle.loads(data)
        if serial == 0:                       # hello: the worker's pid; it starts on what it was sent now
            self.pid = pickle.loads(answer)
            if self.calls:
                self.since = time.monotonic()
            return
        call = self.calls.pop(serial, None)
        if call is None:                      # a call given up on (timed out)
            return
        self.since = time.monotonic() if self.calls else None
        try:
            outcome = pickle.loads(answer)
        except Exception as exc:           # e.g. an exception class that cannot be rebuilt here
            ok, outcome = False, RuntimeError(f"{call.method}(): the answer could not be read: {exc}")
        self.pool._answered(self, call, outcome if ok else Failure(outcome))

    def connectionLost(self, reason=None) -> None:
        if not self.dead:
            self.dead = True
            self.pool._died(self)


def roomy_socketpair() -> tuple[socket.socket, socket.socket]:
    """A socket pair whose ends buffer up to SOCKET_BUFFER bytes each way (as far as the kernel
    allows): the pages of the calls a worker holds fit in it."""
    pair = socket.socketpair()
    for end in pair:
        for option in (socket.SO_SNDBUF, socket.SO_RCVBUF):
            try:
                end.setsockopt(socket.SOL_SOCKET, option, SOCKET_BUFFER)
            except OSError:               # a platform without the option: its default buffers
                pass
    return pair


class WorkerPool:
    def __init__(self, workers: int, settings: BaseSettings | dict | None = None, start_method: str | None = None,
                 preload: list[str] | None = None, stats=None):
        settings = settings if isinstance(settings, BaseSettings) else Settings(settings or {})
        self.workers = workers
        self.per_worker = max(1, settings.getint("NEWSBOT_WORKER_CALLS", CALLS))
        self.stats = stats
        self._settings = portable_settings(settings)
        self._local = Components(settings) if workers == 0 else None
        self._start_method = start_method or None
        self._preload = PRELOAD if preload is None else preload
        self._orders: dict[tuple, InOrder] = {}
        self._queue: deque[Call] = deque()
        self._alive: list[Worker] = []
        self._template = None                 # (process, control socket) when workers fork from a template
        self._deaths_in_a_row = 0
        self.closed = False
        self.call_timeout = float(settings.get("NEWSBOT_CALL_TIMEOUT") or 0)
        self._watch = None

    @classmethod
    def from_settings(cls, settings: BaseSettings, stats=None) -> WorkerPool:
        return cls(worker_count(settings.get("NEWSBOT_WORKERS")), settings,
                   settings.get("NEWSBOT_WORKER_START_METHOD") or None, settings.getlist("NEWSBOT_WORKER_PRELOAD", PRELOAD),
                   stats=stats)

    def _check_timeouts(self) -> None:
        """A worker whose current call has run past NEWSBOT_CALL_TIMEOUT is killed; that call
        fails with WorkerTimeout (not run again: it would take as long), the others it held run
        again elsewhere."""
        now = time.monotonic()
        for worker in list(self._alive):
            if worker.dead or worker.since is None or not worker.calls or now - worker.since < self.call_timeout:
                continue
            if worker.pid is None:
                continue
            serial = min(worker.calls)
            call = worker.calls.pop(serial)
            if self.stats:
                self.stats.inc_value("newsbot/workers/timeout")
            logger.error("Worker pool: %s() ran longer than %g s (NEWSBOT_CALL_TIMEOUT); its worker is killed",
                         call.method, self.call_timeout)
            call.order.settle(call.number, Failure(WorkerTimeout(
                f"{call.method}() took longer than {self.call_timeout:g} s")))
            worker.since = None
            try:
                os.kill(worker.pid, signal.SIGKILL)
            except OSError:
                pass

    @classmethod
    def from_crawler(cls, crawler) -> WorkerPool:
        """The crawl's pool: one a crawler, shared by its spider and pipelines, closed when the
        engine stops."""
        pool = getattr(crawler, "_newsbot_workers", None)
        if pool is None:
            pool = crawler._newsbot_workers = cls.from_settings(crawler.settings)
            crawler.signals.connect(pool.close, signal=signals.engine_stopped)
            crawler.signals.connect(lambda: setattr(pool, "stats", crawler.stats), signal=signals.spider_opened,
                                    weak=False)
            pool.start()
        return pool

    def start(self) -> None:
        """Start the worker processes now rather than on the first call, so that they load what
        they need (Kiwi's model) while the crawl sets itself up; calls made meanwhile wait in the
        workers' sockets."""
        if self.workers and not self._alive and not self.closed:
            method = self._method_now()
            template = method == "fork" and not self._start_method
            logger.info("Worker pool: %d processes (%s)", self.workers, "forked from a template" if template else method)
            if template:
                self._start_template()
            for _ in range(self.workers):
                self._start_worker(method)
            if self.call_timeout > 0:
                from twisted.internet import task
                self._watch = task.LoopingCall(self._check_timeouts)
                self._watch.start(min(1.0, self.call_timeout / 4), now=False)

    def _start_template(self) -> None:
        """Fork the template the workers fork from (see _template)."""
        mine, theirs = socket.socketpair()
        process = multiprocessing.get_context("fork").Process(
            target=_template, args=(theirs, self._settings, self._preload, [mine.fileno()]), daemon=True,
            name="newsbot-worker-template")
        process.start()
        theirs.close()
        self._template = (process, mine)

    def _method_now(self) -> str:
        """The start method for a worker started now: fork while this process has one thread."""
        if self._start_method:
            return self._start_method
        methods = multiprocessing.get_all_start_methods()
        if sys.platform.startswith("linux") and "fork" in methods and threading.active_count() == 1:
            return "fork"
        return "forkserver" if "forkserver" in methods else "spawn"

    def _start_worker(self, method: str) -> None:
        """A worker whose socket the reactor reads and writes, its process started: forked by the
        template when there is one, else at once when forked, else in a thread (the first
        forkserver start waits for the server's imports)."""
        from twisted.internet import reactor
        mine, theirs = roomy_socketpair()
        worker = Worker(self)
        reactor.adoptStreamConnection(mine.fileno(), socket.AF_UNIX, _WorkerFactory(worker))
        mine.close()                     # the reactor holds its own copy
        self._alive.append(worker)
        if self._template is not None:
            try:
                socket.send_fds(self._template[1], [b"w"], [theirs.fileno()])
                theirs.close()
                return
            except OSError as exc:           # the template is gone: start workers another way
                logger.warning("Worker pool: the fork template is gone (%s); starting workers with forkserver", exc)
                self._template = None
                method = "forkserver"
        context = multiprocessing.get_context(method)
        if method == "forkserver":
            context.set_forkserver_preload(self._preload)
        inherited = [w.transport.fileno() for w in self._alive] if method == "fork" else []
        worker.process = context.Process(target=_serve, args=(theirs, self._settings, self._preload, inherited),
                                         daemon=True, name="newsbot-worker")

        def start():
            try:
                worker.process.start()
            except Exception as exc:
                logger.error("Worker pool: a worker process did not start: %s", exc)
                worker.transport.loseConnection()
            finally:
                theirs.close()
        if method == "fork":
            start()
        else:
            threading.Thread(target=start, name="newsbot-worker-start", daemon=True).start()

    # -- calls

    def call(self, factory: Callable, method: str, *args) -> Deferred:
        """Deferred result of ``factory(settings).method(*args)``, run in a worker."""
        order = self._orders.setdefault((factory, method), InOrder())
        number, d = order.take()
        if self._local is not None:
            try:
                outcome = self._local.run(factory, method, args)
            except Exception:
                outcome = Failure()
            order.settle(number, outcome)
        else:
            self._queue.append(Call(factory, method, args, order, number))
            self._dispatch()
        return d

    def _dispatch(self) -> None:
        while self._queue and not self.closed:
            call = self._queue[0]
            ready = [w for w in self._alive if not w.dead and not any(c.alone for c in w.calls.values())]
            if call.alone:
                ready = [w for w in ready if not w.calls]
            else:
                ready = [w for w in ready if len(w.calls) < self.per_worker]
            if not ready:
                return
            self._queue.popleft()
            min(ready, key=lambda w: len(w.calls)).send(call)

    def _answered(self, worker: Worker, call: Call, outcome) -> None:
        self._deaths_in_a_row = 0
        call.order.settle(call.number, outcome)
        self._dispatch()

    def _died(self, worker: Worker) -> None:
        """A worker's socket closed: it exited or was killed. Its calls run again, each alone;
        one that was already alone failed twice and is given up."""
        if worker in self._alive:
            self._alive.remove(worker)
        if self.closed:
            return
        held = list(worker.calls.values())
        worker.calls.clear()
        for call in reversed(held):
            if call.alone:
                if self.stats:
                    self.stats.inc_value("newsbot/workers/crashed")
                logger.error("Worker pool: %s.%s() killed its worker process twice; that call fails",
                             getattr(call.factory, "__qualname__", call.factory), call.method)
                call.order.settle(call.number, Failure(WorkerCrashed(f"the worker process died running {call.method}()")))
            else:
                call.alone = True
                self._queue.appendleft(call)
        self._deaths_in_a_row += 1
        if self._deaths_in_a_row > 2 * max(self.workers, 1) + 2:
            logger.error("Worker pool: worker processes keep dying without answering anything; "
                         "the remaining calls run in the crawl process")
            self._local = Components(Settings(self._settings))
            queued, self._queue = list(self._queue), deque()
            for call in queued:
                try:
                    outcome = self._local.run(call.factory, call.method, call.args)
                except Exception:
                    outcome = Failure()
                call.order.settle(call.number, outcome)
            return
        logger.warning("Worker pool: a worker process died (%s); starting another", held and held[0].method or "idle")
        self._start_worker(self._method_now())
        self._dispatch()

    def close(self) -> None:
        """Close the workers' sockets: each worker ends when it reads the end of its input."""
        self.closed = True
        if self._watch is not None and self._watch.running:
            self._watch.stop()
        for worker in list(self._alive):
            worker.dead = True
            if worker.transport is not None:
                try:
                    worker.transport.socket.shutdown(socket.SHUT_RDWR)     # the worker reads its end now
                except OSError:
                    pass
                worker.transport.loseConnection()
        for worker in list(self._alive):
            if worker.process is not None and worker.process.pid is not None:
                worker.process.join(timeout=5)
                if worker.process.is_alive():
                    worker.process.kill()
        self._alive.clear()
        if self._template is not None:
            process, control = self._template
            control.close()                      # the template ends when it reads the end of it
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
            self._template = None


class _WorkerFactory(Factory):
    def __init__(self, worker: Worker):
        self.worker = worker

    def buildProtocol(self, addr):
        return self.worker
