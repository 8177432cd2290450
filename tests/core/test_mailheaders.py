from ratusz.core.mailheaders import subject


def test_line_breaks_become_single_spaces_and_length_is_bounded():
    assert subject("Plac\r\n\r\nzabaw\tdla  dzieci") == "Plac zabaw dla dzieci"
    assert subject("a\u2028b\u2029c\x85d\x0be\x0cf") == "a b c d e f"
    assert len(subject("x" * 500)) == 150
