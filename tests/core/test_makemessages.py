"""``manage.py makemessages`` collects the plain modules' no-op marker ``N_``."""

import shutil
import subprocess

from django.core.management import get_commands

from ratusz.core.management.commands.makemessages import Command


def test_our_makemessages_is_the_one_manage_py_runs():
    assert get_commands()["makemessages"] == "ratusz.core"


def test_xgettext_with_our_options_finds_n_marked_text(tmp_path):
    xgettext = shutil.which("xgettext")
    assert xgettext, "xgettext (GNU gettext) is needed: apt-get install gettext"
    source = tmp_path / "plain.py"
    source.write_text(
        'from ratusz.core.marks import N_\nERROR = N_("Plik jest pusty.")\nOTHER = "Nie to."\n',
        encoding="utf-8",
    )
    run = subprocess.run(
        [
            xgettext,
            *Command.xgettext_options,
            "--from-code=UTF-8",
            "-L",
            "Python",
            "-o",
            "-",
            str(source),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert 'msgid "Plik jest pusty."' in run.stdout
    assert "Nie to." not in run.stdout
