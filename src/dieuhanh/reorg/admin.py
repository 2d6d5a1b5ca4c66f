"""The IT staff's pages for reorganisations: draft in the form, preview, apply and revert as actions —
through the services, so every check and history row is the same as from the command."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .models import Reorganisation


@admin.register(Reorganisation)
class ReorganisationAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "state", "effective_on", "successor", "applied_at"]
    list_filter = ["kind", "state", "batch"]
    filter_horizontal = ["predecessors", "others", "areas", "other_areas"]
    readonly_fields = ["state", "applied_by", "applied_at", "created_by", "preview", "batch"]
    fields = ["kind", "effective_on", "predecessors", "successor", "others", "areas", "successor_area", "other_areas",
              "new_parent_area", "new_name", "new_parent", "shares",
              "move_accounts", "note", "preview", "batch", "state", "created_by", "applied_by", "applied_at"]
    actions = ["apply_selected", "revert_selected"]

    @admin.display(description="xem trước: sẽ chuyển")
    def preview(self, obj):
        if obj is None or obj.pk is None or obj.state != obj.State.DRAFT:
            return "—"
        return "; ".join(f"{what}: {count}" for what, count in services.plan(obj).counts().items()) or "không có gì"

    def has_change_permission(self, request, obj=None):
        return obj is None or obj.state == obj.State.DRAFT  # an applied operation is changed only by reverting

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def _run(self, request, queryset, step, done):
        for op in queryset:
            try:
                step(request.user, op)
                self.message_user(request, f"{op}: {done}.", messages.SUCCESS)
            except (ValidationError, PermissionDenied) as error:
                text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
                self.message_user(request, f"{op}: {text}", messages.ERROR)

    @admin.action(description="Áp dụng sắp xếp đã chọn")
    def apply_selected(self, request, queryset):
        self._run(request, queryset, services.apply, "đã áp dụng")

    @admin.action(description="Hoàn tác sắp xếp đã chọn")
    def revert_selected(self, request, queryset):
        self._run(request, queryset, services.revert, "đã hoàn tác")
