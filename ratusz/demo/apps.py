from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "ratusz.demo"
    label = "demo"
    verbose_name = "Demo"
