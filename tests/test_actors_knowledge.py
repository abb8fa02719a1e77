"""Lookups over parley's actor knowledge, and the validator of its data files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from parley.actors.datafiles import DATA_DIR, FILES, read_records
from parley.actors.knowledge import Office, load_knowledge, validate_dictionaries
from parley.errors import ConfigError, DictionaryError


@pytest.fixture(scope="module")
def k():
    return load_knowledge()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Pakistan", "PAK"), ("Russia", "RUS"), ("Russian Federation", "RUS"),
        ("the United States", "USA"), ("US", "USA"), ("U.S.", "USA"), ("USA", "USA"),
        ("America", "USA"), ("UK", "GBR"), ("Britain", "GBR"), ("South Korea", "KOR"),
        ("North Korea", "PRK"), ("DPRK", "PRK"), ("Türkiye", "TUR"), ("Turkiye", "TUR"),
        ("Turkey", "TUR"), ("UAE", "ARE"), ("Iran", "IRN"), ("Syria", "SYR"), ("Vietnam", "VNM"),
        ("Laos", "LAO"), ("Taiwan", "TWN"), ("Palestine", "PSE"), ("Somaliland", "SOM"),
        ("Ivory Coast", "CIV"), ("Czechia", "CZE"), ("Holland", "NLD"), ("the Netherlands", "NLD"),
        ("DRC", "COD"), ("Congo", "COD"), ("Republic of the Congo", "COG"), ("Pakistan's", "PAK"),
        ("PAKISTAN", "PAK"), ("IRAN", "IRN"), ("Chad", "TCD"), ("Saint Vincent and the Grenadines", "VCT"),
        ("Dominica", "DMA"), ("Equatorial Guinea", "GNQ"),
    ],
)  # fmt: skip
def test_country_names(k, text, code):
    assert k.country(text) == code


@pytest.mark.parametrize("text", ["us", "Us", "May", "Will", "Korea", "Russian", "Moscow", "", "the"])
def test_country_refuses_words_and_other_kinds(k, text):
    assert k.country(text) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Russian", "RUS"), ("Pakistani", "PAK"), ("Chinese", "CHN"), ("South Korean", "KOR"),
        ("North Korean", "PRK"), ("Saudi", "SAU"), ("Emirati", "ARE"), ("Turkish", "TUR"),
        ("Greek", "GRC"), ("Iranian", "IRN"), ("British", "GBR"), ("American", "USA"), ("French", "FRA"),
        ("German", "DEU"), ("Kazakh", "KAZ"), ("Uzbek", "UZB"), ("Angolan", "AGO"), ("Filipino", "PHL"),
        ("Philippine", "PHL"), ("Nepali", "NPL"), ("Nepalese", "NPL"), ("Equatorial Guinean", "GNQ"),
        ("Somali", "SOM"), ("Guyanese", "GUY"), ("Argentine", "ARG"), ("Turkmen", "TKM"),
        ("Belarusian", "BLR"), ("Afghan", "AFG"), ("Russians", "RUS"), ("Pakistanis", "PAK"),
        ("Nigerien", "NER"), ("Nigerian", "NGA"), ("Indian", "IND"), ("Thai", "THA"),
    ],
)  # fmt: skip
def test_demonyms(k, text, code):
    assert k.demonym(text) == code


@pytest.mark.parametrize("text", ["Korean", "Koreans", "Russia", "Chineses"])
def test_demonym_unknown_or_ambiguous(k, text):
    assert k.demonym(text) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Moscow", "RUS"), ("the Kremlin", "RUS"), ("Kremlin", "RUS"), ("Islamabad", "PAK"),
        ("Beijing", "CHN"), ("Washington", "USA"), ("the White House", "USA"), ("Tehran", "IRN"),
        ("Riyadh", "SAU"), ("Ankara", "TUR"), ("Kyiv", "UKR"), ("Kiev", "UKR"), ("Paris", "FRA"),
        ("London", "GBR"), ("Downing Street", "GBR"), ("Elysee", "FRA"), ("Élysée", "FRA"),
        ("Tokyo", "JPN"), ("Seoul", "KOR"), ("Pyongyang", "PRK"), ("Manila", "PHL"),
        ("New Delhi", "IND"), ("Delhi", "IND"), ("Cairo", "EGY"), ("Abuja", "NGA"),
        ("Nairobi", "KEN"), ("Luanda", "AGO"), ("Astana", "KAZ"), ("Tashkent", "UZB"),
        ("Caracas", "VEN"), ("Georgetown", "GUY"), ("Brasilia", "BRA"), ("Ottawa", "CAN"),
        ("Mexico City", "MEX"), ("Warsaw", "POL"), ("Athens", "GRC"), ("Jakarta", "IDN"),
        ("Abu Dhabi", "ARE"), ("Buenos Aires", "ARG"), ("Santiago", "CHL"), ("Addis Ababa", "ETH"),
        ("Mogadishu", "SOM"), ("Niamey", "NER"), ("Kathmandu", "NPL"), ("Dhaka", "BGD"),
        ("Port Louis", "MUS"), ("Berlin", "DEU"), ("Rome", "ITA"), ("Damascus", "SYR"),
        ("Minsk", "BLR"), ("Kabul", "AFG"), ("Ashgabat", "TKM"), ("Brussels", "BEL"),
        ("Kingston", "JAM"), ("Zhongnanhai", "CHN"), ("Akorda", "KAZ"), ("Washington, D.C.", "USA"),
    ],
)  # fmt: skip
def test_seats(k, text, code):
    assert k.seat(text) == code


@pytest.mark.parametrize("text", ["Karachi", "Dubai", "Pakistan", "Putin"])
def test_seat_is_only_capitals_and_seats(k, text):
    assert k.seat(text) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Shanghai Cooperation Organization", "SCO"), ("Shanghai Cooperation Organisation", "SCO"),
        ("SCO", "SCO"), ("United Nations", "UN"), ("UN", "UN"), ("U.N.", "UN"),
        ("UN Security Council", "UN"), ("United Nations Security Council", "UN"),
        ("UN General Assembly", "UN"), ("European Union", "EU"), ("EU", "EU"),
        ("European Commission", "EU"), ("African Union", "AU"), ("AU", "AU"), ("ASEAN", "ASEAN"),
        ("BRICS", "BRICS"), ("NATO", "NATO"), ("Nato", "NATO"), ("G20", "G20"), ("G-20", "G20"),
        ("G7", "G7"), ("WTO", "WTO"), ("World Trade Organization", "WTO"), ("IMF", "IMF"),
        ("World Bank", "WB"), ("OPEC", "OPEC"), ("Arab League", "LAS"), ("GCC", "GCC"),
        ("ECOWAS", "ECOWAS"), ("OSCE", "OSCE"), ("CIS", "CIS"), ("EAEU", "EAEU"),
        ("Eurasian Economic Union", "EAEU"), ("CSTO", "CSTO"), ("OIC", "OIC"), ("SAARC", "SAARC"),
        ("Commonwealth", "COMMONWEALTH"), ("IAEA", "IAEA"), ("WHO", "WHO"), ("CARICOM", "CARICOM"),
        ("Caricom", "CARICOM"), ("CELAC", "CELAC"), ("Mercosur", "MERCOSUR"), ("APEC", "APEC"),
        ("Quad", "QUAD"), ("the Quad", "QUAD"),
    ],
)  # fmt: skip
def test_igos(k, text, code):
    assert k.igo(text) == code


@pytest.mark.parametrize("text", ["who", "Who", "un", "eu", "quad", "Pakistan"])
def test_igo_acronyms_are_case_sensitive(k, text):
    assert k.igo(text) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Ashgabat", "TKM"), ("Ashkhabad", "TKM"), ("Tianjin", "CHN"), ("Gwadar", "PAK"),
        ("Hiroshima", "JPN"), ("Karachi", "PAK"), ("Adana", "TUR"), ("Dubai", "ARE"),
        ("Islamabad", "PAK"), ("Gaziantep", "TUR"), ("Argyle", "VCT"), ("Kremlin", "RUS"),
        ("St. Petersburg", "RUS"), ("Saint Petersburg", "RUS"), ("Odessa", "UKR"), ("Bombay", "IND"),
        ("São Paulo", "BRA"), ("Sao Paulo", "BRA"), ("Balochistan", "PAK"), ("Crimea", "UKR"),
        ("Georgetown", "GUY"), ("Jordan", "JOR"),
    ],
)  # fmt: skip
def test_places(k, text, code):
    assert k.place(text) == code


@pytest.mark.parametrize(
    "text",
    [
        "May", "Will", "March", "Of", "Putin", "Sharif", "Second Thomas Shoal", "South China Sea",
        "Punjab", "Kashmir", "",
    ],
)
def test_non_places(k, text):
    assert k.place(text) is None


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Prime Minister", "Prime Minister"), ("PM", "Prime Minister"), ("premier", "Prime Minister"),
        ("President", "President"), ("Deputy Prime Minister", "Deputy Prime Minister"),
        ("Vice President", "Vice President"), ("Vice-President", "Vice President"),
        ("Foreign Minister", "Foreign Minister"), ("Minister of Foreign Affairs", "Foreign Minister"),
        ("Minister for Foreign Affairs", "Foreign Minister"), ("Foreign Affairs Minister", "Foreign Minister"),
        ("FM", "Foreign Minister"), ("External Affairs Minister", "Foreign Minister"),
        ("Secretary of Foreign Affairs", "Foreign Minister"), ("foreign secretary", "Foreign Secretary"),
        ("Secretary of State", "Secretary of State"), ("Defence Minister", "Defence Minister"),
        ("Defense Minister", "Defence Minister"), ("Ambassador", "Ambassador"), ("envoy", "Ambassador"),
        ("Chancellor", "Chancellor"), ("King", "King"), ("Emir", "Emir"), ("Crown Prince", "Crown Prince"),
        ("Sheikh", "Sheikh"), ("spokesperson", "Spokesperson"), ("spokesman", "Spokesperson"),
        ("spokeswoman", "Spokesperson"), ("Under Secretary", "Under Secretary"),
        ("Secretary-General", "Secretary-General"), ("Chairman", "Chairman"),
        ("Supreme Leader", "Supreme Leader"), ("Minister", "Minister"),
        ("Commerce Minister", "Commerce Minister"), ("Minister of Commerce", "Commerce Minister"),
        ("Minister for Trade and Commerce", "Trade Minister"), ("Deputy Minister of Energy", "Deputy Minister"),
        ("Minister of the Federal Capital Territory", "Minister"),
        ("Russian Ambassador to Pakistan", "Ambassador"), ("French ambassador", "Ambassador"),
        ("Pakistan's Prime Minister", "Prime Minister"), ("Prime Minister of Pakistan", "Prime Minister"),
        ("caretaker prime minister", "Prime Minister"), ("former President", "President"),
        ("ousted president", "President"), ("Acting Under Secretary for Political Affairs", "Under Secretary"),
        ("Foreign Ministry spokesperson", "Spokesperson"), ("Charge’ d’Affaires", "Chargé d'Affaires"),
        ("UN Secretary-General", "Secretary-General"), ("President of the European Commission", "Commission President"),
        ("Prime Minister of Saint Vincent and the Grenadines; Pro-Tempore President of Celac", "Prime Minister"),
    ],
)  # fmt: skip
def test_roles(k, text, role):
    assert k.role(text) == role


@pytest.mark.parametrize("text", ["Homeland Security Secretary", "Tuesday", "the", "Pakistan", "first lady"])
def test_unknown_roles(k, text):
    assert k.role(text) is None


@pytest.mark.parametrize(
    ("name", "on", "expected"),
    [
        ("Vladimir Putin", None, ("Vladimir Putin", "President", "RUS")),
        ("Putin", "2010", ("Vladimir Putin", "Prime Minister", "RUS")),
        ("Shehbaz Sharif", "2022-05", ("Shehbaz Sharif", "Prime Minister", "PAK")),
        ("Shehbaz Sharif", "2025", ("Shehbaz Sharif", "Prime Minister", "PAK")),
        ("Shahbaz Sharif", "2025-09-01", ("Shehbaz Sharif", "Prime Minister", "PAK")),
        ("Sharif", "2025-09-01", ("Shehbaz Sharif", "Prime Minister", "PAK")),
        ("Sharif", "2016", ("Nawaz Sharif", "Prime Minister", "PAK")),
        ("Kakar", "2023-10", ("Anwaar-ul-Haq Kakar", "Prime Minister", "PAK")),
        ("Anwaar ul Haq Kakar", "2023-10-05", ("Anwaar-ul-Haq Kakar", "Prime Minister", "PAK")),
        ("Xi Jinping", "2024", ("Xi Jinping", "President", "CHN")),
        ("Xi", None, ("Xi Jinping", "President", "CHN")),
        ("Recep Tayyip Erdogan", None, ("Recep Tayyip Erdoğan", "President", "TUR")),
        ("Erdoğan", "2020", ("Recep Tayyip Erdoğan", "President", "TUR")),
        ("Jokowi", "2023", ("Joko Widodo", "President", "IDN")),
        ("Joko Widodo", "2023", ("Joko Widodo", "President", "IDN")),
        ("MBZ", "2021", ("Mohamed bin Zayed Al Nahyan", "Crown Prince", "ARE")),
        ("Mohamed bin Zayed", "2023", ("Mohamed bin Zayed Al Nahyan", "President", "ARE")),
        ("Trump", "2023", ("Donald Trump", "President", "USA")),
        ("Donald Tusk", "2017", ("Donald Tusk", "Council President", "EU")),
        ("Donald Tusk", "2024", ("Donald Tusk", "Prime Minister", "POL")),
        ("President Vladimir Putin", "2024", ("Vladimir Putin", "President", "RUS")),
        ("Volodymyr Zelenskyi", "2023", ("Volodymyr Zelenskyy", "President", "UKR")),
        ("Teodoro Mbasogo", "2023", ("Teodoro Obiang Nguema Mbasogo", "President", "GNQ")),
        ("Ralph E Gonsalves", "2023", ("Ralph Gonsalves", "Prime Minister", "VCT")),
        ("Sheikh Hasina", "2023", ("Sheikh Hasina", "Prime Minister", "BGD")),
        ("Okonjo-Iweala", "2023", ("Ngozi Okonjo-Iweala", "Director-General", "WTO")),
    ],
)  # fmt: skip
def test_person_on_date(k, name, on, expected):
    office = k.person(name, on)
    assert office is not None
    assert (office.name, office.role, office.country) == expected


@pytest.mark.parametrize(
    ("name", "on"),
    [
        ("Sharif", "2019"),  # Nawaz out of office, Shehbaz not yet in: no telling them apart
        ("Rajapaksa", "2020"),  # Gotabaya and Mahinda both in office
        ("Japarov", "2023"),  # Sadyr and Akylbek both in office
        ("Shehbaz Sharif", "2020"),  # before any office he held
        ("May", "2018"),  # a month before it is Theresa May
        ("In", None),  # "Moon Jae In": a given name is no surname
        ("Kim", None),
        ("Chad", None),
        ("Nobody Atall", None),
    ],
)
def test_person_unknown_or_ambiguous(k, name, on):
    assert k.person(name, on) is None


def test_person_dates_may_be_timestamps_but_not_prose(k):
    assert k.person("Kakar", "2023-10-05T08:30:00+05:00").name == "Anwaar-ul-Haq Kakar"
    with pytest.raises(ConfigError):
        k.person("Kakar", "last October")


def test_person_returns_office_records(k):
    office = k.person("Anwaar-ul-Haq Kakar")
    assert office == Office("Anwaar-ul-Haq Kakar", "Prime Minister", "PAK", "2023-08-14", "2024-03-04")


@pytest.mark.parametrize(
    ("country", "role", "on", "names"),
    [
        ("PAK", "Prime Minister", "2023-10", ["Anwaar-ul-Haq Kakar"]),
        ("PAK", "Prime Minister", "2022-05-01", ["Shehbaz Sharif"]),
        ("PAK", "Prime Minister", "2024-03", ["Anwaar-ul-Haq Kakar", "Shehbaz Sharif"]),
        ("Pakistan", "PM", "2019", ["Imran Khan"]),
        ("UN", "Secretary-General", "2020", ["António Guterres"]),
        ("GBR", "Foreign Secretary", "2022-09-06", ["James Cleverly"]),
        ("USA", "Secretary of State", "2023-06-01", ["Antony Blinken"]),
        ("CHN", "Foreign Minister", "2023-05", ["Qin Gang"]),
        ("XXX", "President", "2023", []),
    ],
)
def test_holders(k, country, role, on, names):
    assert [o.name for o in k.holders(country, role, on)] == names


def test_every_country_name_and_capital_resolves_to_its_own_code(k):
    for record in read_records(DATA_DIR / "countries.json"):
        data = record.data
        assert k.country(data["name"]) == data["alpha3"], data["name"]
        if data["capital"]:
            assert k.seat(data["capital"]) == data["alpha3"], data["capital"]


def test_every_leader_resolves_by_full_name(k):
    for record in read_records(DATA_DIR / "leaders.jsonl"):
        data = record.data
        office = k.person(data["name"], data["start"])
        assert office is not None and office.name == data["name"], data["name"]


def test_shipped_dictionaries_are_valid():
    assert validate_dictionaries() == []


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    for name in FILES:
        shutil.copy(DATA_DIR / name, tmp_path / name)
    return tmp_path


def _append(path: Path, *records: dict) -> int:
    """Append JSON lines; the number of the first appended line."""
    first = len(path.read_text(encoding="utf-8").splitlines()) + 1
    with path.open("a", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record) + "\n")
    return first


def _leader(**fields) -> dict:
    record = {"name": "Ada Example", "aliases": [], "role": "President", "country": "PAK", "start": "2020", "end": None}
    record.update(fields)
    return record


@pytest.mark.parametrize(
    ("record", "complaint"),
    [
        (_leader(start="2021-05-01", end="2020-01-01"), "end 2020-01-01 is before start 2021-05-01"),
        (_leader(country="XYZ"), "unknown country code 'XYZ'"),
        (_leader(role="Grand Vizier"), "unknown role 'Grand Vizier'"),
        (_leader(name=None), "missing name"),
        (_leader(start="2021-02-30"), "start '2021-02-30' is not a date"),
        (_leader(name="Someone Else", aliases=["Vladimir Putin"]), "also names 'Vladimir Putin'"),
    ],
)
def test_validator_reports_bad_leader_lines(data_copy, record, complaint):
    line = _append(data_copy / "leaders.jsonl", record)
    problems = validate_dictionaries(data_copy)
    assert len(problems) == 1
    assert problems[0].startswith(f"leaders.jsonl line {line}: ")
    assert complaint in problems[0]


def test_validator_reports_broken_json_with_its_line(data_copy):
    path = data_copy / "leaders.jsonl"
    line = len(path.read_text(encoding="utf-8").splitlines()) + 1
    with path.open("a", encoding="utf-8") as out:
        out.write('{"name": "Broken",\n')
    problems = validate_dictionaries(data_copy)
    assert len(problems) == 1
    assert problems[0].startswith(f"leaders.jsonl line {line}: invalid JSON")


def test_validator_reports_array_files_by_line(data_copy):
    path = data_copy / "countries.json"
    records = read_records(path)
    records[1].data["alpha3"] = "QQQ"
    records[2].data["aliases"] = records[2].data["aliases"] + ["Pakistan"]
    path.write_text("[\n" + ",\n".join(json.dumps(r.data) for r in records) + "\n]\n", encoding="utf-8")
    pakistan_line = next(r.line for r in records if r.data["alpha3"] == "PAK")
    problems = validate_dictionaries(data_copy)
    assert problems == [
        "countries.json line 3: unknown ISO 3166-1 alpha-3 code 'QQQ'",
        f"countries.json line {pakistan_line}: duplicate alias 'Pakistan': maps to PAK here"
        f" and to {records[2].data['alpha3']} on line 4",
    ]


def test_load_knowledge_refuses_invalid_files(data_copy):
    _append(data_copy / "leaders.jsonl", _leader(country="XYZ"))
    with pytest.raises(DictionaryError, match=r"leaders\.jsonl line \d+"):
        load_knowledge(data_copy)
