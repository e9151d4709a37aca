"""The register as a PDF, for printing: a cover page, then one fiche per page.

Each fiche follows the CNIL model's "fiche de registre" (the same sections, in the same
order, as the inspection workbook of ``storage.export``): identification, actors, purposes
and legal bases, data categories with their retention, data subjects, recipients, transfers
outside the EU, security measures, DPIA. The cover page names the controller, its DPO and
representative, the date, and lists the activities with the page of each fiche.

Like the workbook, the document is in French, the CNIL's language: it is what an inspector
reads. Pages are laid out by ``QTextDocument`` and painted on a ``QPdfWriter`` (no widget:
this runs on a worker thread). A fiche longer than a page is scaled down to fit it (down to
``MIN_SCALE``); only beyond that does it go on over more pages. The file is written under a
temporary name next to the target and then moved over it, as the workbook is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path
from typing import Final

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from domain.errors import CodedError
from domain.model import Contact, Entity, ProcessingActivity, Role
from domain.vocabulary import Vocabularies, load_vocabularies
from storage.atomic import replaced_on_success
from storage.export import contact_text, controller_name, retention_words

__all__ = ["MIN_SCALE", "PdfError", "PdfResult", "cover_html", "fiche_html",
           "write_register_pdf"]

FONT_POINTS: Final = 8.0
MIN_SCALE: Final = 0.75  # 6 points: a fiche is never printed smaller; it goes on instead
RESOLUTION: Final = 300  # dots per inch of the layout
KEPT_LAYOUTS: Final = 200  # up to this many fiches (about 0.55 MB each), laid out once
MARGIN_MM: Final = 14.0
Progress = Callable[[int, int], None]

_STYLE: Final = """
body { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; font-size: 8pt; }
h1 { font-size: 14pt; color: #1f3864; margin: 0; }
h2 { font-size: 9pt; color: #ffffff; background-color: #2f5597; margin-top: 6px;
     margin-bottom: 1px; }
table { border-collapse: collapse; }
td, th { border: 1px solid #a6a6a6; padding: 2px; vertical-align: top; }
th { background-color: #d9e1f2; text-align: left; font-weight: bold; }
td.label { background-color: #f2f2f2; font-weight: bold; }
p.muted { color: #595959; }
"""


class PdfError(CodedError):
    """The PDF could not be written; the target is untouched."""


@dataclass(frozen=True)
class PdfResult:
    path: Path
    activities: int
    pages: int


# --- HTML of the pages -----------------------------------------------------------------------


def _e(value: object) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return escape(str(value)).replace("\n", "<br>")


def _label(vocabulary: object, code: str) -> str:
    term = vocabulary.get(code)  # type: ignore[attr-defined]
    return str(term.fr) if term is not None else code


def _rows(rows: Sequence[tuple[str, object]]) -> str:
    body = "".join(f"<tr><td class='label' width='28%'>{escape(label)}</td>"
                   f"<td>{_e(value)}</td></tr>"
                   for label, value in rows)
    return f"<table width='100%' cellspacing='0' cellpadding='2'>{body}</table>"


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]],
           widths: Sequence[int] = ()) -> str:
    if not rows:
        return "<p class='muted'>Néant</p>"
    head = "".join(f"<th width='{widths[i]}%'>{escape(h)}</th>" if widths else
                   f"<th>{escape(h)}</th>" for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(f"<td>{_e(v)}</td>" for v in row) + "</tr>"
                   for row in rows)
    return (f"<table width='100%' cellspacing='0' cellpadding='2'><tr>{head}</tr>{body}"
            "</table>")


def _actor(label: str, contact: Contact) -> tuple[str, str, str, str, str]:
    name = " — ".join(p for p in (contact.name, contact.organisation) if p)
    return label, name, contact.address, contact.phone, contact.email


def fiche_html(activity: ProcessingActivity, entity: Entity | None,
               voc: Vocabularies) -> str:
    """One activity as the CNIL model's fiche (French)."""
    parts = [f"<html><head><style>{_STYLE}</style></head><body>",
             "<table width='100%' cellspacing='0' cellpadding='0' style='border:none'><tr>"
             "<td style='border:none'><h1>Fiche de registre</h1></td>"
             f"<td style='border:none' align='right'><h1>{_e(activity.ref)}</h1></td></tr>"
             "</table>"]
    if entity is not None:
        parts.append(f"<p class='muted'>{_e(entity.name)}</p>")
    parts.append("<h2>Description du traitement</h2>")
    rows: list[tuple[str, object]] = [
        ("Nom du traitement", activity.name), ("N° / RÉF", activity.ref),
        ("Date de création du traitement", activity.created_on),
        ("Mise à jour du traitement", activity.updated_on),
        ("Rôle", _label(voc.roles, activity.role.value)),
        ("Statut", _label(voc.statuses, activity.status.value)),
        ("Service", activity.department),
    ]
    if activity.archived_on is not None:
        rows.append(("Traitement terminé le", activity.archived_on))
    parts.append(_rows(rows))

    parts.append("<h2>Acteurs</h2>")
    actors: list[Sequence[object]] = []
    if entity is not None:
        head = entity.controller
        actors.append(("Responsable du traitement", controller_name(entity), entity.address,
                       head.phone, head.email))
        if not entity.dpo.is_empty():
            actors.append(_actor("Délégué à la protection des données", entity.dpo))
        if not entity.representative.is_empty():
            actors.append(_actor("Représentant", entity.representative))
    if activity.joint_controllers:
        actors.append(("Responsable(s) conjoint(s)", ", ".join(activity.joint_controllers),
                       "", "", ""))
    if activity.role is Role.PROCESSOR and activity.controllers_acted_for:
        actors.append(("Pour le compte de", ", ".join(activity.controllers_acted_for),
                       "", "", ""))
    if not activity.owner.is_empty():
        actors.append(_actor("Responsable opérationnel", activity.owner))
    parts.append(_table(("", "Nom", "Adresse", "Téléphone", "Adresse mél"), actors,
                        (24, 24, 24, 12, 16)))

    parts.append("<h2>Finalité(s) du traitement effectué</h2>")
    purposes: list[tuple[str, object]] = [("Finalité principale", activity.purpose)]
    purposes += [(f"Sous-finalité {n}", sub)
                 for n, sub in enumerate(activity.sub_purposes, start=1)]
    parts.append(_rows(purposes))
    parts.append("<h2>Bases légales (art. 6) et conditions de l'article 9</h2>")
    bases = [(b.code, _label(voc.legal_bases, b.code), b.justification)
             for b in activity.legal_bases]
    bases += [(c.code, _label(voc.art9_conditions, c.code), c.justification)
              for c in activity.special_conditions]
    parts.append(_table(("Code", "Base légale / condition", "Justification"), bases,
                        (12, 44, 44)))

    for title, sensitive in (("Catégories de données personnelles concernées", False),
                             ("Données sensibles", True)):
        uses = [u for u in activity.data_categories
                if voc.is_sensitive_category(u.code) is sensitive]
        parts.append(f"<h2>{escape(title)}</h2>")
        parts.append(_table(("Catégorie", "Description", "Durée de conservation"), [
            (_category(voc, u.code, u.label), u.description, retention_words(voc, u.retention))
            for u in uses], (28, 30, 42)))
    parts.append("<h2>Catégories de personnes concernées</h2>")
    parts.append(_table(("Description",), [(s,) for s in activity.data_subjects]))
    parts.append("<h2>Destinataires</h2>")
    parts.append(_table(("Type de destinataire", "Précisions"), [
        (_label(voc.recipient_kinds, r.kind.value), " — ".join(p for p in (
            r.name, f"contrat : {r.contract_reference}" if r.contract_reference else "",
            _label(voc.countries, r.country) if r.country else "") if p))
        for r in activity.recipients], (35, 65)))
    parts.append("<h2>Transferts hors UE</h2>")
    parts.append(_table(("Destinataire", "Pays", "Type de garanties", "Documentation"), [
        (t.recipient, _label(voc.countries, t.country),
         _label(voc.safeguards, t.safeguard.value) if t.safeguard else "", t.documentation)
        for t in activity.transfers], (28, 18, 24, 30)))
    parts.append("<h2>Mesures de sécurité</h2>")
    parts.append(_table(("Type de mesure de sécurité", "Précisions"), [
        (_label(voc.security_measures, m.code), m.detail) for m in activity.security_measures
    ], (35, 65)))
    dpia = activity.dpia
    parts.append("<h2>Analyse d'impact (AIPD)</h2>")
    parts.append(_rows([
        ("AIPD requise", "Oui" if dpia.required else "Non"),
        ("Critères du CEPD", ", ".join(_label(voc.dpia_criteria, c) for c in dpia.criteria)),
        ("Type figurant sur la liste CNIL",
         _label(voc.dpia_mandatory_types, dpia.mandatory_type) if dpia.mandatory_type else ""),
        ("AIPD réalisée le", dpia.done_on), ("Référence de l'AIPD", dpia.reference),
    ]))
    if activity.notes:
        parts.append("<h2>Notes</h2>")
        parts.append(f"<p>{_e(activity.notes)}</p>")
    parts.append("</body></html>")
    return "".join(parts)


def _category(voc: Vocabularies, code: str, label: str) -> str:
    term = voc.data_categories.get(code)
    return term.fr if term is not None else (label or code)


def cover_html(entities: Sequence[Entity], activities: Sequence[ProcessingActivity],
               as_of: date, pages: Sequence[int] = ()) -> str:
    """The cover: who keeps the register, its date, and the list of fiches (with their
    page when known)."""
    parts = [f"<html><head><style>{_STYLE}</style></head><body>",
             "<h1>Registre des activités de traitement</h1>",
             "<p class='muted'>Article 30 du règlement général sur la protection des données"
             f" — établi le {as_of:%d/%m/%Y}</p>"]
    for entity in entities:
        parts.append(f"<h2>{_e(entity.name)}</h2>")
        rows: list[tuple[str, object]] = [("Adresse", entity.address),
                                          ("Responsable", contact_text(entity.controller))]
        if entity.group:
            rows.append(("Groupe", entity.group))
        rows += [("Délégué à la protection des données (DPO)", contact_text(entity.dpo)),
                 ("Représentant", contact_text(entity.representative))]
        parts.append(_rows(rows))
    names = {e.id: e.name for e in entities}
    parts.append(f"<h2>Traitements ({len(activities)})</h2>")
    listed = [(a.ref, a.name, names.get(a.entity_id, ""),
               str(pages[i]) if i < len(pages) else "")
              for i, a in enumerate(activities)]
    parts.append(_table(("N° / RÉF", "Nom du traitement", "Entité", "Page"), listed,
                        (14, 56, 22, 8)))
    parts.append("</body></html>")
    return "".join(parts)


# --- painting ---------------------------------------------------------------------------------


class _Pages:
    """Paints HTML documents on the writer, each from the top of a new page."""

    def __init__(self, writer: QPdfWriter) -> None:
        self.writer = writer
        self.painter = QPainter()
        rect = writer.pageLayout().paintRectPixels(writer.resolution())
        self.footer = writer.resolution() * 0.2  # a line for "Registre — … — page n / N"
        self.width, self.height = float(rect.width()), float(rect.height()) - self.footer
        self.count = 0
        self.total = 0  # pages in the document, for the footer (0: not shown)
        self._kept: dict[str, tuple[QTextDocument, float, int]] = {}
        self.font = QFont("DejaVu Sans")
        self.font.setPointSizeF(FONT_POINTS)

    def _document(self, html: str, width: float) -> QTextDocument:
        document = QTextDocument()
        document.documentLayout().setPaintDevice(self.writer)
        document.setDefaultFont(self.font)
        document.setDocumentMargin(0)
        document.setHtml(html)
        document.setTextWidth(width)
        return document

    def measure(self, html: str, keep: bool = False) -> int:
        """How many pages ``html`` takes; ``keep``: the layout is kept for :meth:`paint`
        (twice as fast, at the cost of memory: for registers of usual size)."""
        laid_out = self._layout(html)
        if keep:
            self._kept[html] = laid_out
        return laid_out[2]

    def _layout(self, html: str) -> tuple[QTextDocument, float, int]:
        document = self._document(html, self.width)
        height = document.size().height()
        if height <= self.height:
            return document, 1.0, 1
        scale = self.height / height
        for _attempt in range(4):  # narrower text wraps less: a few rounds converge
            if scale < MIN_SCALE:
                break
            document.setTextWidth(self.width / scale)
            height = document.size().height() * scale
            if height <= self.height:
                return document, scale, 1
            scale *= self.height / height
        scale = MIN_SCALE
        # the document paginates itself: no line is cut in two at a page's foot
        document.setPageSize(QSizeF(self.width / scale, self.height / scale))
        _keep_titles_with_their_section(document, self.height / scale)
        return document, scale, max(1, document.pageCount())

    def paint(self, html: str, footer: str = "") -> int:
        kept = self._kept.pop(html, None)
        document, scale, pages = kept if kept is not None else self._layout(html)
        if not self.painter.isActive():
            self.painter.begin(self.writer)
        slice_height = self.height / scale
        for page in range(pages):
            if self.count:
                self.writer.newPage()
            self.count += 1
            self.painter.save()
            self.painter.scale(scale, scale)
            self.painter.translate(0, -page * slice_height)
            document.drawContents(self.painter, QRectF(0, page * slice_height,
                                                       self.width / scale, slice_height))
            self.painter.restore()
            self._footer(footer)
        return pages

    def _footer(self, text: str) -> None:
        font = QFont(self.font)
        font.setPointSizeF(7)
        self.painter.setFont(font)
        self.painter.setPen(QColor("#595959"))
        number = f"page {self.count}" + (f" / {self.total}" if self.total else "")
        area = QRectF(0, self.height + self.footer * 0.25, self.width, self.footer * 0.75)
        self.painter.drawText(area, int(Qt.AlignmentFlag.AlignLeft
                                        | Qt.AlignmentFlag.AlignVCenter), text)
        self.painter.drawText(area, int(Qt.AlignmentFlag.AlignRight
                                        | Qt.AlignmentFlag.AlignVCenter), number)


    def end(self) -> None:
        if self.painter.isActive():
            self.painter.end()


def _keep_titles_with_their_section(document: QTextDocument, page_height: float) -> None:
    """A section title at a page's foot starts the next page instead (Qt's pagination keeps
    lines whole but knows no "keep with next")."""
    layout = document.documentLayout()
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() == 2:
            rect = layout.blockBoundingRect(block)
            room = page_height - rect.top() % page_height
            if room < rect.height() * 5:  # the title and less than a few lines of its own
                title = block.blockFormat()
                title.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                QTextCursor(block).setBlockFormat(title)
        block = block.next()


def _writer(path: Path) -> QPdfWriter:
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                                     QPageLayout.Unit.Millimeter))
    writer.setTitle("Registre des activités de traitement")
    writer.setCreator("Registre")
    return writer


def write_register_pdf(path: Path, entities: Sequence[Entity],
                       activities: Sequence[ProcessingActivity], *, as_of: date,
                       voc: Vocabularies | None = None, progress: Progress | None = None,
                       cancelled: Callable[[], bool] | None = None) -> PdfResult:
    """Write the cover and one fiche per activity to ``path`` (atomically).

    ``progress(done, total)``: each fiche is one step when measured (the cover gives the page
    of each) and one when painted; ``cancelled()`` is asked between steps and raises
    ``pdf.cancelled``, leaving the target as it was."""
    path = Path(path).expanduser()
    if path.suffix.lower() != ".pdf":
        raise PdfError("pdf.suffix", f"{path.name}: a PDF file name ends in .pdf",
                       file=str(path))
    if not path.parent.is_dir():
        raise PdfError("pdf.no_folder", f"folder {path.parent} does not exist",
                       file=str(path))
    voc = voc or load_vocabularies()
    by_id = {e.id: e for e in entities}
    count = len(activities)
    total = 2 * count  # each fiche is laid out twice: measured (for the cover), painted

    def step(done: int) -> None:
        if cancelled is not None and cancelled():
            raise PdfError("pdf.cancelled", "printing cancelled; nothing written",
                           file=str(path))
        if progress is not None and done:
            progress(done, total)

    with replaced_on_success(path) as temporary:
        writer = _writer(temporary)
        pages = _Pages(writer)
        fiches = [fiche_html(a, by_id.get(a.entity_id), voc) for a in activities]
        # the cover lists the page of each fiche: measure them first
        sizes = []
        step(0)
        for done, html in enumerate(fiches, start=1):
            sizes.append(pages.measure(html, keep=count <= KEPT_LAYOUTS))
            step(done)
        cover_pages = pages.measure(cover_html(entities, activities, as_of, [0] * count))
        first: list[int] = []
        number = cover_pages + 1
        for size in sizes:
            first.append(number)
            number += size
        pages.total = number - 1
        title = "Registre des activités de traitement — " + ", ".join(e.name for e in entities)
        pages.paint(cover_html(entities, activities, as_of, first), title)
        for done, (activity, html) in enumerate(zip(activities, fiches, strict=True), start=1):
            pages.paint(html, f"{activity.ref} — {activity.name}")
            step(count + done)
        written = pages.count
        pages.end()  # the PDF is complete when painting ends
        del pages, writer  # and the file is closed with the writer
    return PdfResult(path=path, activities=count, pages=written)

