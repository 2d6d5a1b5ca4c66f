"""Drafts in /quan-tri/: which are still reading, ready or failed — and the repair: stop a reading that
will not finish, so that the officer sees why and can upload again."""

from django.contrib import admin, messages

from .models import Draft
from .reading import stop_reading


@admin.register(Draft)
class DraftAdmin(admin.ModelAdmin):
    list_display = ["id", "source_name", "issuer", "created_by", "state", "pages_done", "pages_total", "created_at",
                    "error"]
    list_filter = ["state"]
    raw_id_fields = ["issuer", "created_by"]
    exclude = ["text", "extraction", "review"]  # the document's content: not for the admin list
    readonly_fields = ["source_name", "issuer", "created_by", "state", "pages_done", "pages_total", "error", "source",
                       "content_type"]
    actions = ["stop"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Dừng việc đọc (báo lỗi cho người tải lên)")
    def stop(self, request, queryset):
        stopped = sum(stop_reading(d.pk, "Quản trị viên đã dừng việc đọc tệp này; hãy tải lên lại.")
                      for d in queryset.filter(state=Draft.State.READING))
        messages.success(request, f"Đã dừng {stopped} bản nháp.")
