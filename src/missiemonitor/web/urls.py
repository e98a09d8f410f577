"""The pages. Paths are Dutch, like the interface; names are English."""

from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.i18n import set_language

from missiemonitor.web.views import account as account_views
from missiemonitor.web.views import accounts as accounts_views
from missiemonitor.web.views import context as context_views
from missiemonitor.web.views import data as data_views
from missiemonitor.web.views import finance as finance_views
from missiemonitor.web.views import health as health_views
from missiemonitor.web.views import history as history_views
from missiemonitor.web.views import home as web_views
from missiemonitor.web.views import missions as missions_views
from missiemonitor.web.views import monitoring as monitoring_views
from missiemonitor.web.views import onboard as onboard_views
from missiemonitor.web.views import programmes as programmes_views
from missiemonitor.web.views import reference
from missiemonitor.web.views import reporting as reporting_views
from missiemonitor.web.views import results as results_views
from missiemonitor.web.views import results_records as record_views
from missiemonitor.web.views import signin as signin_views

urlpatterns = [
    path("", web_views.dashboard, name="dashboard"),
    path("inloggen/", signin_views.SignInView.as_view(), name="login"),
    path("inloggen/code/", signin_views.signin_code, name="signin_code"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("taal/", set_language, name="set_language"),
    path("toegankelijkheid/", web_views.accessibility, name="accessibility"),
    # the own account: second factor and API tokens
    path("mijn-account/", account_views.account, name="account"),
    path("mijn-account/tweestapsverificatie/", account_views.two_factor_setup, name="two_factor_setup"),
    path("mijn-account/tweestapsverificatie/uitschakelen/", account_views.two_factor_off, name="two_factor_off"),
    path("mijn-account/herstelcodes/", account_views.backup_codes_new, name="backup_codes_new"),
    path("mijn-account/tokens/", account_views.api_token_new, name="api_token_new"),
    path("mijn-account/tokens/<str:prefix>/intrekken/", account_views.api_token_revoke, name="api_token_revoke"),
    path("health", health_views.health, name="health"),  # for proxies and monitoring: no session
    path("zoeken/", web_views.search, name="search"),
    # missions, mandates and contributions
    path("missies/", missions_views.mission_list, name="missions"),
    path("missies/nieuw/", missions_views.mission_edit, name="mission_new"),
    path("missies/<slug:key>/", missions_views.mission_detail, name="mission"),
    path("missies/<slug:key>/bewerken/", missions_views.mission_edit, name="mission_edit"),
    path("missies/<slug:key>/verwijderen/", missions_views.mission_delete, name="mission_delete"),
    path("missies/<slug:key>/bijdrage/", missions_views.contribution_edit, name="contribution_new"),
    path("mandaten/nieuw/", missions_views.mandate_edit, name="mandate_new"),
    path("mandaten/<slug:key>/", missions_views.mandate_detail, name="mandate"),
    path("mandaten/<slug:key>/bewerken/", missions_views.mandate_edit, name="mandate_edit"),
    path("mandaten/<slug:key>/verwijderen/", missions_views.mandate_delete, name="mandate_delete"),
    path("mandaten/<slug:key>/geplande-bijdrage/", missions_views.plan_edit, name="plan_new"),
    path("geplande-bijdragen/<slug:key>/bewerken/", missions_views.plan_edit, name="plan_edit"),
    path("geplande-bijdragen/<slug:key>/verwijderen/", missions_views.plan_delete, name="plan_delete"),
    path("bijdragen/<slug:key>/", missions_views.contribution_detail, name="contribution"),
    path("bijdragen/<slug:key>/bewerken/", missions_views.contribution_edit, name="contribution_edit"),
    path("bijdragen/<slug:key>/verwijderen/", missions_views.contribution_delete, name="contribution_delete"),
    path("bijdragen/<slug:key>/middel/", missions_views.asset_edit, name="asset_new"),
    path("middelen/<slug:key>/bewerken/", missions_views.asset_edit, name="asset_edit"),
    path("middelen/<slug:key>/verwijderen/", missions_views.asset_delete, name="asset_delete"),
    path("bijdragen/<slug:key>/mijlpaal/", missions_views.milestone_edit, name="milestone_new"),
    path("mijlpalen/<slug:key>/bewerken/", missions_views.milestone_edit, name="milestone_edit"),
    path("mijlpalen/<slug:key>/verwijderen/", missions_views.milestone_delete, name="milestone_delete"),
    path("bijdragen/<slug:key>/functie/", missions_views.role_edit, name="role_new"),
    path("functies/<slug:key>/bewerken/", missions_views.role_edit, name="role_edit"),
    path("functies/<slug:key>/verwijderen/", missions_views.role_delete, name="role_delete"),
    path("bijdragen/<slug:key>/plaatsing/", missions_views.posting_edit, name="posting_new"),
    path("plaatsingen/<slug:key>/bewerken/", missions_views.posting_edit, name="posting_edit"),
    path("plaatsingen/<slug:key>/verwijderen/", missions_views.posting_delete, name="posting_delete"),
    path("bijdragen/<slug:key>/rapportageschema/", monitoring_views.schedule_edit, name="schedule_new"),
    path("rapportageschemas/<slug:key>/bewerken/", monitoring_views.schedule_edit, name="schedule_edit"),
    path("rapportageschemas/<slug:key>/verwijderen/", monitoring_views.schedule_delete, name="schedule_delete"),
    path("programmas/", programmes_views.programme_list, name="programmes"),
    path("programmas/nieuw/", programmes_views.programme_edit, name="programme_new"),
    path("programmas/<slug:key>/bewerken/", programmes_views.programme_edit, name="programme_edit"),
    path("programmas/<slug:key>/verwijderen/", programmes_views.programme_delete, name="programme_delete"),
    # objectives, results frameworks, assessments and indicators
    path("doelstellingen/", results_views.objectives_board, name="objectives"),
    path("doelstellingen/<slug:key>/", results_views.objective_detail, name="objective"),
    path("doelstellingen/<slug:key>/bewerken/", record_views.lto_edit, name="lto_edit"),
    path("doelstellingen/<slug:key>/verwijderen/", record_views.lto_delete, name="lto_delete"),
    path("doelstellingen/<slug:key>/voorwaarde/", record_views.condition_edit, name="condition_new"),
    path("voorwaarden/<slug:key>/beoordeling/", results_views.assessment_new, name="assessment_new"),
    path("voorwaarden/<slug:key>/bewerken/", record_views.condition_edit, name="condition_edit"),
    path("voorwaarden/<slug:key>/verwijderen/", record_views.condition_delete, name="condition_delete"),
    path("voorwaarden/<slug:key>/koppeling/", record_views.mapping_edit, name="mapping_new"),
    path("koppelingen/<slug:key>/bewerken/", record_views.mapping_edit, name="mapping_edit"),
    path("koppelingen/<slug:key>/verwijderen/", record_views.mapping_delete, name="mapping_delete"),
    path("beoordelingen/<slug:key>/", results_views.assessment_detail, name="assessment"),
    path("beoordelingen/<slug:key>/verwijderen/", results_views.assessment_delete, name="assessment_delete"),
    path("beoordelingen/<slug:key>/goedkeuren/", results_views.assessment_board_approve,
         name="assessment_board_approve"),
    path("kaders/", record_views.framework_list, name="frameworks"),
    path("kaders/nieuw/", record_views.framework_edit, name="framework_new"),
    path("kaders/<slug:key>/bewerken/", record_views.framework_edit, name="framework_edit"),
    path("kaders/<slug:key>/verwijderen/", record_views.framework_delete, name="framework_delete"),
    path("kaders/<slug:key>/versie/", record_views.version_edit, name="version_new"),
    path("kaderversies/<slug:key>/bewerken/", record_views.version_edit, name="version_edit"),
    path("kaderversies/<slug:key>/verwijderen/", record_views.version_delete, name="version_delete"),
    path("kaderversies/<slug:key>/doelstelling/", record_views.lto_edit, name="lto_new"),
    path("doelen/nieuw/", record_views.objective_edit, name="objective_record_new"),
    path("doelen/<slug:key>/bewerken/", record_views.objective_edit, name="objective_record_edit"),
    path("doelen/<slug:key>/verwijderen/", record_views.objective_delete, name="objective_record_delete"),
    path("indicatoren/nieuw/", record_views.indicator_edit, name="indicator_new"),
    path("indicatoren/<slug:key>/", record_views.indicator_detail, name="indicator"),
    path("indicatoren/<slug:key>/bewerken/", record_views.indicator_edit, name="indicator_edit"),
    path("indicatoren/<slug:key>/verwijderen/", record_views.indicator_delete, name="indicator_delete"),
    path("indicatoren/<slug:key>/waarneming/", record_views.observation_edit, name="observation_new"),
    path("waarnemingen/<slug:key>/bewerken/", record_views.observation_edit, name="observation_edit"),
    path("waarnemingen/<slug:key>/verwijderen/", record_views.observation_delete, name="observation_delete"),
    # monitoring
    path("monitoring/", monitoring_views.monitoring_overview, name="monitoring"),
    path("monitoring/bezoeken/nieuw/", monitoring_views.visit_edit, name="visit_new"),
    path("monitoring/bezoeken/<slug:key>/", monitoring_views.visit_detail, name="visit"),
    path("monitoring/bezoeken/<slug:key>/bewerken/", monitoring_views.visit_edit, name="visit_edit"),
    path("monitoring/bezoeken/<slug:key>/verwijderen/", monitoring_views.visit_delete, name="visit_delete"),
    path("monitoring/bezoeken/<slug:key>/bevinding/", monitoring_views.finding_edit, name="finding_new"),
    path("monitoring/bevindingen/<slug:key>/bewerken/", monitoring_views.finding_edit, name="finding_edit"),
    path("monitoring/bevindingen/<slug:key>/verwijderen/", monitoring_views.finding_delete, name="finding_delete"),
    path("monitoring/bevindingen/<slug:key>/actie/", monitoring_views.action_edit, name="action_new"),
    path("monitoring/acties/<slug:key>/bewerken/", monitoring_views.action_edit, name="action_edit"),
    path("monitoring/acties/<slug:key>/verwijderen/", monitoring_views.action_delete, name="action_delete"),
    path("monitoring/acties/<slug:key>/afronden/", monitoring_views.action_complete, name="action_complete"),
    path("monitoring/veldrapportages/", monitoring_views.fieldreport_inbox, name="fieldreports"),
    path("monitoring/veldrapportages/nieuw/", monitoring_views.fieldreport_edit, name="fieldreport_new"),
    path("monitoring/veldrapportages/<slug:key>/", monitoring_views.fieldreport_detail, name="fieldreport"),
    path("monitoring/veldrapportages/<slug:key>/bewerken/", monitoring_views.fieldreport_edit, name="fieldreport_edit"),
    path("monitoring/veldrapportages/<slug:key>/verwijderen/", monitoring_views.fieldreport_delete,
         name="fieldreport_delete"),
    path("monitoring/veldrapportages/<slug:key>/beoordelen/", monitoring_views.fieldreport_inbox_review,
         name="fieldreport_inbox_review"),
    # context
    path("context/", context_views.context_timeline, name="context"),
    path("context/gebeurtenissen/nieuw/", context_views.event_edit, name="event_new"),
    path("context/gebeurtenissen/<slug:key>/bewerken/", context_views.event_edit, name="event_edit"),
    path("context/gebeurtenissen/<slug:key>/verwijderen/", context_views.event_delete, name="event_delete"),
    path("context/dreigingen/nieuw/", context_views.threat_edit, name="threat_new"),
    path("context/dreigingen/<slug:key>/bewerken/", context_views.threat_edit, name="threat_edit"),
    path("context/dreigingen/<slug:key>/verwijderen/", context_views.threat_delete, name="threat_delete"),
    path("context/incidenten/nieuw/", context_views.incident_edit, name="incident_new"),
    path("context/incidenten/<slug:key>/bewerken/", context_views.incident_edit, name="incident_edit"),
    path("context/incidenten/<slug:key>/verwijderen/", context_views.incident_delete, name="incident_delete"),
    # finance
    path("financien/", finance_views.finance_overview, name="finance"),
    path("financien/uitgaven/nieuw/", finance_views.expenditure_edit, name="expenditure_new"),
    path("financien/uitgaven/<slug:key>/bewerken/", finance_views.expenditure_edit, name="expenditure_edit"),
    path("financien/uitgaven/<slug:key>/verwijderen/", finance_views.expenditure_delete, name="expenditure_delete"),
    # report builder
    path("rapportage/", reporting_views.report_builder, name="report_builder"),
    path("rapportage/voorbeeld/", reporting_views.report_preview, name="report_preview"),
    path("rapportage/tekst/", reporting_views.narrative_editor, name="narrative_editor"),
    path("rapportage/tekst/nieuw/", reporting_views.narrative_new, name="narrative_new"),
    path("rapportage/tekst/<slug:key>/", reporting_views.narrative_edit, name="narrative_edit"),
    path("rapportage/tekst/<slug:key>/instellingen/", reporting_views.narrative_settings, name="narrative_settings"),
    path("rapportage/tekst/<slug:key>/verwijderen/", reporting_views.narrative_delete, name="narrative_delete"),
    path("rapportage/ondertekening/", reporting_views.signatory_list, name="signatories"),
    path("rapportage/ondertekening/nieuw/", reporting_views.signatory_edit, name="signatory_new"),
    path("rapportage/ondertekening/<slug:key>/bewerken/", reporting_views.signatory_edit, name="signatory_edit"),
    path("rapportage/ondertekening/<slug:key>/verwijderen/", reporting_views.signatory_delete,
         name="signatory_delete"),
    path("rapportage/bestanden/<str:batch>/<str:filename>", reporting_views.report_download, name="report_download"),
    # users (coordinators)
    path("gebruikers/", accounts_views.user_list, name="users"),
    path("gebruikers/nieuw/", accounts_views.user_new, name="user_new"),
    path("gebruikers/<str:username>/", accounts_views.user_edit, name="user_edit"),
    path("gebruikers/<str:username>/activering/", accounts_views.user_activation, name="user_activation"),
    path("gebruikers/<str:username>/tweestapsverificatie/herstellen/", account_views.user_two_factor_reset,
         name="user_two_factor_reset"),
    path("gebruikers/<str:username>/tokens/<str:prefix>/intrekken/", account_views.user_token_revoke,
         name="user_token_revoke"),
    # data
    path("gegevens/", data_views.data_home, name="data"),
    path("gegevens/onboarding/", onboard_views.onboard_upload, name="onboard"),
    path("gegevens/onboarding/<str:token>/", onboard_views.onboard_review, name="onboard_review"),
    path("gegevens/onboarding/<str:token>/concept.yaml", onboard_views.onboard_draft, name="onboard_draft"),
    *reference.urlpatterns,
    path("gegevens/export/", data_views.data_export, name="data_export"),
    # the History tab of every record (the audit trail)
    path("geschiedenis/<str:label>/<slug:key>/", history_views.record_history, name="record_history"),
]
