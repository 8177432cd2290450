from ratusz.search.vocab import Vocabulary, edits1


def test_edits1_covers_the_four_typo_kinds():
    e = edits1("kot")
    assert {"ot", "okt", "kat", "kota"} <= e and "kot" not in e


def test_forms_without_diacritics_reach_the_lemma():
    v = Vocabulary(["źródło", "Łódź"])
    assert v.lemmas_for_form("zrodla") == {"zrodlo"}
    assert v.lemmas_for_form("lodzi") == {"lodz"}
    assert v.knows("zrodlo") and not v.knows("zrodla")


def test_corrections_prefer_frequent_lemmas_and_skip_short_words():
    v = Vocabulary({"kościół": 1, "kościelny": 9})
    assert v.corrections("koscoil") == ["kosciol"]
    assert v.corrections("kos") == []
    assert v.corrections("kosciol") == []  # already known
