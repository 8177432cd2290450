"""``python -m ratusz.budget tally FILE.pb``."""

import json
import subprocess
import sys

from ratusz.budget.__main__ import main

from .pb_files import directory


def test_tally_prints_selected_extra_and_rule(capsys):
    path = directory() / "Poland_Wroclaw_2016_Rejon_nr_13_250.pb"
    assert main(["tally", str(path)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["rule"] == "greedy-no-skip" and out["extra"] == []
    assert out["selected"] == ["233", "243", "237", "435"]


def test_explain_adds_the_steps(capsys):
    assert (
        main(
            [
                "tally",
                "--explain",
                str(directory() / "Poland_Poznan_2025_9_-_Stare_Miasto__large.pb"),
            ]
        )
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out["selected"] == ["RD-IX.2"] and out["extra"] == []
    step = next(s for s in out["steps"] if s["project"] == "RD-IX.5")
    assert step["action"] == "stopped" and "80" in step["reason"]


def test_unknown_rule_exits_2(tmp_path, capsys):
    text = (directory() / "Poland_Warszawa_2019_Sadul.pb").read_text(encoding="utf-8-sig")
    path = tmp_path / "x.pb"
    path.write_text(text.replace("rule;greedy", "rule;borda-count"), encoding="utf-8")
    assert main(["tally", str(path)]) == 2
    assert "Nieznana reguła liczenia: „borda-count”" in capsys.readouterr().err


def test_module_entry_point(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "ratusz.budget", "tally", str(tmp_path / "missing.pb")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2 and run.stderr.startswith("błąd:")
