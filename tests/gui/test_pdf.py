"""The PDF of the register (gui.pdf), read back with Qt's own PDF reader (pdfium) and, for
the page count, by counting the page objects in the file itself."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor
from PySide6.QtPdf import QPdfDocument
from pytestqt.qtbot import QtBot

from domain.model import Entity, ProcessingActivity, SecurityMeasure
from gui.pdf import PdfError, write_register_pdf
from tests.builders import entity, full_activity

TODAY = date(2026, 11, 1)


def _page_objects(path: Path) -> int:
    """Pages as the file declares them: '/Type /Page' objects (not '/Pages')."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", path.read_bytes()))


def _document(path: Path) -> QPdfDocument:
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    return document


def _text(document: QPdfDocument, page: int) -> str:
    return " ".join(document.getAllText(page).text().split())


def _register() -> tuple[list[Entity], list[ProcessingActivity]]:
    owner = dataclasses.replace(entity(), id=1)
    activities = [
        full_activity(1, "SOIN-01"),
        ProcessingActivity(1, "RH-01", "Paie des agents", purpose="Payer les agents",
                           data_subjects=("Agents",)),
        ProcessingActivity(1, "SEC-01", "Vidéoprotection des accès", department="Sécurité"),
    ]
    return [owner], activities


def test_one_fiche_per_page_after_a_cover(qtbot: QtBot, tmp_path: Path) -> None:
    entities, activities = _register()
    target = tmp_path / "registre.pdf"
    steps: list[tuple[int, int]] = []
    result = write_register_pdf(target, entities, activities, as_of=TODAY,
                                progress=lambda d, t: steps.append((d, t)))
    assert result.pages == len(activities) + 1
    assert _page_objects(target) == len(activities) + 1
    document = _document(target)
    assert document.pageCount() == len(activities) + 1
    cover = _text(document, 0)
    assert "Registre des activités de traitement" in cover
    assert "Centre hospitalier d'Essai" in cover and "Élise Durand" in cover
    assert "établi le 01/11/2026" in cover
    # the cover lists each fiche with its page
    assert re.search(r"RH-01 Paie des agents Centre hospitalier d'Essai 3\b", cover), cover
    fiche = _text(document, 1)
    full = activities[0]
    for words in ("Fiche de registre", "SOIN-01", full.name, "Acteurs",
                  "Responsable du traitement", "Délégué à la protection des données",
                  "Finalité principale", "Bases légales", "Durée de conservation",
                  "Destinataires", "Transferts hors UE", "Mesures de sécurité",
                  "Analyse d'impact (AIPD)", "page 2 / 4"):
        assert words in fiche, words
    assert "Payer les agents" in _text(document, 2)
    assert steps == [(d, 6) for d in range(1, 7)]


def test_a_page_looks_like_a_fiche(qtbot: QtBot, tmp_path: Path) -> None:
    entities, activities = _register()
    target = tmp_path / "registre.pdf"
    write_register_pdf(target, entities, activities[:1], as_of=TODAY)
    image = _document(target).render(1, QSize(620, 877))
    image.save(str(tmp_path / "fiche.png"))
    # the section bands are painted: the page is not blank and has the fiche's blue
    blue = QColor("#2f5597").rgb()
    pixels = [image.pixel(x, y) for y in range(0, image.height(), 4)
              for x in range(0, image.width(), 4)]
    assert sum(1 for p in pixels if p == blue) > 100
    assert sum(1 for p in pixels if QColor(p).lightness() < 100) > 200  # text


def test_a_fiche_longer_than_a_page_goes_on_instead_of_being_cut(qtbot: QtBot,
                                                                  tmp_path: Path) -> None:
    entities, _activities = _register()
    long = ProcessingActivity(1, "NUM-09", "Journalisation", security_measures=tuple(
        SecurityMeasure("other", f"Mesure numéro {n} " + "détaillée " * 30)
        for n in range(1, 81)))
    target = tmp_path / "long.pdf"
    result = write_register_pdf(target, entities, [long], as_of=TODAY)
    assert result.pages >= 3  # the cover, and the fiche over several pages
    document = _document(target)
    text = " ".join(_text(document, p) for p in range(1, document.pageCount()))
    assert "Mesure numéro 80" in text and "Analyse d'impact (AIPD)" in text
    assert "Mesure numéro 80" not in _text(document, 1)


def test_cancelling_leaves_the_target_as_it_was(qtbot: QtBot, tmp_path: Path) -> None:
    entities, activities = _register()
    target = tmp_path / "registre.pdf"
    target.write_bytes(b"previous")
    with pytest.raises(PdfError) as refused:
        write_register_pdf(target, entities, activities, as_of=TODAY, cancelled=lambda: True)
    assert refused.value.code == "pdf.cancelled"
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["registre.pdf"]


def test_a_bad_target_is_refused(qtbot: QtBot, tmp_path: Path) -> None:
    entities, activities = _register()
    with pytest.raises(PdfError) as refused:
        write_register_pdf(tmp_path / "missing" / "r.pdf", entities, activities, as_of=TODAY)
    assert refused.value.code == "pdf.no_folder"


SECTION_TITLES = ("Description du traitement", "Acteurs", "Finalité(s) du traitement effectué",
                  "Bases légales (art. 6) et conditions de l'article 9",
                  "Catégories de données personnelles concernées", "Données sensibles",
                  "Catégories de personnes concernées", "Destinataires", "Transferts hors UE",
                  "Mesures de sécurité", "Analyse d'impact (AIPD)")


def _orphan_titles(path: Path) -> list[tuple[int, str]]:
    """Section titles left alone at the foot of a page (before the footer line)."""
    document = _document(path)
    found = []
    for page in range(document.pageCount()):
        lines = [line.strip() for line in document.getAllText(page).text().splitlines()
                 if line.strip()]
        body = " ".join(lines[:-1])  # the last line is the footer ("… page n / N")
        found += [(page + 1, title) for title in SECTION_TITLES if body.endswith(title)]
    return found


def test_no_section_title_is_left_alone_at_the_foot_of_a_page(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entities, _activities = _register()
    base = full_activity(1, "SOIN-01")
    measures = base.security_measures + tuple(
        SecurityMeasure("other", f"Mesure {m} " + "précisée " * 12) for m in range(14))
    # longer and longer lists of persons: every title comes near a page's foot at some point
    activities = [dataclasses.replace(
        base, ref=f"SOIN-{n:02d}", security_measures=measures,
        data_subjects=tuple(f"Personnes {k}" for k in range(n))) for n in range(0, 40, 3)]
    target = tmp_path / "registre.pdf"
    write_register_pdf(target, entities, activities, as_of=TODAY)
    assert _orphan_titles(target) == []
    # without keeping titles with their section, some are left alone: the check can fail
    monkeypatch.setattr("gui.pdf._keep_titles_with_their_section", lambda *args: None)
    write_register_pdf(target, entities, activities, as_of=TODAY)
    assert _orphan_titles(target) != []
