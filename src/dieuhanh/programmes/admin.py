from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import NtmTarget, Programme


class NtmTargetInline(admin.TabularInline):
    model = NtmTarget
    raw_id_fields = ["area"]
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "lead", "starts_on", "ends_on"]
    list_filter = ["kind"]
    search_fields = ["name"]
    raw_id_fields = ["lead", "document", "tasks"]
    filter_horizontal = ["indicators"]
    inlines = [NtmTargetInline]
