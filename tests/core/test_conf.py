"""ratusz.core.conf: one table of defaults, read lazily; checks of types and ranges."""

import pytest
from django.core import checks

from ratusz.core import conf_checks
from ratusz.core.conf import DEFAULTS, conf, site_url


def test_reads_settings_at_each_access(settings):
    settings.RATUSZ_MAP_TILE_URL = "https://kafelki.example.pl/{z}/{x}/{y}.png"
    assert conf.RATUSZ_MAP_TILE_URL == "https://kafelki.example.pl/{z}/{x}/{y}.png"
    settings.RATUSZ_MAP_TILE_URL = ""
    assert conf.RATUSZ_MAP_TILE_URL == ""


def test_the_city_is_no_setting():
    # the city's identity is a per-site setting (ratusz.core.city), not configuration
    for name in ("RATUSZ_CITY_NAME", "RATUSZ_CITY_TERYT"):
        with pytest.raises(AttributeError):
            getattr(conf, name)


def test_default_when_settings_do_not_name_it(settings):
    del settings.RATUSZ_ALERTS_SENDER
    assert conf.RATUSZ_ALERTS_SENDER == DEFAULTS["RATUSZ_ALERTS_SENDER"]
    del settings.RATUSZ_LOGIN_ACCOUNT_LIMIT
    assert conf.RATUSZ_LOGIN_ACCOUNT_LIMIT == 5


def test_unknown_name_is_an_error():
    with pytest.raises(AttributeError, match="RATUSZ_CITY_NAM"):
        conf.RATUSZ_CITY_NAM  # noqa: B018 - the typo is the point


def test_site_url(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://www.myslowice.pl/"
    assert site_url("/komunikaty/") == "https://www.myslowice.pl/komunikaty/"
    assert site_url() == "https://www.myslowice.pl"


def test_settings_base_takes_defaults_from_the_table():
    from ratusz.settings import base

    assert base.RATUSZ_MAP_PMTILES_FILE == DEFAULTS["RATUSZ_MAP_PMTILES_FILE"]
    assert base.OTP_TOTP_ISSUER == DEFAULTS["OTP_TOTP_ISSUER"]


def test_every_default_passes_the_checks(settings):
    for name, value in DEFAULTS.items():
        setattr(settings, name, value)
    assert conf_checks.check_app_settings() == []


def _ids(settings, **values):
    for name, value in values.items():
        setattr(settings, name, value)
    return [e.id for e in conf_checks.check_app_settings()]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"RATUSZ_PAGE_CACHE_SECONDS": "60"}, "ratusz_conf.E001"),  # text from the environment
        ({"RATUSZ_ADMIN_2FA_REQUIRED": "yes"}, "ratusz_conf.E001"),
        ({"RATUSZ_LOGIN_ACCOUNT_LIMIT": True}, "ratusz_conf.E001"),
        ({"RATUSZ_LOGIN_ACCOUNT_LIMIT": 0}, "ratusz_conf.E002"),
        ({"RATUSZ_PAGE_CACHE_SECONDS": -1}, "ratusz_conf.E002"),
        ({"RATUSZ_CITY_POINT": (50.2417, 190.0)}, "ratusz_conf.E004"),
        ({"RATUSZ_CITY_POINT": (19.1,)}, "ratusz_conf.E004"),
        ({"WAGTAILADMIN_BASE_URL": "www.myslowice.pl"}, "ratusz_conf.E005"),
        ({"RATUSZ_READ_RATES": {"search": "60 per minute"}}, "ratusz_conf.E006"),
        ({"RATUSZ_ALERTS_BANNER_MIN_SEVERITY": "moderate"}, "ratusz_conf.E007"),
        ({"RATUSZ_GIS_POSTGIS": "yes"}, "ratusz_conf.E008"),
        ({"RATUSZ_GIS_EXTENT_MARGIN_KM": -5}, "ratusz_conf.E002"),
        ({"RATUSZ_OUTBOUND_ALLOWED_HOSTS": "10.0.0.0/8"}, "ratusz_conf.E001"),  # not a list
        ({"RATUSZ_OUTBOUND_DEADLINE_SECONDS": 0}, "ratusz_conf.E002"),
        ({"RATUSZ_HEALTH_TASK_LATE_SECONDS": "300"}, "ratusz_conf.E001"),
    ],
)
def test_a_bad_setting_is_reported(settings, values, expected):
    assert _ids(settings, **values) == [expected]


def test_check_runs_through_django(settings):
    settings.RATUSZ_LOGIN_ACCOUNT_LIMIT = 0
    found = [e for e in checks.run_checks() if e.id == "ratusz_conf.E002"]
    assert found and "RATUSZ_LOGIN_ACCOUNT_LIMIT" in found[0].msg


def test_paths_may_be_path_objects(settings, tmp_path):
    settings.RATUSZ_PRIVATE_MEDIA_ROOT = tmp_path
    assert conf_checks.check_app_settings() == []


def test_outbound_policy_from_the_settings(settings):
    from ratusz.core.conf import outbound_policy

    settings.RATUSZ_OUTBOUND_ALLOWED_HOSTS = ["10.1.2.0/24"]
    settings.RATUSZ_OUTBOUND_DEADLINE_SECONDS = 7
    policy = outbound_policy(max_bytes=1024)
    assert (policy.allowed_hosts, policy.deadline, policy.max_bytes) == (
        ("10.1.2.0/24",),
        7.0,
        1024,
    )
