"""The report builder: choose period, scope, audience, language and formats; preview the HTML;
edit the narrative blocks of each section beside the generated text; download the files.
The report itself comes from helper D's reporting services; this module only wires pages."""

from __future__ import annotations

import base64
import hashlib
import re
import uuid
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from missiemonitor.core.editing import simple_record_update
from missiemonitor.missions.selectors import missions_visible
from missiemonitor.reporting import selectors
from missiemonitor.reporting.build import ReportError
from missiemonitor.reporting.models import NarrativeBlock, Signatory
from missiemonitor.reporting.render import render
from missiemonitor.reporting.render.charts import ChartImages
from missiemonitor.reporting.render.html import HtmlWriter
from missiemonitor.reporting.selectors import narratives_by_section, report_build
from missiemonitor.reporting.services import report_generate, report_user_dir
from missiemonitor.reporting.viewmodel import Chart
from missiemonitor.web.editing import EditSpec, delete_view, edit_view, plain_spec
from missiemonitor.web.forms.reporting import (
    NarrativeBlockForm,
    NarrativeForm,
    ReportForm,
    SignatoryForm,
)
from missiemonitor.web.pages import default_period, paginate, render_page
from missiemonitor.web.selectors import reporting_period_default

SESSION_BATCHES = "report_batches"


def _report_form(request: HttpRequest, data=None) -> ReportForm:
    user = request.user
    period = reporting_period_default(user=user) or default_period()
    return ReportForm(data, missions=list(missions_visible(user=user)),
                      initial={"start": period.start, "end": period.end})


@login_required
@require_http_methods(["GET", "POST"])
def report_builder(request: HttpRequest) -> HttpResponse:
    """GET shows the choices; POST generates the chosen formats and lists them for download."""
    form = _report_form(request, request.POST if request.method == "POST" else (request.GET or None))
    files = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid() and not form.cleaned_data["formats"]:
            form.add_error("formats", _("Choose at least one format."))
        if form.is_valid():
            batch = uuid.uuid4().hex
            try:
                paths = report_generate(user=request.user, formats=form.cleaned_data["formats"],
                                        out_dir=report_user_dir(user=request.user, batch=batch),
                                        **form.build_kwargs())
            except ReportError as exc:
                form.add_error(None, str(exc))
            else:
                batches = request.session.get(SESSION_BATCHES, [])[-19:]
                request.session[SESSION_BATCHES] = [*batches, batch]
                files = [{"name": p.name, "size": p.stat().st_size,
                          "url": reverse("report_download", args=[batch, p.name])} for p in paths]
                status = 200
    return render_page(request, "reporting/builder.html", {"form": form, "files": files}, status=status)


PREVIEW_CSP = {
    # The report's HTML is one self-contained file with its own stylesheet and charts as data
    # images; it runs no scripts. The preview allows exactly that, in a sandbox: its one
    # stylesheet by hash (no 'unsafe-inline'), images as data: URIs, nothing else.
    "default-src": ["'none'"],
    "img-src": ["data:"],
    "sandbox": [""],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
}
STYLE_ELEMENT = re.compile(r"<style>(.*?)</style>", re.S)


def preview_policy(html: str) -> dict:
    """The preview's policy, allowing exactly the stylesheets of ``html`` by their SHA-256."""
    hashes = [f"'sha256-{base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()}'"
              for css in STYLE_ELEMENT.findall(html)]
    return {**PREVIEW_CSP, "style-src": hashes or ["'none'"]}


@login_required
@require_GET
def report_preview(request: HttpRequest) -> HttpResponse:
    """The report as HTML, exactly as the HTML file will be."""
    form = _report_form(request, request.GET)
    if not form.is_valid():
        return redirect(reverse("report_builder") + "?" + request.GET.urlencode())
    try:
        report = report_build(user=request.user, **form.build_kwargs())
    except ReportError as exc:
        messages.error(request, str(exc))
        return redirect(reverse("report_builder") + "?" + request.GET.urlencode())
    html = render(report, "html")
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response._csp_config = preview_policy(html.decode())  # what django.views.decorators.csp.csp_override sets
    return response


def _generated_html(report, section) -> str:
    writer = HtmlWriter(report, ChartImages())
    parts = []
    for block in section.blocks:
        if getattr(block, "origin", "generated") == "narrative":
            continue
        if isinstance(block, Chart):  # charts are drawn in the files; here their text stands in
            parts.append(f'<p class="nl-paragraph"><strong>{escape(block.title)}.</strong> '
                         f"{writer.runs(block.alt)}</p>")
        else:
            parts.append(writer.block(block))
    return mark_safe("".join(parts))  # noqa: S308 - the renderer escapes every text it writes


@login_required
@require_GET
def narrative_editor(request: HttpRequest) -> HttpResponse:
    """Each section of the report with its narrative blocks (editable) beside the text the
    report generates from the data."""
    user = request.user
    form = _report_form(request, request.GET or None)
    sections = []
    blocks = []
    if form.is_bound and form.is_valid():
        kwargs = form.build_kwargs()
        try:
            report = report_build(user=user, **kwargs)
        except ReportError as exc:
            form.add_error(None, str(exc))
        else:
            by_key = narratives_by_section(user=user, language=kwargs["language"], start=kwargs["start"],
                                           end=kwargs["end"])
            blocks = [block for group in by_key.values() for block in group]
            for section in report.walk():
                narratives = by_key.get(section.key, [])
                generated = _generated_html(report, section)
                if not narratives and not generated:
                    continue
                sections.append({
                    "key": section.key, "title": section.title or section.key,
                    "generated": generated,
                    "forms": [NarrativeForm(instance=b, user=user, auto_id=f"{b.key}-%s") for b in narratives],
                })
    return render_page(request, "reporting/narratives.html",
                       {"form": form, "sections": sections, "query": request.GET.urlencode()},
                       shown=[blocks])


narrative_edit = edit_view(EditSpec(
    model=NarrativeBlock, form_class=NarrativeForm, create=None,
    update=lambda *, user, record, version, data: simple_record_update(model=NarrativeBlock, user=user, record=record,
                                                               version=version, fields=data),
    title_new="", title_edit=gettext_lazy("Edit report text"),
    success_url=lambda record: reverse("narrative_editor"),
))


def _texts_url(record) -> str:
    query = urlencode({"start": record.start, "end": record.end, "language": record.language,
                       "audience": "restricted"})
    return f"{reverse('narrative_editor')}?{query}#{record.key}"


narrative_spec = plain_spec(
    NarrativeBlock, NarrativeBlockForm, title_new=gettext_lazy("New report text"),
    title_edit=gettext_lazy("Edit report text and where it goes"), success_url=_texts_url,
    key_base=lambda data, parent: f"narrative-{data['section']}-{data['language']}", key_date="start",
    deleted_url=lambda record: reverse("narrative_editor"), delete_name="narrative_delete")
narrative_new = narrative_settings = edit_view(narrative_spec)  # the URL name says which
narrative_delete = delete_view(narrative_spec)


@login_required
@require_GET
def signatory_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.signatory_list(user=request.user))
    signatories = list(page)
    return render_page(request, "reporting/signatories.html", {"page": page, "signatories": signatories},
                       shown=[signatories])


signatory_spec = plain_spec(
    Signatory, SignatoryForm, title_new=gettext_lazy("New signatory"), title_edit=gettext_lazy("Edit signatory"),
    success_url=lambda record: reverse("signatories"), key_base=lambda data, parent: f"signatory-{data['name']}",
    key_date="start", deleted_url=lambda record: reverse("signatories"), delete_name="signatory_delete")
signatory_edit, signatory_delete = edit_view(signatory_spec), delete_view(signatory_spec)


@login_required
@require_GET
def report_download(request: HttpRequest, batch: str, filename: str) -> FileResponse:
    """A file generated in this session (another user's reports are not reachable)."""
    if batch not in request.session.get(SESSION_BATCHES, []) or "/" in filename or filename.startswith("."):
        raise Http404
    path = report_user_dir(user=request.user, batch=batch) / filename
    if not path.is_file():
        raise Http404
    return FileResponse(path.open("rb"), as_attachment=True, filename=filename)
