from django.urls import path

from .feeds import NewsAtomFeed, NewsRssFeed

app_name = "pages"

urlpatterns = [
    path("aktualnosci/feed/atom/", NewsAtomFeed(), name="news-atom"),
    path("aktualnosci/feed/rss/", NewsRssFeed(), name="news-rss"),
]
