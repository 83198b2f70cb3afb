"""Log-in throttling in the API process: failed attempts per client address, and a bounded gate for
password hashing.

* ``AddressThrottle`` counts failed log-ins per client address in a sliding window; past the limit the
  address gets ``429`` with ``Retry-After`` until its oldest failure leaves the window. It remembers at
  most ``max_addresses`` addresses (the least recently seen are forgotten), so memory stays bounded.
* ``HashGate`` runs password work (argon2: 64 MiB, ~0.1 s of CPU each, with its database look-ups) on its
  own small thread pool, never on the event loop nor on the pool that serves the other routes, with at
  most ``concurrency`` at once and at most ``queue`` callers waiting; one more gets ``HashGateBusy``
  (answered as 429) at once, before any thread is involved.

The per-account lockout lives in the database (``users.failed_logins``, ``users.locked_until``; see
:mod:`api.security`) so that it survives restarts and an admin can lift it.
"""

from __future__ import annotations

import asyncio
import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

R = TypeVar("R")


class AddressThrottle:
    """Failed log-ins per client address within ``window`` seconds; at most ``limit`` of them."""

    def __init__(
        self,
        limit: int,
        window: float,
        max_addresses: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit, self.window, self.max_addresses, self.clock = limit, window, max_addresses, clock
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def _recent(self, address: str, now: float) -> deque[float]:
        failures = self._failures.get(address)
        if failures is None:
            return deque()
        while failures and now - failures[0] >= self.window:
            failures.popleft()
        return failures

    def retry_after(self, address: str) -> int | None:
        """Seconds until ``address`` may try again, or None when it may try now."""
        if self.limit <= 0:
            return None
        with self._lock:
            now = self.clock()
            failures = self._recent(address, now)
            if len(failures) < self.limit:
                return None
            return max(1, math.ceil(self.window - (now - failures[0])))

    def failed(self, address: str) -> None:
        """Count one failed log-in from ``address``."""
        with self._lock:
            now = self.clock()
            failures = self._recent(address, now)
            failures.append(now)
            while len(failures) > max(self.limit, 1):
                failures.popleft()
            self._failures[address] = failures
            self._failures.move_to_end(address)
            while len(self._failures) > self.max_addresses:
                self._failures.popitem(last=False)

    def clear(self) -> None:
        """Forget every address (an admin's unlock of everything, or tests)."""
        with self._lock:
            self._failures.clear()


class HashGateBusy(Exception):
    """Every hashing slot is taken and the waiting line is full."""


class HashGate:
    """At most ``concurrency`` password hashes at once, off the event loop; ``queue`` more may wait."""

    def __init__(self, concurrency: int, queue: int) -> None:
        self.concurrency, self.queue = max(1, concurrency), max(0, queue)
        self._executor = ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="argon2")
        self._admitted = 0
        self._lock = threading.Lock()
        self.peak = 0  # most hashes admitted at once (running + waiting), for tests and figures

    async def run(self, function: Callable[..., R], *args: object) -> R:
        """``function(*args)`` on the hashing pool; ``HashGateBusy`` when the line is full."""
        with self._lock:
            if self._admitted >= self.concurrency + self.queue:
                raise HashGateBusy
            self._admitted += 1
            self.peak = max(self.peak, self._admitted)
        try:
            return await asyncio.get_running_loop().run_in_executor(self._executor, function, *args)
        finally:
            with self._lock:
                self._admitted -= 1

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
