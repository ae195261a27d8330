"""The article's marked-up text: layers nested, every character of the article escaped."""

from __future__ import annotations

import pytest

from warta.document import Document, Entity, Mention, Quote, Span, Speaker
from warta.web.highlight import render_paragraphs


def href(entity: Entity) -> str:
    return f"/e/{entity.name}"


def make(text: str, **layers: object) -> Document:
    doc = Document(text=text, paragraphs=[Span(0, len(text))])
    for name, value in layers.items():
        setattr(doc, name, value)
    return doc


def at(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def test_quote_holds_entity_and_date() -> None:
    text = 'Retno berkata, "Jakarta siap pada 5 Mei." Selesai.'
    q, jakarta, day = at(text, '"Jakarta siap pada 5 Mei."'), at(text, "Jakarta"), at(text, "5 Mei")
    doc = make(
        text,
        quotes=[Quote(text[q[0] : q[1]], *q, "direct", "berkata", Speaker("Retno", 0))],
        entities=[Entity("Jakarta", "LOC", [Mention(*jakarta, "Jakarta")])],
        dates=[{"start": day[0], "end": day[1], "text": "5 Mei", "value": "2024-05-05"}],
    )
    html = str(render_paragraphs(doc, href)[0])
    assert html == (
        'Retno berkata, <span id="q0" class="quote quote-direct" tabindex="0" title="Retno" '
        'data-speaker="Retno">&#34;<a class="ent ent-loc" href="/e/Jakarta" '
        'title="Jakarta (LOC)">Jakarta</a> siap pada <span class="date" title="2024-05-05">'
        "5 Mei</span>.&#34;</span> Selesai."
    )


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">klik</a>',
        "</span></a><b>",
    ],
)
def test_article_text_is_escaped(payload: str) -> None:
    text = f"Awal {payload} akhir."
    span = at(text, payload)
    doc = make(text, entities=[Entity(payload, "ORG", [Mention(*span, payload)])])
    html = str(render_paragraphs(doc, href)[0])
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert 'href="javascript:' not in html
    assert html.count("<a ") == 1 and html.count("</a>") == 1


def test_crossing_marks_are_cut_and_mentions_never_nest() -> None:
    text = "Presiden Joko Widodo berbicara."
    outer, inner = at(text, "Presiden Joko Widodo"), at(text, "Joko Widodo berbicara")
    doc = make(
        text,
        entities=[
            Entity("Presiden Joko Widodo", "PER", [Mention(*outer, "Presiden Joko Widodo")]),
            Entity("Joko Widodo", "PER", [Mention(*inner, "Joko Widodo berbicara")]),
        ],
        dates=[{"start": inner[0], "end": inner[1], "value": "x"}],
    )
    html = str(render_paragraphs(doc, href)[0])
    assert html.count("<a ") == 1  # the second mention starts inside the first: left out
    # the date crosses the link's end, so it is cut there
    assert '<span class="date" title="x">Joko Widodo</span></a> berbicara.' in html


def test_paragraphs_split_the_text_and_cut_marks() -> None:
    text = "Satu dua.\n\nTiga empat."
    q = (5, len(text) - 1)
    doc = make(text, quotes=[Quote(text[q[0] : q[1]], *q, "direct")])
    doc.paragraphs = [Span(0, 9), Span(11, len(text))]
    first, second = (str(p) for p in render_paragraphs(doc, href))
    assert first.startswith('Satu <span id="q0"') and first.endswith(">dua.</span>")
    # a quotation over two paragraphs is marked in each; its id stays on the first
    assert second.startswith('<span class="quote') and second.endswith(">Tiga empat</span>.")


def test_event_trigger_is_marked() -> None:
    text = "Polisi menangkap dua orang."
    trigger = at(text, "menangkap")
    event = {"type": "arrest", "trigger": {"start": trigger[0], "end": trigger[1]}}
    doc = make(text, events=[event])
    html = str(render_paragraphs(doc, href)[0])
    assert '<span class="event event-arrest" title="arrest">menangkap</span>' in html
