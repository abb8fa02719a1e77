"""The text form of a scoring report.

People read the tables at the top; scripts (the quality gate, CI logs) read the last four
lines, whose shape is therefore fixed: ``key=value`` pairs at three decimals.
"""

from __future__ import annotations

from .records import EvalReport, EventRef, FieldScore, TypeScore

SUMMARY_FIELDS = ("date", "planned_for", "location", "persons")


def _rate(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _type_row(score: TypeScore) -> str:
    return (f"{score.type:<10} {score.gold:>5} {score.predicted:>5} {score.tp:>5} "
            f"{score.precision:>6.3f} {score.recall:>6.3f} {score.f1:>6.3f}")


def _type_table(report: EvalReport) -> list[str]:
    header = f"{'type':<10} {'gold':>5} {'pred':>5} {'tp':>5} {'P':>6} {'R':>6} {'F1':>6}"
    lines = [header]
    lines.extend(_type_row(score) for score in report.per_type)
    lines.append(_type_row(report.overall))
    return lines


def _confusion_lines(report: EvalReport) -> list[str]:
    lines = ["type confusion (gold -> predicted, same parties):"]
    if not report.confusion:
        lines.append("  none")
    lines.extend(
        f"  {c.gold_type} -> {c.predicted_type}: {c.count}" for c in report.confusion
    )
    return lines


def _field_row(score: FieldScore) -> str:
    right = f"{score.right:g}" if score.right != int(score.right) else f"{int(score.right)}"
    return f"  {score.name:<12} {_rate(score.accuracy):>6}  ({right}/{score.total})"


def _field_lines(report: EvalReport) -> list[str]:
    lines = [f"field accuracy over {report.overall.tp} matched events:"]
    lines.extend(_field_row(score) for score in report.fields)
    return lines


def _event_line(event: EventRef) -> str:
    parties = f"{','.join(event.source) or '?'} -> {','.join(event.target) or '?'}"
    return f"  {event.article_id}  {event.type}  {parties}  | {event.evidence}"


def _detail_lines(report: EvalReport) -> list[str]:
    lines = [f"missed gold events ({len(report.missed)}):"]
    lines.extend(_event_line(event) for event in report.missed)
    lines.append("")
    lines.append(f"spurious predictions ({len(report.spurious)}):")
    lines.extend(_event_line(event) for event in report.spurious)
    lines.append("")
    lines.append(f"field mismatches in matched events ({len(report.mismatches)}):")
    lines.extend(
        f"  {m.article_id}  {m.type}  {m.field}: gold {m.gold} | predicted {m.predicted}"
        f"  | {m.evidence}"
        for m in report.mismatches
    )
    if report.ignored_articles:
        lines.append("")
        lines.append("predictions for articles not in the gold (ignored): "
                     + ", ".join(report.ignored_articles))
    return lines


def _summary_lines(report: EvalReport) -> list[str]:
    o = report.overall
    fields = " ".join(
        f"{name}={_rate(report.field(name).accuracy)}" for name in SUMMARY_FIELDS
    )
    return [
        f"events: P={o.precision:.3f} R={o.recall:.3f} F1={o.f1:.3f} "
        f"(tp={o.tp} fp={o.fp} fn={o.fn})",
        f"macro-F1 over types: {report.macro_f1:.3f}",
        f"fields: {fields}",
        f"articles: {report.articles}, gold events: {report.gold_events}, "
        f"predicted: {report.predicted_events}",
    ]


def render_report(report: EvalReport, *, details: bool = False) -> str:
    """Tables, then (with ``details``) the error lists, then the four summary lines."""
    sections = [_type_table(report), _confusion_lines(report), _field_lines(report)]
    if details:
        sections.append(_detail_lines(report))
    sections.append(_summary_lines(report))
    return "\n\n".join("\n".join(section) for section in sections)
