from django.db import migrations

from missiemonitor.results.builtin_scales import BUILTIN_SCALES


def install(apps, schema_editor):
    RatingScale = apps.get_model("results", "RatingScale")
    ScaleLevel = apps.get_model("results", "ScaleLevel")
    for spec in BUILTIN_SCALES:
        scale, _ = RatingScale.objects.update_or_create(
            key=spec["key"],
            defaults={k: spec[k] for k in ("name", "name_en", "description", "met_threshold")},
        )
        for rank, code, label, label_en in spec["levels"]:
            ScaleLevel.objects.update_or_create(
                scale=scale, code=code, defaults={"rank": rank, "label": label, "label_en": label_en}
            )


class Migration(migrations.Migration):
    dependencies = [("results", "0001_initial")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
