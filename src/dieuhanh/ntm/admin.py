"""Criteria sets are edited here: criteria, their indicators and targets by region or group."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Assessment, CriteriaSet, Criterion


class CriterionInline(admin.TabularInline):
    model = Criterion
    fields = ["position", "number", "name", "group", "parent", "target", "targets_by_group"]
    extra = 0


@admin.register(CriteriaSet)
class CriteriaSetAdmin(SimpleHistoryAdmin):
    list_display = ["name", "programme", "level", "province", "valid_from", "valid_to"]
    list_filter = ["programme", "level", "province"]
    inlines = [CriterionInline]


@admin.register(Assessment)
class AssessmentAdmin(SimpleHistoryAdmin):
    list_display = ["area", "criterion", "assessed_on", "met"]
    list_filter = ["met", "criterion__criteria_set"]
    autocomplete_fields = ["area"]
    raw_id_fields = ["criterion", "document"]
