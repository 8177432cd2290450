"""Lock-out after repeated failed logins, per (account, address) pair and per address.

A lock per account alone let anyone keep an official locked out from one
address (five wrong passwords every 15 minutes); the pair lock stops the
guessing address while the owner elsewhere still signs in, and the address
lock stops one address trying many accounts.

Plain Python: ``store`` is anything with ``get(key)``, ``set(key, value,
timeout)`` and ``delete(key)`` — a database table in the portal (so the
counters survive a Redis outage and every worker sees them), a dict wrapper
in tests.
"""

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol


class Store(Protocol):
    def get(self, key: str) -> Any: ...
    def set(self, key: str, value: Any, timeout: int) -> Any: ...
    def delete(self, key: str) -> Any: ...


@dataclass(frozen=True)
class Policy:
    account_limit: int = 5  # failures for one user name from one address
    address_limit: int = 20  # failures from one address (many user names)
    window: int = 15 * 60  # failures older than this are forgotten
    lock_seconds: int = 15 * 60


def _key(kind: str, *values: str) -> str:
    text = "\x00".join(v.strip().lower() for v in values)
    digest = hashlib.sha256(text.encode()).hexdigest()[:32]
    return f"lockout:{kind}:{digest}"


class Lockout:
    def __init__(
        self, store: Store, policy: Policy = Policy(), clock: Callable[[], float] = time.time
    ) -> None:
        self.store = store
        self.policy = policy
        self.clock = clock

    def _targets(self, username: str | None, address: str | None) -> list[tuple[str, int]]:
        targets = []
        if username:
            targets.append((_key("pair", username, address or ""), self.policy.account_limit))
        if address:
            targets.append((_key("addr", address), self.policy.address_limit))
        return targets

    def locked_for(self, username: str | None, address: str | None) -> int:
        """Seconds until this account may try again from this address; 0 when free."""
        now = self.clock()
        remaining = 0
        for key, _limit in self._targets(username, address):
            record = self.store.get(key) or {}
            until = record.get("until", 0)
            if until > now:
                remaining = max(remaining, int(until - now) + 1)
        return remaining

    def failure(self, username: str | None, address: str | None) -> None:
        now = self.clock()
        ttl = self.policy.window + self.policy.lock_seconds
        for key, limit in self._targets(username, address):
            record = self.store.get(key) or {}
            if record.get("until", 0) > now:
                continue  # already locked: attempts while locked do not extend it
            times = [t for t in record.get("times", []) if now - t < self.policy.window]
            times.append(now)
            record = {"times": times}
            if len(times) >= limit:
                record = {"times": [], "until": now + self.policy.lock_seconds}
            self.store.set(key, record, ttl)

    def success(self, username: str | None, address: str | None = "") -> None:
        # Only the pair is forgiven: a shared address keeps its count.
        if username:
            self.store.delete(_key("pair", username, address or ""))
