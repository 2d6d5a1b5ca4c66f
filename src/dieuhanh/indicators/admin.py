"""The indicator catalogue is edited here (codes, kinds, direction, roll-up, bounds)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Indicator


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "measure", "kind", "direction", "aggregation", "unit", "responsible"]
    list_filter = ["kind", "direction", "aggregation"]
    search_fields = ["code", "name", "name_folded"]
    autocomplete_fields = ["unit", "responsible", "parent", "weight"]
