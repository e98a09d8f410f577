from django.contrib.auth.decorators import login_required

from missiemonitor.web.pages import render_page


@login_required
def objectives_board(request):
    return render_page(request, "web/pending.html", {"title": "Objectives"})


objective_detail = assessment_new = assessment_detail = objectives_board
