"""Split a budget total into pools by weighted factors (plain Python, no Django).

The reference city splits its district money by area and population; Poznań uses
50 % population, 30 % area, 20 % the cost of qualified projects. A factor
``equal`` (every unit weighs 1) gives every district the same base part.

Rounding rule (documented, exact): each unit's share is computed as an exact
fraction, ``Σ_f share_f · value_f(unit) / Σ value_f``. Amounts are counted in
steps of ``step`` grosze (1 = grosz, 100 = whole złoty). Every unit first gets
the whole steps its exact amount contains (rounded down); the steps left over
go one each to the units with the largest remainders (Hamilton / largest
remainder method); among equal remainders the unit listed first wins. The
parts therefore always add up to the total exactly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from ratusz.budget.workflow import gettext_noop

Measure = (
    Decimal | Fraction | int | float | str
)  # a unit's value for one factor (from a form or JSON)

EQUAL = "equal"


class AllocationError(ValueError):
    def __init__(self, message: str, **params: object) -> None:
        self.message = message
        self.params = params
        super().__init__(message % params if params else message)


@dataclass(frozen=True)
class Part:
    key: str
    share: Fraction  # exact share of the total
    amount: Decimal  # rounded to the step, in złoty with grosze


def split(
    total: Decimal,
    units: Sequence[str],
    factors: Mapping[str, Decimal | Fraction | int | str],
    values: Mapping[str, Mapping[str, Decimal | int | float | str]],
    step: int = 1,
) -> list[Part]:
    """Split ``total`` (PLN) among ``units``.

    ``factors`` maps a factor name to its weight (weights need not sum to 1;
    they are normalised). ``values[factor][unit]`` is the unit's measure for
    that factor (population, km², …); factor ``equal`` needs no values.
    """
    if not units:
        raise AllocationError(gettext_noop("Brak pul do podziału."))
    if len(set(units)) != len(units):
        raise AllocationError(gettext_noop("Nazwy pul powtarzają się."))
    total_grosze = _to_grosze(total)
    if total_grosze < 0:
        raise AllocationError(gettext_noop("Kwota do podziału nie może być ujemna."))
    if step < 1 or total_grosze % step:
        raise AllocationError(
            gettext_noop("Kwota do podziału musi być wielokrotnością kroku zaokrąglenia.")
        )
    weights = {name: _fraction(w) for name, w in factors.items()}
    if any(w < 0 for w in weights.values()) or sum(weights.values()) <= 0:
        raise AllocationError(gettext_noop("Wagi czynników muszą być nieujemne i niezerowe."))
    weight_sum = sum(weights.values())
    shares = dict.fromkeys(units, Fraction(0))
    for name, weight in weights.items():
        if weight == 0:
            continue
        measures = _measures(name, units, values)
        measure_sum = sum(measures.values())
        for unit in units:
            shares[unit] += weight / weight_sum * measures[unit] / measure_sum
    steps_total = total_grosze // step
    exact = {unit: shares[unit] * steps_total for unit in units}
    floors = {unit: exact[unit].numerator // exact[unit].denominator for unit in units}
    left = steps_total - sum(floors.values())
    order = sorted(range(len(units)), key=lambda i: (-(exact[units[i]] - floors[units[i]]), i))
    for i in order[:left]:
        floors[units[i]] += 1
    return [Part(unit, shares[unit], _from_grosze(floors[unit] * step)) for unit in units]


def _measures(
    name: str, units: Sequence[str], values: Mapping[str, Mapping[str, Measure]]
) -> dict[str, Fraction]:
    if name == EQUAL:
        return dict.fromkeys(units, Fraction(1))
    column = values.get(name)
    if column is None:
        raise AllocationError(gettext_noop("Brak danych dla czynnika „%(factor)s”."), factor=name)
    measures: dict[str, Fraction] = {}
    for unit in units:
        if unit not in column or column[unit] is None:
            raise AllocationError(
                gettext_noop("Pula „%(unit)s” nie ma wartości czynnika „%(factor)s”."),
                unit=unit,
                factor=name,
            )
        measures[unit] = _fraction(column[unit])
        if measures[unit] < 0:
            raise AllocationError(
                gettext_noop("Wartość czynnika „%(factor)s” dla „%(unit)s” jest ujemna."),
                unit=unit,
                factor=name,
            )
    if sum(measures.values()) == 0:
        raise AllocationError(gettext_noop("Czynnik „%(factor)s” sumuje się do zera."), factor=name)
    return measures


def _fraction(value: Measure) -> Fraction:
    if isinstance(value, float):
        # Floats from a form or JSON: take their decimal spelling, not binary noise.
        value = repr(value)
    return Fraction(Decimal(value) if isinstance(value, str) else value)


def _to_grosze(amount: Decimal) -> int:
    grosze = Fraction(Decimal(amount)) * 100
    if grosze.denominator != 1:
        raise AllocationError(gettext_noop("Kwota musi być podana z dokładnością do grosza."))
    return int(grosze)


def _from_grosze(grosze: int) -> Decimal:
    return (Decimal(grosze) / 100).quantize(Decimal("0.01"))
