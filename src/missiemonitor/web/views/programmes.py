"""Pages of development and stabilisation programmes beside the missions."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from missiemonitor.programmes import selectors
from missiemonitor.programmes.models import Programme
from missiemonitor.web.editing import delete_view, edit_view, plain_spec
from missiemonitor.web.forms.programmes import ProgrammeForm
from missiemonitor.web.pages import paginate, render_page


@login_required
@require_GET
def programme_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.programme_list(user=request.user))
    programmes = list(page)
    return render_page(request, "programmes/programme_list.html", {"page": page, "programmes": programmes},
                       shown=[programmes, [p.visible_indicators for p in programmes]])


programme_spec = plain_spec(
    Programme, ProgrammeForm, title_new=_("New programme"), title_edit=_("Edit programme"),
    success_url=lambda record: reverse("programmes"), key_base=lambda data, parent: data["name"],
    key_date="start", deleted_url=lambda record: reverse("programmes"), delete_name="programme_delete")
programme_edit, programme_delete = edit_view(programme_spec), delete_view(programme_spec)
