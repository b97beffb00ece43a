"""Wall time and peak memory of the exports: the demo version and one with ten times as many
measures.

Run with `make bench` (PostgreSQL from DATABASE_URL; a throw-away test database is created).
Every export is rendered in a fresh process, so each run pays what a cold worker pays (imports,
fonts, the hyphenation dictionary: about 2 s once per process for a PDF) and its peak memory is
its own (getrusage). The same process then renders it once more: the time a warm worker needs,
wall and CPU (the CPU time does not grow when other work shares the machine). Goal: the demo
version's PDF in under 5 s (warm) and 300 MB.
"""

from __future__ import annotations

import io
import json
import os
import resource
import subprocess
import sys
import time
from urllib.parse import urlsplit

from common import bench_database  # noqa: I001  (sets up Django)
from django.core.management import call_command
from django.db import connection

from measures.opendata import render as measures_render

GOAL_SECONDS = 5
GOAL_MB = 300
# (document, format) measured for each version; another document can be added here.
EXPORTS = [("version", "pdf"), ("version", "docx"), ("version", "odt"), ("measures", "xlsx")]
# The annual implementation report (its first edition; `number` is its year), rendered as the
# task worker renders it when the report is issued.
REPORT_EXPORTS = [("report", "pdf"), ("report", "docx"), ("report", "odt")]


def render_report_once(fmt: str, year: int) -> dict:
    from measures.models import ImplementationReport
    from measures.report_issuing import render_report

    report = ImplementationReport.objects.get(year=year, edition=0)
    started = time.perf_counter()
    data = render_report(report, fmt)
    cold = time.perf_counter() - started
    started, cpu = time.perf_counter(), time.process_time()
    render_report(report, fmt)
    warm, warm_cpu = time.perf_counter() - started, time.process_time() - cpu
    pages = None
    if fmt == "pdf":
        from pypdf import PdfReader

        pages = len(PdfReader(io.BytesIO(data)).pages)
    return {
        "cold": cold,
        "warm": warm,
        "warm_cpu": warm_cpu,
        "bytes": len(data),
        "pages": pages,
        "measures": report.data["summary"]["measures"],
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def render_once(document: str, fmt: str, number: int) -> dict:
    """In the child process: render twice, report times, size, pages and peak memory."""
    if document == "report":
        return render_report_once(fmt, number)
    from concept import exports
    from concept.documents import version_document
    from concept.models import ConceptVersion

    render = {"version": exports.render_version, "measures": measures_render}[document]
    version = ConceptVersion.objects.select_related("concept").get(number=number)
    started = time.perf_counter()
    data = render(version, fmt)
    cold = time.perf_counter() - started
    started, cpu = time.perf_counter(), time.process_time()
    render(version, fmt)
    warm, warm_cpu = time.perf_counter() - started, time.process_time() - cpu
    pages = None
    if fmt == "pdf":
        from pypdf import PdfReader

        pages = len(PdfReader(io.BytesIO(data)).pages)
    return {
        "cold": cold,
        "warm": warm,
        "warm_cpu": warm_cpu,
        "bytes": len(data),
        "pages": pages,
        "measures": len(version_document(version).get("measures", [])),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def run_child(database_url: str, document: str, fmt: str, number: int) -> dict:
    env = {**os.environ, "DATABASE_URL": database_url}
    result = subprocess.run(
        [sys.executable, __file__, "--run", document, fmt, str(number)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(f"{document} {fmt} v{number} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    if "--run" in sys.argv:
        document, fmt, number = sys.argv[sys.argv.index("--run") + 1 :][:3]
        print(json.dumps(render_once(document, fmt, int(number))))
        return 0
    if connection.vendor != "postgresql":
        print("bench_exports needs PostgreSQL: set DATABASE_URL=postgres://...", file=sys.stderr)
        return 1
    url = os.environ["DATABASE_URL"]
    with bench_database("exports") as test_name:
        child_url = urlsplit(url)._replace(path=f"/{test_name}").geturl()
        call_command("load_minden", "--demo", verbosity=0, stdout=io.StringIO())
        # Version 1 is frozen with the demo's measures; version 2 (in consultation) reads the
        # live rows, which scale_demo grows ten times.
        from bench.report_bench import report_issued

        year = report_issued().year
        connection.close()
        results = [(d, f, 1, run_child(child_url, d, f, 1)) for d, f in EXPORTS]
        results += [
            (d, f, year, {**run_child(child_url, d, f, year), "factor": 1})
            for d, f in REPORT_EXPORTS
        ]
        from bench.scale import scale_demo
        from measures.models import ImplementationReport, ImplementationReportFile

        scale_demo(10)
        # The report of the grown data: issued anew (an edition keeps what it was issued with).
        ImplementationReportFile.objects.all().delete()
        ImplementationReport.objects.all().delete()
        report_issued(year)
        connection.close()
        results += [(d, f, 2, run_child(child_url, d, f, 2)) for d, f in EXPORTS]
        results += [(d, f, year, run_child(child_url, d, f, year)) for d, f in REPORT_EXPORTS]
        header = (
            f"{'export':16} {'version':>7} {'measures':>8} {'pages':>5} {'cold s':>7} "
            f"{'warm s':>7} {'cpu s':>6} {'peak MB':>8} {'KB':>7}  goal"
        )
        print("Exports: a fresh process per export (cold), then the same export again (warm)")
        print(header)
        print("-" * len(header))
        missed = 0
        for document, fmt, number, r in results:
            goal = ""
            # The goal is the demo's (1x): the version's PDF, and the report's of that data.
            if (document, fmt, number) == ("version", "pdf", 1) or (
                document,
                fmt,
                r.get("factor"),
            ) == ("report", "pdf", 1):
                ok = r["warm"] < GOAL_SECONDS and r["peak_mb"] < GOAL_MB
                missed += not ok
                goal = "ok" if ok else "MISSED"
            pages = str(r["pages"]) if r["pages"] is not None else "–"
            print(
                f"{document + ' ' + fmt.upper():16} {number:>7} {r['measures']:>8} {pages:>5} "
                f"{r['cold']:7.2f} {r['warm']:7.2f} {r['warm_cpu']:6.2f} {r['peak_mb']:8.0f} "
                f"{r['bytes'] / 1024:7.0f}"
                f"  {goal}"
            )
        print(
            "A demo PDF (the version's or the report's) missed its goal (5 s, 300 MB)."
            if missed
            else "The demo PDFs (the version's and the report's) meet their goal (5 s, 300 MB)."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
