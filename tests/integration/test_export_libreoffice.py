"""The inspection workbook opens in a real client: LibreOffice converts it without error.

`make test` installs LibreOffice's headless Calc when it is missing (.ci/libreoffice.sh);
if it still is not there, this test fails and says so rather than skipping.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
from datetime import date
from pathlib import Path

from storage.demo import write_demo
from storage.export import export_register
from storage.register import open_register


def _soffice() -> str:
    found = shutil.which("soffice")
    assert found, "LibreOffice is not installed: run `bash .ci/libreoffice.sh` (as root)"
    return found


def _convert(workbook: Path, target: str, folder: Path) -> subprocess.CompletedProcess[str]:
    profile = (folder / "lo-profile").as_uri()
    return subprocess.run(
        [_soffice(), f"-env:UserInstallation={profile}", "--headless", "--norestore",
         "--convert-to", target, "--outdir", str(folder), str(workbook)],
        capture_output=True, text=True, timeout=180, check=False)


def test_libreoffice_opens_the_demo_export(tmp_path: Path) -> None:
    write_demo(tmp_path / "demo.db", date(2026, 11, 1))
    register = open_register(str(tmp_path / "demo.db"))
    try:
        export_register(register, tmp_path / "inspection.xlsx", as_of=date(2026, 11, 1))
    finally:
        register.close()
    done = _convert(tmp_path / "inspection.xlsx", "pdf", tmp_path)
    assert done.returncode == 0, done.stderr
    pdf = tmp_path / "inspection.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    assert pdf.stat().st_size > 20_000  # every sheet laid out, not an empty page
    # The first sheet as LibreOffice reads it: the controller and the activities, as text.
    done = _convert(tmp_path / "inspection.xlsx", "csv:Text - txt - csv (StarCalc):44,34,76,1",
                    tmp_path)
    assert done.returncode == 0, done.stderr
    with (tmp_path / "inspection.csv").open(encoding="utf-8") as stream:
        text = "\n".join(",".join(row) for row in csv.reader(stream))
    assert "Centre hospitalier de Valmont" in text
    assert "SOIN-01" in text
