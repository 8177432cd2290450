"""The ballot form: personal statements plus one fieldset per pool, built from the edition."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ratusz.budget import ballots as spec_
from ratusz.budget.models import Edition, Pool
from ratusz.core.forms import HoneypotMixin
from ratusz.core.pesel import age_on, parse_pesel

from . import services


def _project_label(project):
    cost = f"{project.cost:,.0f}".replace(",", "\u00a0")
    return f"{project.number} {project.title} ({cost}\u00a0zł)".strip()


class PoolGroup:
    """What a template needs to draw one pool as a fieldset."""

    def __init__(self, form, pool, projects, spec, names):
        self.pool, self.projects, self.spec = pool, projects, spec
        self.fields = [form[n] for n in names]
        self.kind = spec.kind
        # For the short description and link under each choice (keys as the options').
        self.details = {str(p.pk): p for p in projects}

    @property
    def errors(self):
        return [e for f in self.fields for e in f.errors]

    def hint(self):
        s = self.spec
        if s.kind == spec_.CHOOSE_ONE:
            return _("Wybierz jeden projekt albo pomiń tę pulę.")
        if s.kind == spec_.RANKED:
            pts = "/".join(str(p) for p in s.ranked_points)
            return _(
                "Wskaż dokładnie %(n)s projekty w kolejności; miejsca dostają %(pts)s pkt."
            ) % {
                "n": len(s.ranked_points),
                "pts": pts,
            }
        if s.kind == spec_.CUMULATIVE:
            return _("Rozdziel najwyżej %(n)s pkt między projekty (liczby całkowite).") % {
                "n": s.points
            }
        if s.kind == spec_.KNAPSACK:
            return _("Wybierz projekty o łącznym koszcie nie większym niż pula.")
        # Never "od 1 do 3" for a pool of fewer projects: the limits as the pool makes them.
        count = len(s.projects)
        low = min(s.min_choices or 1, count)
        high = min(s.max_choices or count, count)
        if count == 1:
            return _("Jeden projekt w tej puli: zaznacz go, jeśli chcesz na niego głosować.")
        if low == high:
            return ngettext(
                "Wybierz %(n)s projekt z %(count)s.",
                "Liczba projektów do wybrania: %(n)s z %(count)s.",
                high,
            ) % {"n": high, "count": count}
        if low == 1:
            return ngettext(
                "Możesz wybrać jeden projekt z %(count)s.",
                "Możesz wybrać od jednego do %(n)s z %(count)s projektów.",
                high,
            ) % {"n": high, "count": count}
        return ngettext(
            "Wybierz od %(low)s do %(high)s projektu.",
            "Wybierz od %(low)s do %(high)s projektów.",
            high,
        ) % {"low": low, "high": high}


def district_choices(pools) -> list[tuple[int, str]]:
    """Districts that have a pool on the ballot, in the ballot's order (the first step)."""
    seen: dict[int, str] = {}
    for pool, _projects in pools:
        if pool.kind == Pool.Kind.DISTRICT and pool.district_id:
            seen.setdefault(pool.district_id, pool.district.name)
    return list(seen.items())


def chosen_districts(values, pools, limit) -> list[int] | None:
    """The districts picked in the first step (``?dzielnica=``), or None when the
    ballot has no district pools or none was picked yet. "0" = no district pool;
    at most ``limit`` districts (the edition's rule), unknown ids dropped."""
    known = {pk for pk, _name in district_choices(pools)}
    if not known or not values:
        return None
    picked: list[int] = []
    for value in values[:50]:  # bounded: a query string is anybody's input
        if value == "0":
            return []
        if value.isdigit() and int(value) in known and int(value) not in picked:
            picked.append(int(value))
    if not picked:
        return None
    return picked[: limit or len(picked)]


def resident_declaration(edition) -> str:
    """ "Oświadczam, że mieszkam w Tychach.": the identity's locative when the edition is
    its city's; an edition of another unit says "w mieście <name>", which needs no inflection."""
    from ratusz.core import city

    # the edition's own city (another city's edition says its own name)
    identity = city.current(edition.site if getattr(edition, "site_id", None) else None)
    if identity.city_locative and edition.city in ("", identity.city_name):
        return _("Oświadczam, że mieszkam %(in_city)s.") % {"in_city": identity.city_locative}
    return _("Oświadczam, że mieszkam w mieście %(city)s.") % {"city": edition.city}


class VoteForm(HoneypotMixin, forms.Form):
    name = forms.CharField(label=gettext_lazy("Imię i nazwisko"), max_length=200)
    pesel = forms.CharField(
        label=gettext_lazy("Numer PESEL"),
        max_length=11,
        help_text=gettext_lazy(
            "Samego numeru nie zapisujemy. Przechowujemy jego skrót obliczony z tajnym "
            "kluczem urzędu (HMAC-SHA256), żeby każdy mógł zagłosować tylko raz; urząd "
            "usuwa skrót z danymi głosujących po zakończeniu głosowania."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    # the label names the city: set in __init__ from the edition and the city identity
    resident = forms.BooleanField(label=gettext_lazy("Oświadczam, że mieszkam w tym mieście."))
    privacy = forms.BooleanField(
        label=gettext_lazy("Zapoznałem(-am) się z klauzulą informacyjną o przetwarzaniu danych.")
    )
    guardian = forms.BooleanField(
        label=gettext_lazy(
            "Jestem rodzicem lub opiekunem prawnym osoby niepełnoletniej i zgadzam się na jej udział w głosowaniu."
        ),
        required=False,
        help_text=gettext_lazy("Wymagane, gdy głosuje osoba poniżej wieku podanego w regulaminie."),
    )

    def __init__(self, *args, edition: Edition, districts=None, pools=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition
        self.rules = services.rules_of(edition)
        self.fields["resident"].label = resident_declaration(edition)
        if edition.address_required:
            self.fields["address"] = forms.CharField(label=_("Adres zamieszkania"), max_length=300)
        from ratusz.gis.models import District

        self.fields["district"] = forms.ModelChoiceField(
            District.objects.filter(site_id=edition.site_id),  # type: ignore[misc]  # the edition's city's
            label=_("Dzielnica zamieszkania"),
            required=self.rules.own_district_only,
            empty_label=_("— wybierz —"),
            help_text=_("Służy do statystyki frekwencji w dzielnicach."),
        )
        self.pools = services.ballot_pools(edition) if pools is None else pools
        # After the first step only the chosen districts' pools (and every citywide
        # and thematic one) are on the ballot; validation then knows only those.
        self.districts = districts
        if districts is not None:
            self.pools = [
                (pool, projects)
                for pool, projects in self.pools
                if pool.kind != Pool.Kind.DISTRICT
                or not pool.district_id
                or pool.district_id in districts
            ]
            if self.rules.own_district_only and len(districts) == 1:
                self.fields["district"].initial = districts[0]
        self.spec = services.ballot_spec(edition, self.pools)
        self.groups = []
        for (pool, projects), spec in zip(self.pools, self.spec.pools, strict=True):
            names = self._add_pool_fields(pool, projects, spec)
            self.groups.append(PoolGroup(self, pool, projects, spec, names))

    def _add_pool_fields(self, pool, projects, spec):
        key = f"pool_{pool.pk}"
        choices = [(str(p.pk), _project_label(p)) for p in projects]
        if spec.kind in (spec_.APPROVAL, spec_.KNAPSACK):
            self.fields[key] = forms.MultipleChoiceField(
                label=pool.name,
                choices=choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            return [key]
        if spec.kind == spec_.CHOOSE_ONE:
            self.fields[key] = forms.ChoiceField(
                label=pool.name,
                choices=[("", _("nie głosuję w tej puli")), *choices],
                required=False,
                widget=forms.RadioSelect,
            )
            return [key]
        names = []
        if spec.kind == spec_.RANKED:
            for i, pts in enumerate(spec.ranked_points, start=1):
                name = f"{key}_r{i}"
                self.fields[name] = forms.ChoiceField(
                    label=_("Miejsce %(i)s (%(pts)s pkt)") % {"i": i, "pts": pts},
                    choices=[("", _("— wybierz projekt —")), *choices],
                    required=False,
                )
                names.append(name)
            return names
        for p in projects:  # cumulative
            name = f"{key}_p{p.pk}"
            self.fields[name] = forms.IntegerField(
                label=_("Punkty: %(project)s") % {"project": _project_label(p)},
                required=False,
                min_value=0,
                max_value=spec.max_points_per_project or spec.points,
            )
            names.append(name)
        return names

    def clean(self):
        data = super().clean()
        person = self._person(data)
        choices = {}
        for group in self.groups:
            pool_id = group.spec.id
            names = [f.name for f in group.fields]
            if group.kind in (spec_.APPROVAL, spec_.KNAPSACK):
                chosen = data.get(names[0]) or []
            elif group.kind == spec_.CHOOSE_ONE:
                chosen = [data[names[0]]] if data.get(names[0]) else []
            elif group.kind == spec_.RANKED:
                chosen = [data[n] for n in names if data.get(n)]
            else:
                chosen = {n.rsplit("_p", 1)[1]: data[n] for n in names if data.get(n)}
            if chosen:
                choices[pool_id] = chosen
        district = data.get("district")
        try:
            self.ballot = spec_.validate(self.spec, choices, str(district.pk) if district else None)
        except spec_.InvalidBallot as exc:
            self.ballot = None
            by_pool = {g.spec.id: g for g in self.groups}
            for pool_id, messages in exc.errors.items():
                target = by_pool[pool_id].fields[0].name if pool_id in by_pool else None
                for message in messages:
                    self.add_error(target, message)
        self.person = person
        return data

    def _person(self, data):
        text = data.get("pesel")
        if not text:
            return None
        try:
            pesel = parse_pesel(text)
        except ValueError as exc:
            self.add_error("pesel", _(str(exc)))
            return None
        day = self.edition.age_day(timezone.localdate())
        age = age_on(pesel.birth_date, day)
        if age < self.edition.voter_min_age:
            self.add_error(
                "pesel",
                _("Głosować mogą osoby, które mają co najmniej %(n)s lat.")
                % {"n": self.edition.voter_min_age},
            )
            return None
        if age < self.edition.consent_below_age and not data.get("guardian"):
            self.add_error(
                "guardian",
                _(
                    "Osoba poniżej %(n)s lat głosuje za zgodą rodzica lub opiekuna: zaznacz oświadczenie."
                )
                % {"n": self.edition.consent_below_age},
            )
            return None
        district = data.get("district")
        return services.Person(
            pesel_number=pesel.number,
            birth_date=pesel.birth_date,
            name=data.get("name", ""),
            address=data.get("address", ""),
            district_id=district.pk if district else None,
            guardian_statement=bool(data.get("guardian")),
        )


class VerifyForm(forms.Form):
    number = forms.CharField(
        label=gettext_lazy("Numer karty"),
        max_length=40,
        help_text=gettext_lazy(
            "12 znaków z potwierdzenia oddania głosu, np. 7KQ2-M9XA-3HTR; wielkość liter, "
            "spacje i kreski nie mają znaczenia."
        ),
    )

    def clean_number(self):
        # As people type it: lower case, spaces, other dashes or none at all.
        raw = "".join(c for c in self.cleaned_data["number"].upper() if c.isalnum())
        if len(raw) != 12:
            raise forms.ValidationError(
                gettext_lazy("Numer karty ma 12 liter i cyfr (np. 7KQ2-M9XA-3HTR).")
            )
        return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"
