from django.contrib.auth.decorators import login_required

from missiemonitor.web.pages import render_page


@login_required
def monitoring_overview(request, key=None):
    return render_page(request, "web/pending.html", {"title": "Monitoring"})


visit_edit = visit_detail = finding_edit = action_edit = fieldreport_inbox = monitoring_overview
fieldreport_edit = fieldreport_detail = monitoring_overview
