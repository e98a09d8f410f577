"""Finances (spending by mission and budget source, the total, the previous year where the data
has it) and the signatures."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.utils.translation import pgettext

from missiemonitor.core.periods import shift_period_years
from missiemonitor.finance.models import BudgetSource
from missiemonitor.reporting.build.base import Builder
from missiemonitor.reporting.build.charts import spending_chart
from missiemonitor.reporting.build.facts import localized
from missiemonitor.reporting.build.indicators import period_phrase
from missiemonitor.reporting.build.phrases import capitalise, compose, join
from missiemonitor.reporting.viewmodel import (
    Cell,
    Paragraph,
    Run,
    Section,
    Signature,
    Signatures,
    Table,
)


def _mission_name(b: Builder, expenditure) -> Run:
    mission = b.scope.mission(expenditure.mission_id)
    return b.facts.name(mission.acronym or mission.name, [mission])


def finance(b: Builder) -> Section:
    section = Section(key="finance", title=pgettext("report", "Finances"))
    blocks = b.narratives("finance")
    authored = Section(key="finance-text", title="")
    covered = b.narrate(authored, blocks, key_prefix="finance")
    spent = [e for e in b.scope.expenditures if e.amount is not None]
    current = [e for e in spent if e.end >= b.scope.start]
    earlier = [e for e in spent if e.end < b.scope.start]
    by_period: dict[tuple, list] = defaultdict(list)
    for e in current:
        by_period[(e.start, e.end)].append(e)
    previous: dict[tuple, list] = defaultdict(list)
    for e in earlier:
        previous[(e.start, e.end)].append(e)
    for (start, end), items in by_period.items():
        runs = _period_sentence(b, start, end, items, covered)
        before = previous.get(shift_period_years(start, end, -1))
        if before:
            total = sum((e.amount for e in before), Decimal(0))
            runs += [" ", *capitalise(compose(pgettext("report", "{period} this was {total}."),
                                              period=period_phrase(b, before[0].start, before[0].end, before),
                                              total=b.facts.money(total, before, approximately=any(
                                                  e.approximately for e in before))))]
        if runs:
            section.blocks.append(Paragraph(runs))
    # The totals come first: authored text on funding usually refers back to them.
    section.blocks.extend(authored.blocks)
    section.children.extend(authored.children)
    if not blocks:
        by_source: dict[str, list] = defaultdict(list)
        for e in b.scope.expenditures:
            if e.end >= b.scope.start:
                by_source[e.budget_source].append(e)
        for source, items in by_source.items():
            missions = list(dict.fromkeys(e.mission_id for e in items))
            names = join([[_mission_name(b, next(e for e in items if e.mission_id == m))] for m in missions],
                         language=b.language)
            section.blocks.append(Paragraph(compose(pgettext("report", "Budget source {source}: {missions}."),
                                                    source=str(BudgetSource(source).label), missions=names)))
        for e in b.scope.expenditures:
            description = localized(e, "description", b.language)
            if e.end >= b.scope.start and e.amount is None and description:
                section.blocks.append(Paragraph([b.facts.statement(description, [e])]))
    if spent:
        section.blocks.append(_table(b, spent))
        chart = spending_chart(b, current)
        if chart is not None:
            section.blocks.append(chart)
    if section.is_empty():
        section.blocks.append(Paragraph([pgettext("report", "The data hold no spending for this period.")]))
    return section


def _period_sentence(b: Builder, start, end, items, covered) -> list[Run]:
    period = period_phrase(b, start, end, items)
    approximate = any(e.approximately for e in items)
    if len(items) == 1:
        e = items[0]
        if b.mentions(covered, e):
            return []
        return capitalise(compose(pgettext("report", "{period} spending on {mission} amounted to {amount}."), period=period,
                                  mission=_mission_name(b, e),
                                  amount=b.facts.money(e.amount, [e], approximately=e.approximately)))
    total = b.facts.money(sum((e.amount for e in items), Decimal(0)), items, approximately=approximate)
    shared = {e.mission_id for e in items if sum(1 for o in items if o.mission_id == e.mission_id) > 1}
    parts = []
    for e in sorted(items, key=lambda e: e.amount):
        if b.mentions(covered, e):
            continue
        part = [b.facts.money(e.amount, [e], approximately=e.approximately), " ",
                *compose(pgettext("report", "for {mission}"), mission=_mission_name(b, e))]
        if e.mission_id in shared:
            part.append(f" ({BudgetSource(e.budget_source).label})")
        parts.append(part)
    if not parts:
        return capitalise(compose(pgettext("report", "{period} total spending amounted to {total}."), period=period, total=total))
    return capitalise(compose(pgettext("report", "{period} total spending amounted to {total}, of which {parts}."),
                              period=period, total=total, parts=join(parts, language=b.language)))


def _table(b: Builder, spent) -> Table:
    periods = sorted({(e.start, e.end) for e in spent})
    keys = list(dict.fromkeys((e.mission_id, e.budget_source) for e in spent))
    rows, levels = [], []
    for mission_id, source in keys:
        items = [e for e in spent if (e.mission_id, e.budget_source) == (mission_id, source)]
        cells = [Cell([_mission_name(b, items[0])]), Cell([str(BudgetSource(source).label)])]
        for period in periods:
            here = [e for e in items if (e.start, e.end) == period]
            if here:
                amount = sum((e.amount for e in here), Decimal(0))
                cells.append(Cell([b.facts.money(amount, here, approximately=any(e.approximately for e in here))],
                                  numeric=True))
            else:
                cells.append(Cell(["–"], numeric=True))
        rows.append(cells)
        levels.append(max(e.classification for e in items))
    footer = [Cell([pgettext("report", "Total")]), Cell([""])]
    for period in periods:
        here = [e for e in spent if (e.start, e.end) == period]
        footer.append(Cell([b.facts.money(sum((e.amount for e in here), Decimal(0)), here,
                                          approximately=any(e.approximately for e in here))], numeric=True))
    header: list = [pgettext("report", "Mission"), pgettext("report", "Budget source")] + [
        b.facts.period(start, end, [e for e in spent if (e.start, e.end) == (start, end)])
        for start, end in periods]
    return Table(caption=pgettext("report", "Spending by mission and budget source"), header=header, rows=rows,
                 row_classifications=levels, footer=footer)


def signatures(b: Builder) -> Section:
    section = Section(key="signatures", title="")
    if b.scope.signatories:
        section.blocks.append(Signatures([
            Signature(function=localized(s, "function", b.language), name=s.name, source=b.facts.ref(s))
            for s in b.scope.signatories], classification=max(s.classification for s in b.scope.signatories)))
    return section
