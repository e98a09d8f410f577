from django.contrib.auth.decorators import login_required

from missiemonitor.web.pages import render_page


@login_required
def data_home(request):
    return render_page(request, "web/pending.html", {"title": "Data"})


data_export = data_home
