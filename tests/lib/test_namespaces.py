"""Values kept under namespaces that move: several read in one round trip, each current with
its own namespaces (chiso/lib/namespaces.py)."""

from django.core.cache import cache

from chiso.lib import namespaces


class Loads:
    """A loader that counts its calls (what a read from the database would be)."""

    def __init__(self, value):
        self.value, self.calls = value, 0

    def __call__(self):
        self.calls += 1
        return self.value


class CountingCache:
    """The real cache, with its round trips counted (a call made inside another, as the
    in-memory cache's get_many makes, is part of the same trip)."""

    def __init__(self, monkeypatch):
        self.trips, self.depth = 0, 0
        for name in ("get", "get_many", "set", "set_many", "add"):
            real = getattr(cache, name)
            monkeypatch.setattr(cache, name, self._counted(real))

    def _counted(self, real):
        def call(*args, **kwargs):
            self.trips += self.depth == 0
            self.depth += 1
            try:
                return real(*args, **kwargs)
            finally:
                self.depth -= 1

        return call


def test_values_once_kept_are_read_together_in_one_round_trip(monkeypatch):
    unit, campaign = Loads("unit"), Loads("campaign")
    entries = [(("units",), "u:1", unit, 60), (("campaigns",), "c:1", campaign, 60)]
    assert namespaces.cached_many(entries) == ["unit", "campaign"]
    counting = CountingCache(monkeypatch)
    assert namespaces.cached_many(entries) == ["unit", "campaign"]
    assert counting.trips == 1
    assert (unit.calls, campaign.calls) == (1, 1)


def test_a_moved_namespace_reloads_only_the_values_under_it():
    unit, campaign = Loads("unit"), Loads("campaign")
    entries = [(("units",), "u:1", unit, 60), (("campaigns",), "c:1", campaign, 60)]
    namespaces.cached_many(entries)
    namespaces.bump("campaigns")
    namespaces.cached_many(entries)
    assert (unit.calls, campaign.calls) == (1, 2)


def test_a_value_under_two_namespaces_is_reloaded_when_either_moves():
    both = Loads("identity")
    entry = (("units", "user:7"), "identity:7", both, 60)
    namespaces.cached_many([entry])
    namespaces.bump("user:7")
    namespaces.cached_many([entry])
    namespaces.bump("units")
    namespaces.cached_many([entry])
    assert both.calls == 3


def test_an_evicted_namespace_is_created_anew_and_its_values_reloaded():
    value = Loads("unit")
    entry = (("units",), "u:1", value, 60)
    namespaces.cached_many([entry])
    cache.delete("ns:units")
    namespaces.cached_many([entry])
    assert value.calls == 2
