"""Records about a contribution that were stored without a mission take the contribution's
mission: before, they were visible to every user with the clearance, whatever their missions."""

from django.db import migrations
from django.db.models import OuterRef, Subquery

MODELS = (
    ("context", "Incident"),
    ("finance", "Expenditure"),
    ("monitoring", "Finding"),
    ("reporting", "NarrativeBlock"),
    ("results", "Indicator"),
    ("results", "Objective"),
)


def mission_from_contribution(apps, schema_editor):
    Contribution = apps.get_model("missions", "Contribution")
    mission = Contribution.objects.filter(pk=OuterRef("contribution_id")).values("mission_id")[:1]
    for app_label, model_name in MODELS:
        model = apps.get_model(app_label, model_name)
        model.objects.filter(mission__isnull=True, contribution__isnull=False).update(
            mission_id=Subquery(mission)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("context", "0001_initial"),
        ("finance", "0001_initial"),
        ("missions", "0001_initial"),
        ("monitoring", "0002_initial"),
        ("reporting", "0001_initial"),
        ("results", "0002_builtin_scales"),
    ]

    operations = [migrations.RunPython(mission_from_contribution, migrations.RunPython.noop)]
