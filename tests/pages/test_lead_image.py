"""Lead images: required alt text, shown on the home page and the page itself."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from PIL import Image as Pil
from wagtail.images import get_image_model

from ratusz.pages.models import HomePage, NewsPage

pytestmark = pytest.mark.django_db


def _picture(title="Rynek"):
    buffer = io.BytesIO()
    Pil.new("RGB", (800, 450), (40, 120, 200)).save(buffer, "PNG")
    image = get_image_model()(title=title, file=ImageFile(buffer, name="rynek.png"))
    image.save()
    return image


def test_a_lead_image_needs_its_text_alternative(demo_site):
    news = NewsPage.objects.live().first()
    news.lead_image = _picture()
    news.lead_image_alt = "  "
    with pytest.raises(ValidationError) as error:
        news.full_clean()
    assert "tekst alternatywny jest wymagany" in str(error.value.message_dict["lead_image_alt"])
    news.lead_image_alt = "Rynek w Mysłowicach zimą"
    news.full_clean()


def test_home_page_shows_photos_with_alt_text_instead_of_an_empty_box(client, demo_site):
    assert 'class="hero__image"' not in client.get("/").content.decode()
    home = HomePage.objects.get()
    home.lead_image, home.lead_image_alt = _picture("Mapa"), "Mapa miasta z dzielnicami"
    home.save_revision().publish()
    news = NewsPage.objects.live().order_by("-date").first()
    news.lead_image, news.lead_image_alt = _picture("Sesja"), "Sala sesyjna urzędu"
    news.save_revision().publish()
    html = client.get("/").content.decode()
    assert 'class="hero__image"' in html and 'alt="Mapa miasta z dzielnicami"' in html
    assert 'class="news-item__image"' in html and 'alt="Sala sesyjna urzędu"' in html
    assert ".fill-320x180.format-webp.webp" in html and ".fill-640x360.format-webp.webp" in html
    page = client.get(news.url).content.decode()
    assert 'class="lead-image"' in page and 'alt="Sala sesyjna urzędu"' in page


def test_demo_images_are_drawn_from_the_demo_data(demo_site):
    from ratusz.demo import gis as gis_demo
    from ratusz.demo import images

    gis_demo.load()
    images.load()
    home = HomePage.objects.get()
    assert home.lead_image is not None and "dzielnic" in home.lead_image_alt
    assert "CC0" in home.lead_image.title
    assert NewsPage.objects.exclude(lead_image=None).count() == 3
    assert all(n.lead_image_alt for n in NewsPage.objects.exclude(lead_image=None))
    images.load()  # a second run keeps what is there
    assert get_image_model().objects.filter(title__contains="CC0").count() == 4
