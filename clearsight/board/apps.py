from django.apps import AppConfig


class BoardConfig(AppConfig):
    name = "clearsight.board"
    label = "board"
    verbose_name = "Board figures"
