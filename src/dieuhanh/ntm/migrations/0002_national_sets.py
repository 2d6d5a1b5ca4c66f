from django.db import migrations


def load(apps, schema_editor):
    from dieuhanh.ntm.national import load_national

    load_national(apps.get_model("ntm", "CriteriaSet"), apps.get_model("ntm", "Criterion"))


class Migration(migrations.Migration):
    dependencies = [("ntm", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
