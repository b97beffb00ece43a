from django.core.management.base import BaseCommand

from minden_integration.following.digests import digests_enqueue


class Command(BaseCommand):
    help = (
        "Queues the weekly digests of the email subscriptions for the task worker "
        "(run weekly by the scheduler)."
    )

    def handle(self, *args, **options):
        digests_enqueue()
        self.stdout.write("Digests queued.")
