from django.apps import AppConfig

# The data that the inbox and the dashboard are computed from: a change to any of it makes a new data
# generation, so what they keep in the cache is never older than the last change (dieuhanh.core.generation).
# Written here, in the lowest app that caches by generation, as labels: no app is imported.
BUSINESS_APPS = {"tasks", "petitions", "indicators", "ntm", "meetings", "org", "documents", "reports", "dashboard",
                 "auth", "accounts"}


class TasksConfig(AppConfig):
    name = "dieuhanh.tasks"
    label = "tasks"
    verbose_name = "Nhiệm vụ"

    def ready(self):
        from dieuhanh.core import generation

        generation.watch(BUSINESS_APPS)
