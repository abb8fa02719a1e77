"""The HTML pages, each the twin of a JSON endpoint and built from the same query calls.

``/`` ↔ ``/api/overview``, ``/search`` ↔ ``/api/search``, ``/dyad/A/B`` ↔ ``/api/dyads/A/B``,
``/events/ID`` ↔ ``/api/events/ID``, ``/actors/X`` ↔ ``/api/actors/X``.  Pages need no
JavaScript: filters are GET forms, uploads a multipart POST carrying the token.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from ..query import actor_profile
from ..query.overview import active_dyads, dyad_view, recent_events
from ..query.search import search_events
from ..query.timeline import timeline_page
from ..report import build_dossier, render_html
from ..report.dossier import country_name
from ..taxonomy import TYPE_ORDER
from ..api import routes
from ..api import schemas as s
from ..api.security import require_write
from ..api.settings import Settings
from ..api.uploads import format_of_file, ingest_upload, safe_name
from .highlight import evidence_span, highlight
from .render import chart_markup, render_page

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

CodeParam = Annotated[str, Path(pattern=routes.CODE)]


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _page(request: Request, name: str, *, status: int = 200, **context: object) -> HTMLResponse:
    context.setdefault("writable", _settings(request).writable)
    return HTMLResponse(render_page(name, **context), status_code=status)


def _twin(path: str, **params: str | None) -> str:
    kept = {k: v for k, v in params.items() if v}
    return path + ("?" + urlencode(kept) if kept else "")


@router.get("/")
def home(request: Request) -> HTMLResponse:
    store = routes.get_store(request)
    recent = [s.event_out(i) for i in recent_events(store)]
    return _page(request, "home.html", counts=store.counts(), recent=recent, dyads=active_dyads(store),
                 json_url="/api/overview")


@router.get("/search")
def search(request: Request, q: Annotated[str, Query(max_length=200)] = "") -> HTMLResponse:
    found = search_events(routes.get_store(request), q) if q.strip() else []
    return _page(request, "search.html", q=q, events=[s.event_out(i) for i in found],
                 json_url=_twin("/api/search", q=q) if q.strip() else None)


@router.get("/dyad/{a}/{b}")
def dyad(
    request: Request, a: CodeParam, b: CodeParam,
    type: routes.TypeParam = None, since: routes.DateParam = None, until: routes.DateParam = None,
    cursor: routes.CursorParam = None,
) -> HTMLResponse:
    """The chart and topics cover every matching event; the timeline below shows one page."""
    a, b = a.upper(), b.upper()
    store = routes.get_store(request)
    view = dyad_view(store, a, b, type=routes.blank_none(type, upper=True),
                     since=routes.blank_none(since), until=routes.blank_none(until))
    filters = {"type": view.type, "since": view.since, "until": view.until}
    page = timeline_page(store, a, b, limit=_settings(request).page_size, cursor=routes.blank_none(cursor),
                         filters=filters)
    more = _twin(f"/dyad/{quote(a)}/{quote(b)}", **filters, cursor=page.next_cursor) if page.next_cursor else None
    return _page(
        request, "dyad.html", view=view, rows=[s.event_out(e.item) for e in page.entries], next_url=more,
        first_url=_twin(f"/dyad/{quote(a)}/{quote(b)}", **filters) if cursor else None,
        chart=chart_markup(view.index), types=TYPE_ORDER, a_name=country_name(a), b_name=country_name(b),
        json_url=_twin(f"/api/dyads/{quote(a)}/{quote(b)}", type=view.type, since=view.since, until=view.until),
    )


@router.get("/dyad/{a}/{b}/dossier")
def dossier(request: Request, a: CodeParam, b: CodeParam) -> HTMLResponse:
    """The self-contained dossier of ``parley report``, served as it would be written."""
    return HTMLResponse(render_html(build_dossier(routes.get_store(request), a.upper(), b.upper())))


@router.get("/events/{event_id}")
def event(request: Request, event_id: Annotated[str, Path(pattern=routes.EVENT_ID)]) -> HTMLResponse:
    detail = routes.event_detail(routes.get_store(request), event_id)
    texts = {a.article_id: a.text for a in detail.articles}
    sources = []
    for mention in detail.mentions:
        text = texts.get(mention.article_id)
        span = evidence_span(text, mention) if text is not None else None
        pieces = highlight(text, [span]) if text is not None and span is not None else None
        sources.append({"mention": mention, "pieces": pieces})
    return _page(request, "event.html", row=detail, sources=sources, corrections=detail.corrections,
                 explanation=detail.explanation, json_url=f"/api/events/{quote(detail.id)}")


@router.get("/actors/{actor}")
def actor(request: Request, actor: Annotated[str, Path(pattern=routes.ACTOR_ID)]) -> HTMLResponse:
    profile = actor_profile(routes.get_store(request), actor.strip())
    if profile.events == 0:
        raise HTTPException(404, f"no stored event involves {actor.strip()!r}")
    own = profile.actor if profile.kind == "country" else None
    return _page(request, "actor.html", profile=profile, own=own, json_url=f"/api/actors/{quote(actor)}")


@router.get("/articles/new")
def upload_form(request: Request) -> HTMLResponse:
    return _page(request, "upload.html", result=None, problem=None,
                 status=200 if _settings(request).writable else 403)


async def _upload_bytes(form_text: object, form_file: object) -> tuple[bytes, str | None]:
    if isinstance(form_file, UploadFile) and form_file.filename:
        return await form_file.read(), form_file.filename
    return (form_text if isinstance(form_text, str) else "").encode("utf-8"), None


@router.post("/articles/new")
async def upload(request: Request) -> HTMLResponse:
    """The form's POST: check the token, read the text or the file, ingest, show the summary."""
    settings = _settings(request)
    form = await request.form(max_files=1, max_fields=8, max_part_size=settings.max_body_bytes)
    token = form.get("token")
    try:
        require_write(settings, token if isinstance(token, str) else None)
    except HTTPException as refused:
        return _page(request, "upload.html", result=None, problem=refused.detail, status=refused.status_code)
    data, filename = await _upload_bytes(form.get("text"), form.get("file"))
    name = form.get("name")
    name = name if isinstance(name, str) and name.strip() else "upload"
    if not data.strip():
        return _page(request, "upload.html", result=None, problem="nothing to ingest: paste text or choose a file",
                     status=400)
    chosen = form.get("format")
    fmt = format_of_file(filename, chosen if isinstance(chosen, str) else "auto")
    state = request.app.state
    summary = await run_in_threadpool(ingest_upload, routes.get_store(request), state.write_lock, data, fmt=fmt,
                                      name=safe_name(name))
    return _page(request, "upload.html", result=summary, problem=None)
