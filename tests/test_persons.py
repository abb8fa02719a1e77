"""Who an event names: people resolved from titles, lists and short names, and the rules that
decide which of them acted (guideline, "Actors" → persons).

Every sentence here is written for these tests; most people in them are invented, so that the
country or full name can only come from the text, not from the shipped dictionary.
"""

from __future__ import annotations

import pytest

from spacy.tokens import Span

from parley.actors.knowledge import load_knowledge
from parley.actors.mentions import find_actor_mentions
from parley.actors.people import as_written, read_title
from parley.ingest import parse_text_article
from parley.nlp import load_pipeline
from parley.pipeline import extract_one

PUBLISHED = "2025-09-02"  # a Tuesday


def extract(text: str):
    return extract_one(parse_text_article(f" date {PUBLISHED} LONDON: " + text, name="case"))


def surnames(names) -> set[str]:
    return {n.split()[-1] for n in names}


def find(events, type_: str, parties: set[str]):
    hits = [e for e in events if e.type == type_ and set(e.source) | set(e.target) == parties]
    assert hits, f"no {type_} {sorted(parties)} among {[(e.type, e.source, e.target, e.persons) for e in events]}"
    return hits[0]


# --- who a name is: country and full name from the words around it -----------------------

ENTITIES = [
    # (text, surname, country the text gives)
    ("President Ruto signed four deals with his Hungarian counterpart, Tomas Varga, during his visit to Austria.",
     "Varga", "HUN"),  # left apposition; the "visit to Austria" after the name says nothing about him
    ("The memorandum was signed by Lena Ostrova from the Bulgarian side and by Piet Janssen from the Dutch side.",
     "Ostrova", "BGR"),
    ("The memorandum was signed by Lena Ostrova from the Bulgarian side and by Piet Janssen from the Dutch side.",
     "Janssen", "NLD"),
    ("Kremlin spokesman Ivan Petrenko said Moscow would answer the new sanctions.", "Petrenko", "RUS"),
    ("White House adviser Carla Dunmore said the talks with Mexico had gone well.", "Dunmore", "USA"),
    ("Brazil welcomed the US Secretary of State Antony Blinken, Trade Representative Dana Whitcombe and other officials.",
     "Whitcombe", "USA"),  # listed with a US official: one delegation
]


@pytest.mark.parametrize("text,name,country", ENTITIES)
def test_country_from_the_text_around_a_name(text, name, country):
    people = {p.name.split()[-1]: p for p in extract(text).entities}
    assert name in people, sorted(people)
    assert people[name].country == country


def test_a_visit_after_the_name_is_not_the_persons_country(nlp, knowledge):
    doc = nlp("On Monday Tomas Varga, who was born in Austria, signed four deals.")
    start = next(t.i for t in doc if t.text == "Tomas")
    assert read_title(doc, start, start + 2, knowledge) == (None, None)


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="module")
def knowledge():
    return load_knowledge()


@pytest.mark.parametrize("text,country", [
    ("Danish Ambassador to Kenya Jens Holmgaard met officials.", "DNK"),
    ("Ambassador to Kenya Jens Holmgaard met officials.", None),  # where he serves, not whom he serves
    ("Envoy in Beijing Jens Holmgaard met officials.", None),
])
def test_post_abroad_is_not_the_envoys_country(nlp, knowledge, text, country):
    doc = nlp(text)
    start = next(t.i for t in doc if t.text == "Jens")
    assert read_title(doc, start, start + 2, knowledge)[1] == country


def test_honorific_opens_a_name_the_recogniser_took_for_an_organisation(nlp, knowledge):
    doc = nlp("The pact was signed by the Minister for Foreign Affairs Dr. Maren Ilse Tovik of Norway.")
    start = next(t.i for t in doc if t.text == "the")
    end = next(t.i for t in doc if t.text == "Tovik") + 1
    doc.ents = [Span(doc, start, end, label="ORG")]  # as the recogniser sometimes tags such a title and name
    people = [m.person.name for m in find_actor_mentions(doc, knowledge, on=None) if m.person is not None]
    assert people == ["Maren Ilse Tovik"]


@pytest.mark.parametrize("text,first,cut,name", [
    ("South Korean President Yoon Suk Yeol arrived in Tokyo.", "Yoon", 2, "Yoon Suk Yeol"),
    ("Shehbaz Sharif Visit Boosts Ties With Moscow", "Shehbaz", 2, "Shehbaz Sharif"),  # a headline's next word
])
def test_name_the_recogniser_cut_short_is_read_in_full(nlp, knowledge, text, first, cut, name):
    doc = nlp(text)
    start = next(t.i for t in doc if t.text == first)
    doc.ents = [Span(doc, start, start + cut, label="PERSON")]  # as the recogniser sometimes has it
    people = [m.person.name for m in find_actor_mentions(doc, knowledge, on=None) if m.person is not None]
    assert people[:1] == [name]


@pytest.mark.parametrize("text,person", [
    ("Iranian missiles struck two bases of the militant group Jaish al Nasr in Pakistan.", None),
    ("Iranian missiles struck two bases run by Jaish al Nasr in Pakistan.", "Jaish al Nasr"),  # nothing says otherwise
])
def test_organisation_introduced_by_its_kind_is_no_person(nlp, knowledge, text, person):
    names = [m.person.name for m in find_actor_mentions(nlp(text), knowledge, on=None) if m.person is not None]
    assert names == ([person] if person else [])


SHORT_NAMES = [
    # the full name introduced first, then a shorter form: (text, type, parties, surname expected in persons)
    ("Spanish Foreign Minister Lucia Moreno Vidal arrived in Rabat on Monday.\n\n"
     "Moreno praised Morocco as a reliable partner.", "SUPPORT", {"ESP", "MAR"}, "Vidal"),
    ("Chinese Foreign Ministry spokesman Zhou Weiming spoke in Beijing on Monday.\n\n"
     "Zhou criticised the United States over its new export controls.", "ACCUSE", {"CHN", "USA"}, "Weiming"),
]


@pytest.mark.parametrize("text,type_,parties,name", SHORT_NAMES)
def test_short_forms_of_a_name_resolve_to_the_person(text, type_, parties, name):
    event = find(extract(text).events, type_, parties)
    assert name in surnames(event.persons)


@pytest.mark.parametrize("text,word,person", [
    ("Chinese spokesman Zhou Weiming spoke on Monday. Later, Zhou criticised the sanctions.", "Zhou", "Zhou Weiming"),
    ("UAE President Mohamed bin Zayed Al Nahyan met Modi. Al Jazeera reported the talks.", "Al", None),
    ("UAE President Mohamed bin Zayed Al Nahyan met Modi. Zayed University hosted the talks.", "Zayed", None),
])
def test_a_single_word_of_a_name_stands_for_one_person_only(nlp, knowledge, text, word, person):
    doc = nlp(text)
    last = max(t.i for t in doc if t.text == word)
    found = [m.person.name for m in find_actor_mentions(doc, knowledge, on=None) if m.person and m.start == last]
    assert found == ([person] if person else [])


def test_a_word_two_people_share_resolves_to_neither(nlp, knowledge):
    doc = nlp("Foreign Minister Lucia Moreno Vidal and Ana Moreno Ruiz spoke. Moreno left early.")
    last = max(t.i for t in doc if t.text == "Moreno")
    found = {m.person.name for m in find_actor_mentions(doc, knowledge, on=None) if m.person and m.start == last}
    assert not found & {"Lucia Moreno Vidal", "Ana Moreno Ruiz"}


@pytest.mark.parametrize("text,title,holder", [
    ("Kazakh President Kassym-Jomart Tokayev spoke in Astana. Tokayev thanked President of Uzbekistan "
     "Shavkat Mirziyoyev for his support.", "President", None),  # the title of the name that follows
    ("Uzbek President Shavkat Mirziyoyev arrived. Kazakh President Kassym-Jomart Tokayev met him. "
     "The President of Uzbekistan praised the talks.", "President", "Shavkat Mirziyoyev"),
    ("Uzbek President Shavkat Mirziyoyev arrived. Kazakh President Kassym-Jomart Tokayev met him. "
     "The President praised the talks.", "President", "Kassym-Jomart Tokayev"),  # no state said: the last one
])
def test_bare_title_names_the_holder_of_that_states_office(nlp, knowledge, text, title, holder):
    doc = nlp(text)
    last = max(t.i for t in doc if t.text == title)
    found = [m.person.name for m in find_actor_mentions(doc, knowledge, on=None) if m.person and m.start == last]
    assert found == ([holder] if holder else [])


def test_dictionary_name_keeps_the_articles_spelling():
    assert as_written("Recep Tayyip Erdoğan", "Erdogan") == "Recep Tayyip Erdogan"
    assert as_written("Recep Tayyip Erdoğan", "Erdoğan") == "Recep Tayyip Erdoğan"
    assert as_written("Joe Biden", "Obama") == "Joe Biden"  # no shared surname: nothing to respell


# --- who acted: which people an event lists ------------------------------------------------

ACTORS = [
    # (text, type, parties, surnames the event must list exactly)
    # a two-sided act names both principals, even outside the trigger's clause
    ("Indian Prime Minister Narendra Modi thanked German Chancellor Olaf Scholz, "
     "saying he would be happy to visit Berlin next year.", "AGREE", {"IND", "DEU"}, {"Modi", "Scholz"}),
    # ... but one who only reports a signing is no party to it
    ("Pakistani Prime Minister Shehbaz Sharif said on Sunday that the first cargo bought under a deal signed "
     "between Islamabad and Moscow had reached Karachi.", "SUPPORT", {"PAK", "RUS"}, set()),
    # "the two countries" are the states: no one is named
    ("Greek Prime Minister Kyriakos Mitsotakis met Turkish President Recep Tayyip Erdogan in Athens on Thursday.\n\n"
     "Last year the two countries agreed to reopen their border crossings.", "AGREE", {"GRC", "TUR"}, set()),
    # "we" in a quotation is its speaker's side, and the speaker acts
    ("“We will keep the ban on Ukrainian grain in place,” said Polish Prime Minister Mateusz Morawiecki.",
     "SANCTION", {"POL", "UKR"}, {"Morawiecki"}),
    ("Brazilian President Luiz Inácio Lula da Silva met Canadian Prime Minister Justin Trudeau in Hiroshima.\n\n"
     "“We are going to work together on climate.\n\nI think trade can double”, stated Lula.",
     "AGREE", {"BRA", "CAN"}, {"Silva"}),
    # a body or an unnamed official acts, not the person the pronoun points to
    ("Somali Prime Minister Hamza Abdi Bare spoke in Mogadishu on Tuesday.\n\n"
     "His government said it rejected the port deal with Ethiopia.", "REJECT", {"SOM", "ETH"}, set()),
    ("“Our foreign secretary summoned the Chinese ambassador today,” Philippine President Ferdinand Marcos Jr. "
     "told reporters.", "ACCUSE", {"PHL", "CHN"}, set()),
    # the one named as having announced what the sentence before reports
    ("Ghana has recalled its ambassador from Togo.\n\nGhanaian Foreign Minister Kofi Asante Mensah made the "
     "announcement at a briefing in Accra.", "SANCTION", {"GHA", "TGO"}, {"Mensah"}),
    # "Polish and Czech leaders": the heads of government the article names next
    ("Polish and Czech leaders held talks in Prague on Friday.\n\nPolish Prime Minister Donald Tusk and Czech "
     "Prime Minister Petr Fiala signed a declaration on rail links.", "CONSULT", {"POL", "CZE"}, {"Tusk", "Fiala"}),
]


@pytest.mark.parametrize("text,type_,parties,expected", ACTORS)
def test_persons_of_an_event(text, type_, parties, expected):
    event = find(extract(text).events, type_, parties)
    assert surnames(event.persons) == expected


# --- one act, one event ----------------------------------------------------------------------

def test_summons_and_allegation_stay_two_acts():
    text = ("Manila summoned the Chinese ambassador on Monday.\n\n"
            "The Philippines accused China of using water cannon against its supply boats.")
    accusations = [e for e in extract(text).events if e.type == "ACCUSE"]
    assert sorted(e.mode for e in accusations) == ["allege", "disapprove"]


def test_talks_after_a_dated_signing_take_its_date():
    text = ("A memorandum was signed between Norway and Chile on 3 March 2025 in Oslo.\n\n"
            "Following the signing, Norwegian Foreign Minister Espen Barth Eide and Chilean Foreign Minister "
            "Alberto van Klaveren held talks on trade.")
    talks = find(extract(text).events, "CONSULT", {"NOR", "CHL"})
    assert talks.date == "2025-03-03"


# --- where a statement was made --------------------------------------------------------------

PLACES = [
    # (text, dateline, type, parties, location): a statement made at a meeting is placed there
    ("Kenya wants to double its tea exports to Egypt, President William Ruto said on Monday, as he met "
     "Egyptian President Abdel Fattah el-Sisi in Cairo.", "NAIROBI", "AGREE", {"KEN", "EGY"}, "Cairo"),
    ("Kenyan President William Ruto stressed the need for direct flights between Kenya and Egypt.\n\n"
     "His remarks came during a meeting with Egyptian President Abdel Fattah el-Sisi in Cairo.",
     "LONDON", "AGREE", {"KEN", "EGY"}, "Cairo"),
    ("Kenya wants to double its tea exports to Egypt, President William Ruto said on Monday.", "NAIROBI",
     "AGREE", {"KEN", "EGY"}, "NAIROBI"),  # no meeting: the dateline stands
]


@pytest.mark.parametrize("text,dateline,type_,parties,location", PLACES)
def test_statement_at_a_meeting_takes_its_place(text, dateline, type_, parties, location):
    article = parse_text_article(f" date {PUBLISHED} {dateline}: " + text, name="case")
    event = find(extract_one(article).events, type_, parties)
    assert (event.location or "").casefold() == location.casefold()
