"""How the map's search reads what residents type and what it stores (no database)."""

from ratusz.gis import searchkeys


def test_normalise_drops_case_diacritics_and_street_prefix():
    assert searchkeys.normalise("ul. Powstańców Śląskich 3A") == "powstancow slaskich 3a"
    assert searchkeys.normalise("  MIKOŁOWSKA,  12 ") == "mikolowska 12"
    assert searchkeys.normalise("Rynek") == "rynek"
    assert searchkeys.normalise("Al. Róż") == "roz"


def test_parcel_keys_with_and_without_the_map_sheet():
    keys = searchkeys.parcel_keys("247001_1.0001.AR_4.2684/248")
    assert keys == ["247001_1.0001.2684/248", "2684/248", "247001_1.0001.ar_4.2684/248"]
    assert searchkeys.parcel_keys("247001_1.0002.1/1") == ["247001_1.0002.1/1", "1/1"]
    assert searchkeys.parcel_keys("działka bez numeru") == ["dzialka bez numeru"]


def test_read_query_kinds():
    full = searchkeys.read_query("247001_1.0001.AR_4.2684/248")
    assert full.parcel_like and "247001_1.0001.2684/248" in full.exact
    assert searchkeys.read_query("1/1").exact == ("1/1",)
    obreb = searchkeys.read_query("0001.2684/248")
    assert obreb.obreb == "0001" and obreb.exact == ("2684/248",)
    assert searchkeys.read_query("1 2684/248").obreb == "0001"
    partial = searchkeys.read_query("247001_1.00")
    assert partial.prefix == "247001_1.00" and partial.exact == ()
    # a whole id of parcel 26 is also the start of 26/1, 260 …: exact first, then prefix
    whole = searchkeys.read_query("247001_1.0001.26")
    assert whole.exact[0] == "247001_1.0001.26" and whole.prefix == "247001_1.0001.26"
    street = searchkeys.read_query("Mikołowska")
    assert street.exact == ("mikolowska",) and not street.has_number
    assert searchkeys.read_query("Mikołowska 12").has_number
    assert searchkeys.read_query("").exact == ()


def test_address_from_prg_fields_or_from_the_label():
    prg = {"ULICA": "ul. Mikołowska", "NUMER_PORZADKOWY": "12a", "MIEJSCOWOSC": "Mysłowice"}
    address = searchkeys.address_of(prg)
    assert address.label == "Mikołowska 12a" and address.place == "Mysłowice"
    assert searchkeys.address_keys(address) == ["mikolowska 12a"]
    village = searchkeys.address_of({"miejscowosc": "Kosztowy", "numerPorzadkowy": "7"})
    assert village.label == "Kosztowy 7"
    from_label = searchkeys.address_of({}, "ul. Powstańców Śląskich 3")
    assert searchkeys.address_keys(from_label) == ["powstancow slaskich 3", "slaskich 3"]
    assert searchkeys.address_of({"nazwa": "Park"}, "Park Zamkowy") is None
