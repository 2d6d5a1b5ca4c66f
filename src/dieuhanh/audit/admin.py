from django.contrib import admin

from dieuhanh.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: an entry is never edited or removed by hand (only pruned after the kept period)."""

    list_display = ["at", "username", "ip", "action", "target", "detail"]
    list_filter = ["action"]
    search_fields = ["username", "ip", "target", "detail"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
