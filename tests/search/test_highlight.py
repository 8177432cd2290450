from ratusz.search.highlight import highlight, snippet
from ratusz.search.polish import word_keys


def test_marks_inflected_forms_and_escapes_html():
    keys = word_keys("miasto")
    assert highlight("<b>Miasta</b> & miastami", keys) == (
        "&lt;b&gt;<mark>Miasta</mark>&lt;/b&gt; &amp; <mark>miastami</mark>"
    )


def test_snippet_window_goes_where_the_hits_are():
    text = "Wstęp. " * 100 + "Tu jest fundusz i funduszami. " + "Koniec. " * 100
    out = snippet(text, word_keys("fundusz"), width=120)
    assert out.startswith("…") and out.endswith("…")
    assert out.count("<mark>") == 2
    assert len(out) < 200


def test_snippet_without_hits_is_the_beginning():
    assert snippet("Krótki tekst.", frozenset({"zzz"})) == "Krótki tekst."
    assert snippet("słowo " * 100, frozenset({"zzz"}), width=50).startswith("słowo")
