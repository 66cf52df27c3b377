from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from clearsight.core import demo
from clearsight.core.roles import role_label


class Command(BaseCommand):
    help = "Create (or refresh) the fictional Anytown demo organisations, people and records."

    def handle(self, *args, **options):
        # Demo people share a published password and authenticator key: never in a real service.
        if not settings.DEMO_MODE:
            raise CommandError("Demo data is only loaded in demo mode: set CLEARSIGHT_DEMO=1 (bin/start does). "
                               "Never load it into a service with real records: every demo user's password and "
                               "security key are published.")
        with transaction.atomic():
            people = demo.load()
            from django.apps import apps

            # Each bounded context may add its own demo records: first what others' records rely on
            # (such as the information sharing agreements that route partners' concerns), then the rest,
            # then what is made from others' records (the suppliers every context added, matched to a
            # company register).
            for stage in ("load_demo_prerequisites", "load_demo_data", "load_demo_followups"):
                for app in apps.get_app_configs():
                    loader = getattr(app, stage, None)
                    if loader:
                        loader()
        self.stdout.write(f"\nDemo logins (password for all: {demo.DEMO_PASSWORD})\n")
        for user, org, roles in people:
            self.stdout.write(f"  {user.email:<38} {', '.join(role_label(r) for r in roles)} – {org}")
        self.stdout.write(
            "\nSecond factor for demo users: run  bin/demo-code  for the current 6-digit code,\n"
            f"or add the key {demo.DEMO_TOTP_KEY_BASE32} to an authenticator app.\n"
        )
