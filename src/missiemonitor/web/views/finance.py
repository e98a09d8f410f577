"""Pages of spending."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from missiemonitor.finance import selectors, services
from missiemonitor.finance.models import Expenditure
from missiemonitor.missions.selectors import missions_visible
from missiemonitor.web.editing import EditSpec, delete_view, edit_view
from missiemonitor.web.forms.finance import ExpenditureForm
from missiemonitor.web.pages import is_htmx, mission_keys_from, paginate, render_page


@login_required
@require_GET
def finance_overview(request: HttpRequest) -> HttpResponse:
    user = request.user
    mission_keys = mission_keys_from(request)
    rows = selectors.spending_table(user=user, mission_keys=mission_keys)
    page = paginate(request, selectors.expenditures_visible(user=user, mission_keys=mission_keys))
    expenditures = list(page)
    context = {
        "rows": rows,
        "totals": selectors.totals_by_year(rows),
        "expenditures": expenditures,
        "page": page,
        "missions": list(missions_visible(user=user)),
        "selected": set(mission_keys or []),
    }
    template = "finance/_results.html" if is_htmx(request) else "finance/overview.html"
    return render_page(request, template, context, shown=[rows, expenditures])


expenditure_spec = EditSpec(
    model=Expenditure, form_class=ExpenditureForm,
    create=lambda *, user, parent, data: services.expenditure_create(user=user, **data),
    update=lambda *, user, record, version, data: services.expenditure_update(
        user=user, expenditure=record, version=version, **data),
    delete=lambda *, user, record, version: services.expenditure_delete(
        user=user, expenditure=record, version=version),
    title_new=_("New expenditure"), title_edit=_("Edit expenditure"),
    success_url=lambda record: reverse("finance"), deleted_url=lambda record: reverse("finance"),
    delete_name="expenditure_delete",
)
expenditure_edit, expenditure_delete = edit_view(expenditure_spec), delete_view(expenditure_spec)
