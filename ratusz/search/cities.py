"""What a new city needs from search (ratusz.core.newcity): its own synonym
rules, starting from the shipped list, and its landing pages in the index."""

from ratusz.core.newcity import NewCity, Step


def shipped_rules() -> list[tuple[str, str]]:
    """(terms, expands_to) of the shipped rules (``synonyms.DEFAULT_RULES``)."""
    from .synonyms import DEFAULT_RULES

    rules = []
    for line in DEFAULT_RULES.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            terms, _arrow, expands_to = line.partition("=>")
            rules.append((terms.strip(), expands_to.strip()))
    return rules


def search(city: NewCity) -> None:
    from django.db import transaction

    from .models import SynonymRule
    from .tasks import index_city

    made = 0
    for terms, expands_to in shipped_rules():
        _rule, created = SynonymRule.objects.get_or_create(
            site=city.site, terms=terms, expands_to=expands_to
        )
        made += created
    site_id = city.site.pk
    transaction.on_commit(lambda: index_city.enqueue(site_id))
    city.say(
        f"wyszukiwarka: {made} reguł synonimów do zmiany w panelu "
        "(Fragmenty → Synonimy wyszukiwarki); działy serwisu trafią do indeksu w tle"
    )


STEPS = [Step(70, "wyszukiwarka", search)]
