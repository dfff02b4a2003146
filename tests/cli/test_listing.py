"""`silo scenarios`, `silo validate`, `silo schema`, `silo --version` and `--help`."""

from __future__ import annotations

import json

import pytest

from scenarios.catalog import entries

from .conftest import BROKEN, TINY, Silo, assert_one_line_error


def test_scenarios_lists_every_builtin_in_aligned_columns(silo: Silo) -> None:
    proc = silo("scenarios")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    header = lines[0]
    assert header.split() == ["name", "title", "difficulty", "weeks", "summary"]
    catalog = entries()
    assert len(lines) == 1 + len(catalog)
    for entry, line in zip(catalog, lines[1:], strict=True):
        assert line.startswith(entry.name)
        # Each column starts where its header does.
        assert line.index(entry.title) == header.index("title")
        assert line[header.index("difficulty") :].startswith(entry.difficulty)
        assert line[header.index("weeks") :].split()[0] == str(entry.weeks)
        assert line.endswith(entry.summary)


def test_validate_reports_counts_of_a_good_file(silo: Silo) -> None:
    proc = silo("validate", str(TINY))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == (
        f"OK {TINY}: scenario 'tiny', 2 teams, 4 people, 1 campaign template, 4 weeks"
    )


def test_validate_accepts_every_builtin_by_name(silo: Silo) -> None:
    for entry in entries():
        proc = silo("validate", entry.name)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.startswith(f"OK {entry.name}: scenario '{entry.name}'")


# Each broken file, with what its one error line must say: the key path (or,
# for files that are not TOML at all, what is wrong with the file).
BROKEN_FILES = {
    "bad-toml.toml": ["not valid TOML", "line 2"],
    "unknown-key.toml": ["colour", "unknown key"],
    "wrong-type.toml": ["weeks", "integer"],
    "missing-team.toml": ["links[0]", "'Ghost'", "does not exist"],
    "cyclic-tasks.toml": ["demand.templates.0", "cycle"],
    "negative-size.toml": ["teams.0.size", "greater than or equal to 0"],
    "absurd-size.toml": ["teams.0.size", "less than or equal to"],
    "empty.toml": ["empty"],
    "garbage.toml": ["not a text file"],
    "unknown-skill.toml": ["demand.templates[0]", "'legal'", "no team has"],
    "newer-schema.toml": ["schema_version 99", "newer"],
    "closed-team.toml": ["params.openness_local", "greater than 0"],
    "deep-nesting.toml": ["nested more than 100 levels deep"],
}


def test_every_broken_fixture_is_covered() -> None:
    assert sorted(p.name for p in BROKEN.glob("*.toml")) == sorted(BROKEN_FILES)


@pytest.mark.parametrize("name", sorted(BROKEN_FILES))
def test_validate_names_file_and_key_of_a_broken_scenario(silo: Silo, name: str) -> None:
    path = BROKEN / name
    assert_one_line_error(silo("validate", str(path)), str(path), *BROKEN_FILES[name])


@pytest.mark.parametrize(
    "name", ["unknown-key.toml", "garbage.toml", "cyclic-tasks.toml", "deep-nesting.toml"]
)
def test_run_refuses_a_broken_scenario_the_same_way(silo: Silo, name: str) -> None:
    path = BROKEN / name
    assert_one_line_error(silo("run", str(path)), str(path), *BROKEN_FILES[name])


def test_nesting_the_parser_survives_is_refused_at_the_same_bound(silo: Silo, tmp_path) -> None:
    # 150 levels parse without a RecursionError; the bound is the limit, not the stack.
    path = tmp_path / "deep.toml"
    path.write_text(f'name = "deep"\nbriefing = {"[" * 150}1{"]" * 150}\n')
    assert_one_line_error(silo("validate", str(path)), str(path), "more than 100 levels")


def test_validate_missing_file(silo: Silo, tmp_path) -> None:
    missing = tmp_path / "nope.toml"
    assert_one_line_error(silo("validate", str(missing)), str(missing), "no such file")


def test_schema_is_json_schema_with_descriptions(silo: Silo) -> None:
    proc = silo("schema")
    assert proc.returncode == 0, proc.stderr
    schema = json.loads(proc.stdout)
    assert schema["title"] == "Scenario"
    assert schema["additionalProperties"] is False
    props = schema["properties"]
    assert {"name", "teams", "links", "demand", "params", "script"} <= set(props)
    assert props["weeks"]["description"].startswith("Horizon")
    team = schema["$defs"]["Team"]["properties"]
    assert "Unique team name" in team["name"]["description"]
    # Most keys say what they are: that is what editors show.
    described = [p for p in team.values() if p.get("description")]
    assert len(described) >= len(team) - 1


def test_version_and_help(silo: Silo) -> None:
    version = silo("--version")
    assert version.returncode == 0
    assert version.stdout.strip() == "silo 0.1.0"
    helped = silo("--help")
    assert helped.returncode == 0
    for command in ("play", "scenarios", "run", "validate", "schema"):
        assert command in helped.stdout
