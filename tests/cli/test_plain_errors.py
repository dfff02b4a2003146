"""Errors a user can act on: the real cause first, the nearest valid key, the entity by name.

And input that would be silently adjusted is refused instead: `per_week` on an
email link, more squads than the scarcest skill allows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import Silo

ORG = """\
name = "typo"
weeks = 10
[[teams]]
name = "Brand"
skills = ["brand"]
members = ["Ann"]
[[teams]]
name = "Social"
{social}
[[demand.templates]]
name = "post"
tasks = [{{ name = "x", skill = "brand", effort = 5 }}]
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_misspelt_key_is_the_cause_shown_with_the_key_meant(silo: Silo, tmp_path: Path) -> None:
    # "skils" makes "skills" missing too: the misspelling is what the user must fix.
    path = _write(tmp_path, "org.toml", ORG.format(social='skils = ["social"]\nsize = 2'))
    proc = silo("validate", str(path))
    assert proc.returncode == 2
    (line,) = proc.stderr.splitlines()
    assert "teams.1.skils: unknown key; did you mean 'skills'?" in line
    assert "(team 2, 'Social')" in line


def test_a_setting_the_link_ignores_is_refused(silo: Silo, tmp_path: Path) -> None:
    text = ORG.format(social='skills = ["social"]\nsize = 2')
    text += '[[links]]\nkind = "email"\nper_week = 3\n'
    proc = silo("validate", str(_write(tmp_path, "org.toml", text)))
    assert proc.returncode == 2
    assert "per_week is for meeting and guild links, not email" in proc.stderr
    script = _write(
        tmp_path,
        "s.toml",
        '[[script]]\nweek = 1\ndo = [{ action = "add_link", kind = "chat", liaison = "Ann" }]\n',
    )
    proc = silo("run", "siloed-marketing", "--script", str(script), "--weeks", "3")
    assert proc.returncode == 2
    assert "liaison is for liaison links, not chat" in proc.stderr


@pytest.mark.parametrize(("squads", "ok"), [(4, True), (5, False)])
def test_more_squads_than_people_of_a_skill_is_refused(
    silo: Silo, tmp_path: Path, squads: int, ok: bool
) -> None:
    # siloed-marketing has four Email people: at most four squads of one per skill.
    script = _write(
        tmp_path,
        "s.toml",
        f'[[script]]\nweek = 1\ndo = [{{ action = "form_squads", squads = {squads} }}]\n',
    )
    proc = silo("run", "siloed-marketing", "--script", str(script), "--weeks", "3")
    if ok:
        assert proc.returncode == 0, proc.stderr
        return
    assert proc.returncode == 2
    assert "5 squads asked for, but there are only 4 email people" in proc.stderr
