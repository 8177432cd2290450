"""Text of an import report, shared by the command and the admin view."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def report_lines(report):
    prefix = _("Próba (nic nie zapisano): ") if report.dry_run else ""
    lines = [
        prefix
        + _("Wykaz %(period)s, stan na %(date)s: %(rows)d wierszy danych.")
        % {
            "period": report.period,
            "date": report.snapshot_date or _("nieznany"),
            "rows": report.data_rows,
        },
        _("Nowe projekty: %(n)d, zaktualizowane: %(u)d, bez zmian: %(s)d.")
        % {"n": len(report.created), "u": len(report.updated), "s": len(report.unchanged)},
        ngettext(
            "Pominięto %(n)d wiersz innych beneficjentów.",
            "Pominięto %(n)d wierszy innych beneficjentów.",
            report.other_beneficiaries,
        )
        % {"n": report.other_beneficiaries},
    ]
    lines += [_("Nowy: %s") % label for label in report.created]
    lines += [_("Zmieniony: %s") % label for label in report.updated]
    lines += [
        _("Pominięty wiersz %(row)d: %(why)s") % {"row": r, "why": w} for r, w in report.skipped
    ]
    if report.nearby:
        lines.append(
            _(
                "W tej gminie projekty mają też inni beneficjenci — jeśli to jednostki miasta, "
                "dodaj je do beneficjentów miasta i wczytaj plik ponownie: %(names)s."
            )
            % {"names": "; ".join(f"{name} ({count})" for name, count in report.nearby)}
        )
    return lines
