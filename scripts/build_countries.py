"""Build ``src/parley/data/countries.json`` from pycountry and countryinfo.

Run once when either source or the hand additions below change, and commit the output:
parley reads the JSON at run time and never needs countryinfo.  The hand additions are the
names news actually uses where the standards do not ("Russia", "UK", "Türkiye", "DRC"),
demonyms countryinfo lacks, and a few decisions about shared names.

    python scripts/build_countries.py            # writes the file
    python scripts/build_countries.py --check    # exits 1 if the committed file is stale
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import pycountry
from countryinfo import CountryInfo

from parley.actors.aliases import keys_of
from parley.actors.textkeys import plain

OUT = Path(__file__).resolve().parent.parent / "src" / "parley" / "data" / "countries.json"

# Short codes that news writes for a country; all other two- and three-letter codes are left
# out, since "CAN" or "ARE" in capitals are words before they are codes.
CODES_KEPT = {"US", "USA", "UK", "UAE", "DPRK", "DRC", "PRC", "ROK", "KSA", "RSA", "PNG"}

NAMES = {
    "CZE": "Czechia", "TUR": "Türkiye", "CIV": "Côte d'Ivoire", "SWZ": "Eswatini",
    "MKD": "North Macedonia", "CPV": "Cabo Verde", "TLS": "Timor-Leste", "VAT": "Holy See",
    "COG": "Republic of the Congo", "COD": "Democratic Republic of the Congo",
}  # fmt: skip

# Names that win any clash: the country listed here keeps the name.
ALIASES = {
    "USA": ["United States", "United States of America", "US", "U.S.", "USA", "U.S.A.", "America"],
    "GBR": ["United Kingdom", "UK", "U.K.", "Britain", "Great Britain", "England", "Scotland",
            "Wales", "Northern Ireland"],
    "RUS": ["Russia", "Russian Federation"],
    "IRN": ["Iran", "Islamic Republic of Iran"],
    "KOR": ["South Korea", "Republic of Korea", "ROK"],
    "PRK": ["North Korea", "DPRK", "Democratic People's Republic of Korea"],
    "SYR": ["Syria", "Syrian Arab Republic"],
    "VNM": ["Vietnam", "Viet Nam"],
    "LAO": ["Laos", "Lao PDR", "Lao People's Democratic Republic"],
    "BOL": ["Bolivia"], "VEN": ["Venezuela"], "TZA": ["Tanzania"], "MDA": ["Moldova"],
    "TUR": ["Türkiye", "Turkiye", "Turkey", "Republic of Türkiye"],
    "TWN": ["Taiwan"],
    "PSE": ["Palestine", "State of Palestine", "Palestinian territories", "Palestinian Authority",
            "Occupied Palestinian Territory"],
    "CZE": ["Czechia", "Czech Republic"],
    "ARE": ["UAE", "U.A.E.", "United Arab Emirates", "Emirates"],
    "CIV": ["Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"],
    "COD": ["DRC", "DR Congo", "D.R. Congo", "Congo", "Democratic Republic of the Congo",
            "Democratic Republic of Congo", "Congo-Kinshasa"],
    "COG": ["Republic of the Congo", "Republic of Congo", "Congo-Brazzaville", "Congo Republic"],
    "SOM": ["Somalia", "Somaliland", "Puntland", "Jubaland"],
    "NLD": ["Netherlands", "Holland"],
    "CHN": ["China", "PRC", "People's Republic of China", "mainland China"],
    "SAU": ["Saudi Arabia", "Kingdom of Saudi Arabia", "KSA"],
    "MMR": ["Myanmar", "Burma"],
    "MKD": ["North Macedonia", "Macedonia"],
    "SWZ": ["Eswatini", "Swaziland"],
    "CPV": ["Cape Verde", "Cabo Verde"],
    "TLS": ["East Timor", "Timor-Leste"],
    "VAT": ["Vatican", "Vatican City", "Holy See"],
    "FSM": ["Micronesia"], "BRN": ["Brunei"], "MAC": ["Macau", "Macao"],
    "HKG": ["Hong Kong"],
    "VCT": ["Saint Vincent and the Grenadines", "St Vincent and the Grenadines",
            "St. Vincent and the Grenadines", "Saint Vincent", "St Vincent"],
    "KNA": ["Saint Kitts and Nevis", "St Kitts and Nevis", "St. Kitts and Nevis"],
    "LCA": ["Saint Lucia", "St Lucia", "St. Lucia"],
    "KGZ": ["Kyrgyzstan", "Kyrgyz Republic"],
    "BIH": ["Bosnia", "Bosnia and Herzegovina", "Bosnia-Herzegovina"],
    "TTO": ["Trinidad", "Trinidad and Tobago"],
    "ZAF": ["South Africa", "RSA"],
    "PNG": ["Papua New Guinea", "PNG"],
    "GNB": ["Guinea-Bissau", "Guinea Bissau"],
    "UKR": ["Ukraine", "the Ukraine"],
    "BLR": ["Belarus", "Byelorussia"],
    "KAZ": ["Kazakhstan"], "TKM": ["Turkmenistan"], "UZB": ["Uzbekistan"],
}  # fmt: skip

# Names that belong to no country: shared, or a word first ("Korea" is two states, "Island"
# is Iceland only in Icelandic), or a demonym that countryinfo files as a name.
BLOCKED = {
    "Korea", "Korean", "Koreans", "Channel Islander", "Channel Islanders", "Island", "Mann",
    "Portuguesa", "Mexicanos", "Montenegrin", "Togolese", "Prathet", "Thai", "Lao", "Guiana",
    "Dominique", "Viti",
}

CAPITALS = {
    "KAZ": "Astana", "USA": "Washington, D.C.", "CIV": "Yamoussoukro", "LKA": "Colombo",
    "BOL": "Sucre", "MMR": "Naypyidaw", "PSE": "Ramallah", "NLD": "Amsterdam",
    "MAC": None, "HMD": None,
}  # fmt: skip

DEMONYMS = {
    "ARG": ["Argentine", "Argentinian"], "KAZ": ["Kazakh", "Kazakhstani"],
    "SAU": ["Saudi", "Saudi Arabian"], "NPL": ["Nepali", "Nepalese"],
    "PHL": ["Filipino", "Filipina", "Philippine"], "TUR": ["Turkish", "Turk"],
    "GBR": ["British", "Briton", "Brit", "English", "Scottish", "Welsh"],
    "USA": ["American", "U.S.", "US"], "GNQ": ["Equatorial Guinean", "Equatoguinean"],
    "BLR": ["Belarusian", "Belarussian", "Byelorussian"], "UZB": ["Uzbek", "Uzbekistani"],
    "TKM": ["Turkmen", "Turkmenistani"], "KGZ": ["Kyrgyz", "Kyrgyzstani"],
    "TJK": ["Tajik", "Tajikistani"], "LAO": ["Lao", "Laotian"], "AFG": ["Afghan"],
    "SOM": ["Somali", "Somalilander"], "COD": ["Congolese"], "ARE": ["Emirati"],
    "KOR": ["South Korean"], "PRK": ["North Korean"], "CHN": ["Chinese"],
    "TWN": ["Taiwanese"], "IRN": ["Iranian"], "GRC": ["Greek"], "NER": ["Nigerien"],
    "NGA": ["Nigerian"], "VCT": ["Vincentian"],
    "MMR": ["Myanmar", "Burmese"], "BGD": ["Bangladeshi"], "LKA": ["Sri Lankan"],
    "CZE": ["Czech"], "NLD": ["Dutch"], "ISR": ["Israeli"], "PSE": ["Palestinian"],
    "IND": ["Indian"], "FRA": ["French"], "NOR": ["Norwegian"], "DOM": ["Dominican"],
    "BIH": ["Bosnian"], "CIV": ["Ivorian"], "THA": ["Thai"], "JPN": ["Japanese"],
}  # fmt: skip

_NO_PLURAL_ENDINGS = ("ese", "sh", "ss", "x", "z", "ench", "utch")
_NO_PLURAL = {"Lao", "Myanmar", "Kyrgyz", "Turkmen", "Saudi Arabian"}


def plural(demonym: str) -> str | None:
    """The plural a demonym takes as a noun ("Russians"), or None where it takes none."""
    if demonym.endswith(_NO_PLURAL_ENDINGS) or demonym in _NO_PLURAL:
        return None
    if demonym.replace(".", "").isupper():
        return None
    return demonym + "s"


def usable(alias: str) -> bool:
    """Latin-script names without digits; codes only where news uses them."""
    text = plain(alias)
    if not text or not text.isascii() or any(ch.isdigit() for ch in text):
        return False
    if text.replace(".", "").isupper() and len(text.replace(".", "")) <= 4:
        return text.replace(".", "") in CODES_KEPT
    return True


def gather() -> list[dict]:
    """One record per ISO 3166-1 country, before clashes are settled."""
    records = []
    for country in pycountry.countries:
        code = country.alpha_3
        try:
            info = CountryInfo(code).info()
        except Exception:  # countryinfo lacks a few territories; pycountry is the authority
            info = {}
        names = [country.name, getattr(country, "official_name", None),
                 getattr(country, "common_name", None), info.get("name"),
                 *(info.get("altSpellings") or [])]  # fmt: skip
        aliases = [n for n in names if n and usable(n)] + ALIASES.get(code, [])
        demonyms = [d for d in [info.get("demonym")] if d] + DEMONYMS.get(code, [])
        demonyms += [p for p in map(plural, demonyms) if p]
        capital = CAPITALS[code] if code in CAPITALS else (info.get("capital") or None)
        records.append({
            "alpha3": code, "alpha2": country.alpha_2,
            "name": NAMES.get(code) or info.get("name") or getattr(country, "common_name", None)
            or country.name,
            "aliases": aliases, "demonyms": demonyms, "capital": capital,
            "population": int(info.get("population") or 0),
        })  # fmt: skip
    return records


def settle(records: list[dict], field: str, forced: dict[str, list[str]]) -> list[str]:
    """Give each shared key to one country: the hand list's, else the most populous."""
    owners: dict[str, set[str]] = defaultdict(set)
    for record in records:
        for alias in [record["name"]] * (field == "aliases") + record[field]:
            for key in sum(keys_of(alias), []):
                owners[key].add(record["alpha3"])
    forced_keys = {key: code for code, names in forced.items() for n in names for key in sum(keys_of(n), [])}
    blocked = {key for n in BLOCKED for key in sum(keys_of(n), [])}
    population = {r["alpha3"]: r["population"] for r in records}
    notes = []
    for record in records:
        kept = []
        for alias in record[field]:
            keys = sum(keys_of(alias), [])
            if any(k in blocked for k in keys) and alias not in forced.get(record["alpha3"], []):
                continue
            winners = {forced_keys.get(k) or max(owners[k], key=lambda c: population[c]) for k in keys}
            if winners == {record["alpha3"]}:
                kept.append(alias)
            else:
                notes.append(f"{field}: {alias!r} left to {sorted(winners)}, not {record['alpha3']}")
        record[field] = sorted(dict.fromkeys(a for a in kept if a != record["name"]), key=str.casefold)
    return notes


def settle_capitals(records: list[dict]) -> list[str]:
    """A capital name shared by two entries (Kingston) stays with the more populous."""
    best: dict[str, dict] = {}
    for record in records:
        capital = record["capital"]
        if capital and (capital not in best or record["population"] > best[capital]["population"]):
            best[capital] = record
    notes = []
    for record in records:
        if record["capital"] and best[record["capital"]] is not record:
            notes.append(f"capital: {record['capital']!r} left to {best[record['capital']]['alpha3']}")
            record["capital"] = None
    return notes


def build() -> tuple[str, list[str]]:
    records = gather()
    notes = settle(records, "aliases", ALIASES) + settle(records, "demonyms", DEMONYMS)
    notes += settle_capitals(records)
    for record in records:
        del record["population"]
    lines = [json.dumps(r, ensure_ascii=False) for r in sorted(records, key=lambda r: r["alpha3"])]
    return "[\n" + ",\n".join(lines) + "\n]\n", notes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the committed file differs")
    parser.add_argument("--verbose", action="store_true", help="list the clashes settled")
    args = parser.parse_args()
    text, notes = build()
    if args.verbose:
        print("\n".join(notes), file=sys.stderr)
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        return 0 if current == text else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({text.count(chr(10)) - 1} countries)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
