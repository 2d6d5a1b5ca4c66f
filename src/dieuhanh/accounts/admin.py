"""Users and groups in /quan-tri/ with their history; a password an administrator types must be changed
by its owner at the next sign-in."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from simple_history.admin import SimpleHistoryAdmin

from dieuhanh.accounts import services
from dieuhanh.accounts.models import Account

User = get_user_model()
admin.site.unregister(User)
admin.site.unregister(Group)


class AccountInline(admin.StackedInline):
    model = Account
    can_delete = False
    readonly_fields = ["password_changed_at"]


@admin.register(User)
class HistoryUserAdmin(SimpleHistoryAdmin, UserAdmin):
    inlines = [AccountInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change and obj.has_usable_password():
            services.password_set_by_admin(obj, request.user)

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            services.password_set_by_admin(User.objects.get(pk=id), request.user)
        return response


@admin.register(Group)
class HistoryGroupAdmin(SimpleHistoryAdmin, GroupAdmin):
    pass
