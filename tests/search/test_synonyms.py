from ratusz.search.polish import word_keys
from ratusz.search.synonyms import Synonyms, parse_rules


def test_group_rules_go_both_ways_one_way_rules_do_not():
    syn = Synonyms.from_text("śmieci, odpady\nBO => budżet obywatelski\n\n# komentarz\n=>\n,,")
    keys = [word_keys("odpadów")]
    length, exp = syn.match(keys, 0)
    assert length == 1 and exp == [(word_keys("śmieci"),)]
    length, exp = syn.match([word_keys("BO")], 0)
    assert exp == [(word_keys("budżet"), word_keys("obywatelski"))]
    assert syn.match([word_keys("budżet"), word_keys("obywatelski")], 0) == (0, [])


def test_inflected_multiword_key_matches_longest_first():
    syn = Synonyms.from_text("budżet obywatelski => BO\nbudżet => finanse")
    keys = [word_keys("budżetu"), word_keys("obywatelskiego"), word_keys("Brzezinka")]
    assert syn.match(keys, 0) == (2, [(word_keys("BO"),)])
    assert syn.match(keys, 2) == (0, [])


def test_malformed_lines_are_skipped():
    assert parse_rules("=>\n, ,\n;;;\nsam") == []
