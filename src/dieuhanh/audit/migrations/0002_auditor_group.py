"""The auditor role: a group that reads and exports the audit log and nothing else."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

AUDITORS = "Kiểm tra an toàn thông tin"


def create_group(apps, schema_editor):
    config = apps.get_app_config("audit")
    config.models_module = True  # a migration's app stub: let Django create the permissions now
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group, Permission = apps.get_model("auth", "Group"), apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=AUDITORS)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="audit",
                                                     codename__in=["view_auditentry", "export_auditentry"]))


def drop_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=AUDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length"),
                    ("contenttypes", "0002_remove_content_type_name")]
    operations = [migrations.RunPython(create_group, drop_group)]
