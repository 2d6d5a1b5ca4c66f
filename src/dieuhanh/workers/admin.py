from django.contrib import admin

from .models import Worker


@admin.register(Worker)
class WorkerAdmin(admin.ModelAdmin):
    """The workers alive now (or lately): their last beat tells whether one died."""

    list_display = ["worker_id", "host", "pid", "started_at", "beat_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
