"""The builder that section modules share: the scope, the fact maker, footnotes and the
authored narrative blocks."""

from __future__ import annotations

from typing import Any

from missiemonitor.reporting.build.facts import Facts
from missiemonitor.reporting.build.narratives import Rendered, Resolver, model_labels, render
from missiemonitor.reporting.build.scope import Scope
from missiemonitor.reporting.placeholders import KINDS, find_placeholders
from missiemonitor.reporting.viewmodel import Fact, Footnote, NoteRef, Paragraph, Run, Section


class Builder:
    def __init__(self, *, scope: Scope, language: str, audience: str) -> None:
        self.scope = scope
        self.language = language
        self.audience = audience
        self.facts = Facts(language)
        self.footnotes: list[Footnote] = []
        self.left_out = 0  # narrative sentences left out for visibility
        known: list[Any] = [*scope.missions, *scope.mandates, *scope.contributions, *scope.objectives,
                            *scope.indicators, *scope.visits, *scope.events, *scope.threats,
                            *scope.incidents, *scope.expenditures, *scope.programmes,
                            *scope.locations.values(), *scope.sources.values()]
        for groups in (scope.assets, scope.milestones, scope.roles, scope.postings, scope.observations,
                       scope.findings, scope.versions, scope.ltos):
            for items in groups.values():
                known.extend(items)
        self.resolver = Resolver(user=scope.user, facts=self.facts, known=known, footnote=self.footnote)
        self.resolver.set_figures(scope.event_figures)
        self.resolver.prefetch([block.text for block in scope.narratives])
        # Every record some narrative text names: generated sentences do not repeat its figures.
        self.narrated: set[tuple[str, str]] = {
            (label, key) for block in scope.narratives for kind, key, _f in find_placeholders(block.text)
            if kind in KINDS for label in model_labels(kind)}

    # --- footnotes ------------------------------------------------------------------------
    def footnote(self, fact: Fact) -> NoteRef:
        number = len(self.footnotes) + 1
        self.footnotes.append(Footnote(number=number, runs=[fact], source=fact.sources[0] if fact.sources else None))
        return NoteRef(number)

    def cite(self, obj: Any) -> NoteRef:
        return self.footnote(self.facts.citation(obj))

    # --- narratives -----------------------------------------------------------------------
    def narratives(self, section: str, *, mission: Any = None, contribution: Any = None) -> list:
        blocks = []
        for block in self.scope.narratives:
            if block.section != section:
                continue
            if contribution is not None:
                if block.contribution_id != contribution.pk:
                    continue
            elif mission is not None:
                if block.mission_id != mission.pk or block.contribution_id is not None:
                    continue
            elif section not in {"mission", "contribution"} and block.contribution_id is not None:
                continue
            blocks.append(block)
        return sorted(blocks, key=lambda b: (b.order, b.key))

    def narrate(self, target: Section, blocks: list, *, key_prefix: str,
                title_from_first: bool = False) -> set[tuple[str, str]]:
        """Add the blocks to the section: text without a heading as paragraphs, text with a
        heading as a sub-section. With ``title_from_first``, the first block's heading is the
        heading of the section itself (the way authors word a mission's part of the report).
        Returns the records the text refers to."""
        covered: set[tuple[str, str]] = set()
        for i, block in enumerate(blocks):
            rendered: Rendered = render(block.text, self.resolver, where=f"narrative {block.key!r}",
                                        block=block)
            self.left_out += rendered.left_out
            covered |= rendered.records
            paragraphs = rendered.blocks
            if not paragraphs:
                continue
            if i == 0 and title_from_first:
                target.title = block.heading or ""
                target.blocks.extend(paragraphs)
            elif block.heading:
                target.children.append(Section(key=f"{key_prefix}-{block.key}", title=block.heading,
                                               blocks=list(paragraphs),
                                               classification=block.classification))
            else:
                target.blocks.extend(paragraphs)
        return covered

    def mentions(self, covered: set[tuple[str, str]], *objs: Any) -> bool:
        """Whether authored text (of this section, or anywhere in the report) names a record."""
        return any((obj._meta.label, obj.key) in covered or (obj._meta.label, obj.key) in self.narrated
                   for obj in objs if obj is not None)

    def para(self, runs: list[Run], **kw) -> Paragraph:
        return Paragraph(runs=runs, **kw)
