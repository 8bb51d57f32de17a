"""Look at a report as a reader will: print each HTML report to PDF with a headless
Chromium (or Chrome), turn every page into a PNG with pdftoppm, and say how many pages
there are and what page 1 holds, so that anyone changing a template can see the result.

    partnership-check score reports/example/example-record-office.yaml --format html --out pages
    python tools/report_pages.py pages/*.html

The PDF and the PNGs (``<report>-01.png``, ``<report>-02.png``...) go beside each report, or
into ``--out``. Needs a Chromium (Debian and Ubuntu: ``apt-get install -y chromium``) and
poppler's tools (``apt-get install -y poppler-utils``). The tests never need either.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "chrome")
PAGE_ONE_LINES = 12  # lines of page 1's text printed, from its end


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reports", nargs="+", type=Path, help="HTML reports")
    parser.add_argument("--out", type=Path, help="folder for the PDFs and PNGs")
    parser.add_argument("--dpi", type=int, default=60, help="resolution of the PNGs (60)")
    parser.add_argument("--browser", help="the browser to print with (default: found on PATH)")
    args = parser.parse_args(argv)
    browser = args.browser or next((b for b in BROWSERS if shutil.which(b)), None)
    if browser is None or shutil.which(browser) is None:
        return _missing(
            f"no browser found (tried {', '.join([args.browser] if args.browser else BROWSERS)})"
        )
    for tool in ("pdftoppm", "pdftotext"):
        if shutil.which(tool) is None:
            return _missing(f"{tool} not found; it comes with poppler-utils")
    for report in args.reports:
        if not report.is_file():
            print(f"{report}: no such file", file=sys.stderr)
            return 2
        folder = args.out or report.parent
        folder.mkdir(parents=True, exist_ok=True)
        pdf = print_to_pdf(browser, report, folder / f"{report.stem}.pdf")
        pages = pdf_to_pngs(pdf, folder / report.stem, args.dpi)
        print(f"{pdf}: {len(pages)} pages, {pages[0].name} to {pages[-1].name}")
        print("  page 1 ends:")
        for line in page_text(pdf, 1).rstrip().splitlines()[-PAGE_ONE_LINES:]:
            print(f"    {line}")
    return 0


def print_to_pdf(browser: str, report: Path, pdf: Path) -> Path:
    """The report printed by the browser as it prints for a person, without the browser's
    own header and footer (date, title, address)."""
    command = [
        browser,
        "--headless",
        "--no-sandbox",  # runs as root in containers; the page has no scripts to fear
        "--disable-gpu",
        "--no-pdf-header-footer",
        "--print-to-pdf-no-header",  # the same, for older versions
        f"--print-to-pdf={pdf}",
        report.resolve().as_uri(),
    ]
    subprocess.run(command, check=True, capture_output=True)
    return pdf


def pdf_to_pngs(pdf: Path, prefix: Path, dpi: int) -> list[Path]:
    """Every page as ``<prefix>-NN.png``; pages left from an earlier, longer run are removed."""
    for old in prefix.parent.glob(f"{prefix.name}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(prefix)], check=True)
    return sorted(prefix.parent.glob(f"{prefix.name}-*.png"))


def page_text(pdf: Path, page: int) -> str:
    command = ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def _missing(message: str) -> int:
    print(f"report_pages: {message}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
