"""The JSON API under /api/: thin handlers over the query functions, no SQL here.

Each handler checks its parameters (FastAPI does, from the annotations), calls one query
function and converts records to the models in ``schemas``.  Empty query parameters
(``?type=&since=``, as an HTML form sends them) mean "no filter".
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.security import HTTPAuthorizationCredentials
from starlette.concurrency import run_in_threadpool

from ..pipeline import IngestSummary
from ..query import actor_profile
from ..query.overview import active_dyads, articles_of, dyad_view, recent_events
from ..query.search import find_event, page_events, search_events
from ..store import Store
from . import schemas as s
from .errors import READ_ERRORS, WRITE_ERRORS
from .security import app_settings, bearer, bearer_token, require_write
from .settings import Settings
from .uploads import JSONL_TYPES, TEXT_TYPES, Format, format_of, ingest_upload

CODE = r"^[A-Za-z][A-Za-z0-9]{1,7}$"
OPTIONAL_CODE = r"^(|[A-Za-z][A-Za-z0-9]{1,7})$"
OPTIONAL_TYPE = r"^(|[A-Za-z]{2,20})$"
OPTIONAL_DATE = r"^(|\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?)$"
EVENT_ID = r"^[A-Za-z0-9_.:-]{1,100}$"
ACTOR_ID = r"^[^/\x00-\x1f]{1,100}$"
NAME = r"^[A-Za-z0-9_.-]{1,100}$"

CodeParam = Annotated[str, Path(pattern=CODE, description="A country or organisation code (PAK, RUS, SCO).")]
OptionalCode = Annotated[str | None, Query(pattern=OPTIONAL_CODE)]
TypeParam = Annotated[str | None, Query(pattern=OPTIONAL_TYPE, description="A PLOVER type such as CONSULT.")]
DateParam = Annotated[str | None, Query(pattern=OPTIONAL_DATE, description="YYYY[-MM[-DD]]")]
SearchParam = Annotated[str | None, Query(max_length=200, description="Words that must all appear.")]
EventIdParam = Annotated[str, Path(pattern=EVENT_ID)]
CursorParam = Annotated[
    str | None,
    Query(max_length=600, pattern=r"^[A-Za-z0-9_-]*$", description="``next_cursor`` of the previous page."),
]

router = APIRouter(prefix="/api", responses=READ_ERRORS)


def get_store(request: Request) -> Store:
    """The app's store (opened on first use)."""
    store: Store = request.app.state.stores.get()
    return store


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(app_settings)]
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def blank_none(value: str | None, *, upper: bool = False) -> str | None:
    """None for a missing or empty parameter; codes and types upper-cased."""
    if value is None or not value.strip():
        return None
    return value.strip().upper() if upper else value.strip()


@router.get("/overview", response_model=s.OverviewOut, summary="What the home page shows")
def overview(store: StoreDep, settings: SettingsDep) -> s.OverviewOut:
    return s.OverviewOut(
        counts=store.counts(),
        recent=[s.event_out(i) for i in recent_events(store)],
        dyads=[s.DyadActivityOut.model_validate(d.to_dict()) for d in active_dyads(store)],
        writable=settings.writable,
    )


@router.get("/events", response_model=s.EventPageOut, summary="Events by pair, type, period and words")
def events(
    store: StoreDep,
    settings: SettingsDep,
    a: OptionalCode = None,
    b: OptionalCode = None,
    type: TypeParam = None,
    since: DateParam = None,
    until: DateParam = None,
    q: SearchParam = None,
    cursor: CursorParam = None,
    limit: Annotated[int | None, Query(ge=1, le=1000)] = None,
) -> s.EventPageOut:
    """Events in date order (undated last), a page at a time; follow ``next_cursor``.

    With ``a`` and ``b``: events whose parties include both; with only one: events it takes part in.
    """
    first, second = blank_none(a, upper=True), blank_none(b, upper=True)
    page = page_events(
        store,
        between=(first, second) if first and second else None,
        party=first or second if not (first and second) else None,
        type=blank_none(type, upper=True),
        since=blank_none(since),
        until=blank_none(until),
        query=blank_none(q),
        cursor=blank_none(cursor),
        limit=min(limit or settings.page_size, settings.max_page_size),
    )
    return s.EventPageOut(events=[s.event_out(i) for i in page.items], next_cursor=page.next_cursor)


def event_detail(store: Store, event_id: str) -> s.EventDetail:
    """An event with its explanation, corrections and (where readable) its articles."""
    item = find_event(store, event_id)
    if item is None:
        raise HTTPException(404, f"no stored event has the id {event_id!r}")
    found = articles_of(store, (m.article_id for m in item.mentions))
    articles = [
        s.ArticleOut(article_id=a.id, title=a.title, published=a.published, text=a.text) for a in found.values()
    ]
    return s.EventDetail(
        **s.event_fields(item),
        explanation=list(item.event.explanation),
        corrections=[s.correction_out(c) for c in store.corrections(item.event.id)],
        articles=articles,
    )


@router.get("/events/{event_id}", response_model=s.EventDetail, summary="One event with its evidence")
def event(store: StoreDep, event_id: EventIdParam) -> s.EventDetail:
    return event_detail(store, event_id)


@router.get("/dyads/{a}/{b}", response_model=s.DyadOut, summary="A pair's timeline, monthly index and topics")
def dyad(
    store: StoreDep, a: CodeParam, b: CodeParam, type: TypeParam = None, since: DateParam = None,
    until: DateParam = None,
) -> s.DyadOut:
    view = dyad_view(store, a.upper(), b.upper(), type=blank_none(type, upper=True),
                     since=blank_none(since), until=blank_none(until))
    return s.DyadOut(
        a=view.a,
        b=view.b,
        filters=s.DyadFilters(type=view.type, since=view.since, until=view.until),
        timeline=[s.event_out(e.item) for e in view.entries],
        index=s.IndexOut.model_validate(view.index.to_dict()),
        topics=s.TopicsOut.model_validate(view.topics.to_dict()),
    )


@router.get("/actors/{actor}", response_model=s.ActorOut, summary="A country's or a person's profile")
def actor(store: StoreDep, actor: Annotated[str, Path(pattern=ACTOR_ID)]) -> s.ActorOut:
    profile = actor_profile(store, actor.strip())
    if profile.events == 0:
        raise HTTPException(404, f"no stored event involves {actor.strip()!r}")
    return s.ActorOut.model_validate(profile.to_dict())


@router.get("/search", response_model=s.SearchOut, summary="Events whose text has every word")
def search(
    store: StoreDep, q: Annotated[str, Query(max_length=200)],
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> s.SearchOut:
    found = search_events(store, q, limit=limit)
    return s.SearchOut(q=q, count=len(found), events=[s.event_out(i) for i in found])


_ARTICLE_BODY = {
    "required": True,
    "content": {
        **{t: {"schema": {"type": "string"}} for t in sorted(TEXT_TYPES)},
        **{t: {"schema": {"type": "string"}} for t in sorted(JSONL_TYPES)},
    },
}


@router.post(
    "/articles",
    response_model=s.IngestOut,
    responses=WRITE_ERRORS,
    openapi_extra={"requestBody": _ARTICLE_BODY},
    summary="Ingest one plain-text article or JSONL lines (needs the token)",
)
async def articles(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    credentials: Credentials,
    name: Annotated[str, Query(pattern=NAME, description="The name to store a plain-text article under.")] = "upload",
) -> s.IngestOut:
    """Plain text may open with `` date YYYY-MM-DD CITY:``; JSONL lines follow the guideline."""
    require_write(settings, bearer_token(credentials))
    fmt = format_of(request.headers.get("content-type"))
    if fmt is None:
        raise HTTPException(415, "send text/plain (one article) or application/x-ndjson (JSONL lines)")
    data = await request.body()
    summary = await _run_ingest(request, data, fmt, name)
    return s.IngestOut(
        read=summary.read, added=summary.added, duplicates=summary.duplicates, events=summary.events,
        rejections=[s.RejectionOut.model_validate(r.to_dict()) for r in summary.rejections],
    )


async def _run_ingest(request: Request, data: bytes, fmt: Format, name: str) -> IngestSummary:
    """Ingest off the event loop: extraction is CPU work and the store is synchronous."""
    state = request.app.state
    return await run_in_threadpool(ingest_upload, get_store(request), state.write_lock, data, fmt=fmt, name=name)


@router.post(
    "/events/{event_id}/corrections",
    response_model=s.EventDetail,
    responses=WRITE_ERRORS,
    summary="Correct or reject an event (needs the token)",
)
def correct(
    store: StoreDep, settings: SettingsDep, credentials: Credentials, event_id: EventIdParam,
    body: s.CorrectionIn, request: Request,
) -> s.EventDetail:
    require_write(settings, bearer_token(credentials))
    if not callable(getattr(store, "correct", None)):
        raise HTTPException(501, "this store cannot record corrections yet")
    if find_event(store, event_id) is None:
        raise HTTPException(404, f"no stored event has the id {event_id!r}")
    with request.app.state.write_lock:
        corrected = store.correct(event_id, set=body.changes, reject=body.reject)
    return event_detail(store, corrected.event.id)
