from django.apps import AppConfig

# The data the dashboard's panels are computed from: a change to any of it makes a new generation, so a
# panel kept in the cache is never older than the last change (dieuhanh.core.generation).
BUSINESS_APPS = {"tasks", "petitions", "indicators", "ntm", "meetings", "org", "documents", "reports", "dashboard",
                 "auth", "accounts"}


class DashboardConfig(AppConfig):
    name = "dieuhanh.dashboard"
    label = "dashboard"
    verbose_name = "Tổng quan"

    def ready(self):
        from dieuhanh.core import generation

        generation.watch(BUSINESS_APPS)
