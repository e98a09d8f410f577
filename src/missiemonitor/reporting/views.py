from django.contrib.auth.decorators import login_required

from missiemonitor.web.pages import render_page


@login_required
def report_builder(request, key=None, batch=None, filename=None):
    return render_page(request, "web/pending.html", {"title": "Report"})


report_preview = narrative_editor = narrative_edit = report_download = report_builder
