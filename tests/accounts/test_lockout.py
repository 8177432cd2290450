"""The lock-out policy on its own: no Django, a dict as the store."""

from ratusz.accounts.lockout import Lockout, Policy


class Store(dict):
    def set(self, key, value, timeout):
        self[key] = value

    def delete(self, key):
        self.pop(key, None)


class Clock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self):
        return self.now


def make(**policy):
    clock = Clock()
    return Lockout(Store(), Policy(**policy), clock), clock


def test_pair_locked_after_limit_and_freed_after_lock_time():
    lock, clock = make(account_limit=3, address_limit=100, window=600, lock_seconds=900)
    for _ in range(2):
        lock.failure("Anna", "10.0.0.1")
    assert lock.locked_for("anna", "10.0.0.1") == 0
    lock.failure("ANNA ", "10.0.0.1")  # same account and address, other case
    assert 890 < lock.locked_for("anna", "10.0.0.1") <= 901
    clock.now += 901
    assert lock.locked_for("anna", "10.0.0.1") == 0


def test_a_locked_pair_leaves_the_owner_on_another_address_free():
    lock, _ = make(account_limit=3, address_limit=100)
    for _ in range(10):
        lock.failure("anna", "10.0.0.1")
    assert lock.locked_for("anna", "10.0.0.1") > 0
    assert lock.locked_for("anna", "10.0.0.9") == 0


def test_old_failures_fall_out_of_the_window():
    lock, clock = make(account_limit=3, window=60)
    lock.failure("anna", "a")
    lock.failure("anna", "a")
    clock.now += 61
    lock.failure("anna", "a")
    assert lock.locked_for("anna", "a") == 0


def test_address_locked_across_user_names():
    lock, _ = make(account_limit=100, address_limit=4)
    for name in ["a", "b", "c", "d"]:
        lock.failure(name, "192.0.2.7")
    assert lock.locked_for("someone-else", "192.0.2.7") > 0
    assert lock.locked_for("someone-else", "192.0.2.8") == 0


def test_success_forgives_the_pair_only():
    lock, _ = make(account_limit=2, address_limit=4)
    lock.failure("anna", "x")
    lock.failure("bob", "x")
    lock.success("anna", "x")
    lock.failure("anna", "x")
    assert lock.locked_for("anna", "x") == 0  # pair count restarted
    lock.failure("zoe", "x")
    assert lock.locked_for("zoe", "x") > 0  # the address kept all four


def test_attempts_while_locked_do_not_extend_the_lock():
    lock, clock = make(account_limit=1, lock_seconds=100)
    lock.failure("anna", "")
    clock.now += 90
    lock.failure("anna", "")
    assert lock.locked_for("anna", "") <= 11
