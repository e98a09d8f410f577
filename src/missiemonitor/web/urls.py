"""The pages. Paths are Dutch, like the interface; names are English."""

from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.i18n import set_language

from missiemonitor.context import views as context_views
from missiemonitor.finance import views as finance_views
from missiemonitor.missions import views as missions_views
from missiemonitor.monitoring import views as monitoring_views
from missiemonitor.reporting import views as reporting_views
from missiemonitor.results import views as results_views
from missiemonitor.web import data_views
from missiemonitor.web import views as web_views

urlpatterns = [
    path("", web_views.dashboard, name="dashboard"),
    path("inloggen/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("taal/", set_language, name="set_language"),
    path("toegankelijkheid/", web_views.accessibility, name="accessibility"),
    path("zoeken/", web_views.search, name="search"),
    # missions and contributions
    path("missies/", missions_views.mission_list, name="missions"),
    path("missies/<slug:key>/", missions_views.mission_detail, name="mission"),
    path("bijdragen/<slug:key>/", missions_views.contribution_detail, name="contribution"),
    path("bijdragen/<slug:key>/plaatsing/", missions_views.posting_edit, name="posting_new"),
    path("plaatsingen/<slug:key>/bewerken/", missions_views.posting_edit, name="posting_edit"),
    # objectives and assessments
    path("doelstellingen/", results_views.objectives_board, name="objectives"),
    path("doelstellingen/<slug:key>/", results_views.objective_detail, name="objective"),
    path("voorwaarden/<slug:key>/beoordeling/", results_views.assessment_new, name="assessment_new"),
    path("beoordelingen/<slug:key>/", results_views.assessment_detail, name="assessment"),
    # monitoring
    path("monitoring/", monitoring_views.monitoring_overview, name="monitoring"),
    path("monitoring/bezoeken/nieuw/", monitoring_views.visit_edit, name="visit_new"),
    path("monitoring/bezoeken/<slug:key>/", monitoring_views.visit_detail, name="visit"),
    path("monitoring/bezoeken/<slug:key>/bewerken/", monitoring_views.visit_edit, name="visit_edit"),
    path("monitoring/bezoeken/<slug:key>/bevinding/", monitoring_views.finding_edit, name="finding_new"),
    path("monitoring/bevindingen/<slug:key>/bewerken/", monitoring_views.finding_edit, name="finding_edit"),
    path("monitoring/bevindingen/<slug:key>/actie/", monitoring_views.action_edit, name="action_new"),
    path("monitoring/acties/<slug:key>/bewerken/", monitoring_views.action_edit, name="action_edit"),
    path("monitoring/veldrapportages/", monitoring_views.fieldreport_inbox, name="fieldreports"),
    path("monitoring/veldrapportages/nieuw/", monitoring_views.fieldreport_edit, name="fieldreport_new"),
    path("monitoring/veldrapportages/<slug:key>/", monitoring_views.fieldreport_detail, name="fieldreport"),
    path("monitoring/veldrapportages/<slug:key>/bewerken/", monitoring_views.fieldreport_edit, name="fieldreport_edit"),
    # context
    path("context/", context_views.context_timeline, name="context"),
    path("context/gebeurtenissen/nieuw/", context_views.event_edit, name="event_new"),
    path("context/gebeurtenissen/<slug:key>/bewerken/", context_views.event_edit, name="event_edit"),
    path("context/dreigingen/nieuw/", context_views.threat_edit, name="threat_new"),
    path("context/dreigingen/<slug:key>/bewerken/", context_views.threat_edit, name="threat_edit"),
    path("context/incidenten/nieuw/", context_views.incident_edit, name="incident_new"),
    path("context/incidenten/<slug:key>/bewerken/", context_views.incident_edit, name="incident_edit"),
    # finance
    path("financien/", finance_views.finance_overview, name="finance"),
    path("financien/uitgaven/nieuw/", finance_views.expenditure_edit, name="expenditure_new"),
    path("financien/uitgaven/<slug:key>/bewerken/", finance_views.expenditure_edit, name="expenditure_edit"),
    # report builder
    path("rapportage/", reporting_views.report_builder, name="report_builder"),
    path("rapportage/voorbeeld/", reporting_views.report_preview, name="report_preview"),
    path("rapportage/tekst/", reporting_views.narrative_editor, name="narrative_editor"),
    path("rapportage/tekst/<slug:key>/", reporting_views.narrative_edit, name="narrative_edit"),
    path("rapportage/bestanden/<str:batch>/<str:filename>", reporting_views.report_download, name="report_download"),
    # data
    path("gegevens/", data_views.data_home, name="data"),
    path("gegevens/export/", data_views.data_export, name="data_export"),
]
