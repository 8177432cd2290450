"""Files in the repository that the tests read: copied reference data and deploy settings.

Reference data nobody in this project wrote lives in ``tests/data/`` (source and
terms beside each file); the county boundaries are the product's own copy in
``ratusz/gis/data/``. Nothing here reads outside the repository.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
CAP_DIR = DATA / "cap"
CAP_XSD = CAP_DIR / "CAP-v1.2.xsd"
OGCAPI_DIR = DATA / "ogcapi"
SEED_TEXT = DATA / "seed" / "myslowice-wspolpraca.txt"
POWIATY = ROOT / "ratusz" / "gis" / "data" / "powiaty.geojson"


def granian_settings():
    """The KEY=value lines of deploy/granian.env, the app server's settings."""
    settings = {}
    for line in (ROOT / "deploy" / "granian.env").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, value = line.split("=", 1)
            settings[key] = value
    return settings
