"""The PLOVER taxonomy file: every type and mode, intensities, and the CAMEO crosswalk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parley.errors import ConfigError, DictionaryError
from parley.taxonomy import (
    DATA_FILE,
    cameo_code,
    cameo_quad,
    cameo_root,
    goldstein,
    intensity,
    is_consistent,
    load_taxonomy,
    quad_class,
    validate_taxonomy,
)

# PLOVER v2.0 modes as the annotation guideline allows them (facts restated for the test).
GUIDELINE_MODES = {
    "AGREE": set(), "SUPPORT": set(), "CONCEDE": set(), "COOPERATE": set(), "AID": set(),
    "CONSULT": {"visit", "third-party", "multilateral", "phone"},
    "RETREAT": {"withdraw", "release", "disarm", "ceasefire", "access", "resign"},
    "REQUEST": {"assist", "change", "yield", "meet"},
    "REJECT": {"assist", "change", "yield", "meet"},
    "ACCUSE": {"disapprove", "investigate", "allege"},
    "THREATEN": {"restrict", "arrest", "relations", "expel", "territory", "violence"},
    "PROTEST": {"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"},
    "SANCTION": {"convict", "expel", "withdraw", "discontinue"},
    "MOBILIZE": {"troops", "weapons", "police", "militia"},
    "COERCE": {"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport",
               "withhold", "misinformation", "cyber"},
    "ASSAULT": {"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive",
                "firearms", "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons",
                "crowd-control", "unconventional"},
}
COOPERATION = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}


def test_the_shipped_taxonomy_validates() -> None:
    assert validate_taxonomy() == []


def test_every_plover_type_is_present_with_exactly_the_guideline_modes() -> None:
    types = load_taxonomy().types
    assert set(types) == set(GUIDELINE_MODES)
    for name, modes in GUIDELINE_MODES.items():
        assert set(types[name].modes) == modes, name


@pytest.mark.parametrize(
    ("type_", "mode", "hint", "expected"),
    [
        ("AGREE", None, None, "030"),
        ("AGREE", None, "036", "036"),  # expressed intent to meet
        ("AGREE", None, "meet", "036"),  # the same, by hint name
        ("AGREE", None, "033", "033"),  # offer of aid
        ("AGREE", None, "112", "030"),  # a conflict code cannot stand for AGREE
        ("CONSULT", None, None, "040"),
        ("CONSULT", "phone", None, "041"),
        ("CONSULT", "visit", None, "042"),
        ("CONSULT", "visit", "040", "042"),  # a generic hint does not hide the mode
        ("CONSULT", "visit", "043", "043"),  # a hosted visit, as the rule knows
        ("CONSULT", "third-party", None, "044"),
        ("SUPPORT", None, "057", "057"),  # signing a formal agreement
        ("SUPPORT", None, "sign", "057"),
        ("SUPPORT", None, "praise", "051"),
        ("CONCEDE", None, None, "080"),
        ("COOPERATE", None, None, "060"),
        ("COOPERATE", None, "061", "061"),
        ("AID", None, "humanitarian", "073"),
        ("RETREAT", "ceasefire", None, "0871"),
        ("RETREAT", "release", "0841", "0841"),
        ("REQUEST", None, None, "020"),
        ("REQUEST", "meet", None, "026"),
        ("REQUEST", None, "demand", "100"),
        ("ACCUSE", None, None, "110"),
        ("ACCUSE", "allege", None, "112"),
        ("ACCUSE", "investigate", None, "090"),
        ("REJECT", "meet", None, "125"),
        ("THREATEN", "violence", None, "138"),
        ("PROTEST", "demo", None, "141"),
        ("SANCTION", "withdraw", None, "161"),
        ("SANCTION", "expel", None, "166"),
        ("SANCTION", "discontinue", "163", "163"),
        ("MOBILIZE", "troops", None, "154"),
        ("COERCE", "arrest", None, "173"),
        ("COERCE", "cyber", None, "176"),
        ("ASSAULT", None, None, "180"),
        ("ASSAULT", "aerial", None, "195"),
        ("ASSAULT", None, "190", "190"),
    ],
)
def test_crosswalk(type_: str, mode: str | None, hint: str | None, expected: str) -> None:
    assert cameo_code(type_, mode, hint) == expected


@pytest.mark.parametrize("type_", sorted(GUIDELINE_MODES))
def test_every_type_and_mode_has_a_code_of_its_own_roots_and_a_signed_intensity(type_: str) -> None:
    for mode in [None, *GUIDELINE_MODES[type_]]:
        code = cameo_code(type_, mode)
        assert is_consistent(type_, code)
        score = intensity(type_, mode)
        assert -10 <= score <= 10
        assert (score >= 0) == (type_ in COOPERATION), (type_, mode, score)
    assert quad_class(type_) in ((1, 2) if type_ in COOPERATION else (3, 4))


@pytest.mark.parametrize(
    ("type_", "mode", "expected"),
    [
        ("AGREE", None, 4.0),
        ("CONSULT", None, 1.0),
        ("CONSULT", "visit", 1.9),
        ("SUPPORT", None, 3.5),
        ("COOPERATE", None, 6.0),
        ("REJECT", "meet", -5.0),
        ("ASSAULT", "targeted", -10.0),
        ("ASSAULT", "not-a-mode", -9.0),  # an unknown mode falls back to the type
    ],
)
def test_intensity(type_: str, mode: str | None, expected: float) -> None:
    assert intensity(type_, mode) == expected


@pytest.mark.parametrize(
    ("code", "root", "weight", "quad"),
    [("057", "05", 8.0, 1), ("0871", "08", 9.0, 2), ("1123", "11", -2.0, 3), ("176", "17", -7.0, 4)],
)
def test_cameo_code_facts(code: str, root: str, weight: float, quad: int) -> None:
    assert (cameo_root(code), goldstein(code), cameo_quad(code)) == (root, weight, quad)


def test_an_unknown_type_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="not a PLOVER type"):
        intensity("HUG")


def test_every_event_pattern_cameo_code_fits_its_type() -> None:
    """The event coder's patterns name CAMEO codes; each must belong to its pattern's type."""
    patterns = json.loads((DATA_FILE.parent / "event_patterns.json").read_text())["patterns"]
    misfits = [p["name"] for p in patterns if p.get("cameo") and not is_consistent(p["type"], p["cameo"])]
    assert misfits == []


def _broken_copy(tmp_path: Path, edit) -> Path:
    data = json.loads(DATA_FILE.read_text())
    edit(data)
    path = tmp_path / "plover.json"
    path.write_text(json.dumps(data))
    return path


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (lambda d: d["types"].pop("ASSAULT"), "missing PLOVER type ASSAULT"),
        (lambda d: d["types"]["AGREE"].update(intensity=-3.0), "wrong sign"),
        (lambda d: d["types"]["ACCUSE"].update(intensity=-12.0), "outside -10..+10"),
        (lambda d: d["types"]["CONSULT"]["modes"]["visit"].update(cameo="049"), "not in cameo_codes"),
        (lambda d: d["types"]["SUPPORT"]["hints"].update(odd="111"), "outside the type's roots"),
    ],
)
def test_validation_names_the_problem(tmp_path: Path, edit, problem: str) -> None:
    path = _broken_copy(tmp_path, edit)
    problems = validate_taxonomy(path)
    assert any(problem in line for line in problems), problems
    with pytest.raises(DictionaryError):
        load_taxonomy(path)
