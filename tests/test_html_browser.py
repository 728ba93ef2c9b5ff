"""The HTML report in a real headless Chromium (Playwright driving the system browser).

What an editor sees: the page loads with no console errors and no network access, every finding
is marked in the text, clicking a finding card highlights its mark (and the figures it relates
to), unticking a severity or a rule hides its marks.

Skipped when Playwright or a Chromium binary is missing, except with FACTLINT_REQUIRE_BROWSER=1
(CI sets it), where that is a failure. Never runs `playwright install`: it uses /usr/bin/chromium.
"""

import json
import os
import shutil

import pytest

from conftest import SEED

REQUIRED = os.environ.get("FACTLINT_REQUIRE_BROWSER") == "1"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _unavailable(reason):
    if REQUIRED:
        pytest.fail(f"FACTLINT_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


def _chromium():
    for candidate in ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(candidate) if not candidate.startswith("/") else (candidate if os.access(candidate, os.X_OK) else None)
        if path:
            return path
    return None


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[test]')")
    executable = _chromium()
    if executable is None:
        _unavailable("no Chromium found (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=ARGS, timeout=60_000)
        yield b
        b.close()


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """The seed page's HTML report and its findings (JSON), rendered by the command line."""
    from factlint.cli import main

    folder = tmp_path_factory.mktemp("html")
    page = folder / "p124.txt"
    shutil.copy(SEED, page)
    html, js = folder / "report.html", folder / "findings.json"
    assert main(["check", "--format", "html", "-o", str(html), str(page)]) == 1
    assert main(["check", "--format", "json", "-o", str(js), str(page)]) == 1
    return html, json.loads(js.read_text(encoding="utf-8"))


@pytest.fixture
def page(browser, report):
    html, _ = report
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    problems = []
    pg.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    pg.on("request", lambda r: problems.append(f"network request: {r.url}") if not r.url.startswith("file:") else None)
    pg.goto(html.as_uri())
    pg.wait_for_load_state("load")
    pg.problems = problems
    yield pg
    context.close()


def _card_id(pg, text, code):
    return pg.evaluate(
        """([text, code]) => { const c = [...document.querySelectorAll('.card')].find(
             c => c.dataset.rule === code && c.querySelector('.fig').textContent === text); return c && c.dataset.id; }""",
        [text, code])


def _background(pg, selector):
    return pg.eval_on_selector(selector, "e => getComputedStyle(e).backgroundColor")


def test_page_loads_without_console_errors_or_network(page, report, tmp_path):
    assert page.title() == "factlint report"
    page.screenshot(path=str(tmp_path / "report.png"))
    assert page.problems == []


def test_every_finding_is_marked_and_visible(page, report):
    _, findings = report
    marks = page.eval_on_selector_all("mark[data-id][id]", "ms => ms.map(m => [m.dataset.rule, m.textContent])")
    assert sorted(map(tuple, marks)) == sorted((f["code"], f["text"]) for f in findings)
    mark = page.locator("mark", has_text="2.000名")
    assert mark.count() == 1 and mark.is_visible()
    box = mark.bounding_box()
    assert box["width"] > 20 and box["height"] > 10
    assert _background(page, "mark.error") != "rgba(0, 0, 0, 0)"  # highlighted
    assert page.locator(".card").count() == len(findings)
    assert page.inner_text("#shown") == str(len(findings))


def test_clicking_a_card_highlights_its_mark(page):
    fid = _card_id(page, "2.000名", "N101")
    assert fid
    page.evaluate("window.scrollTo(0, 0)")
    page.click(f"#card-{fid}")
    assert "active" in page.get_attribute(f"#mark-{fid}", "class")
    assert "active" in page.get_attribute(f"#card-{fid}", "class")
    assert page.locator("mark.active").count() == 1
    # the mark was scrolled into the window
    in_view = page.eval_on_selector(f"#mark-{fid}", "m => { const r = m.getBoundingClientRect(); "
                                                     "return r.top >= 0 && r.bottom <= innerHeight; }")
    assert in_view
    assert page.problems == []


def test_clicking_a_cross_check_shows_the_related_figures(page, report):
    _, findings = report
    c303 = next(f for f in findings if f["code"] == "C303" and f["related"])
    fid = _card_id(page, c303["text"], "C303")
    page.click(f"#card-{fid}")
    on = page.eval_on_selector_all(".on", "es => es.map(e => e.textContent)")
    assert sorted(on) == sorted(r["text"] for r in c303["related"])
    # clicking a mark in the text selects its card
    other = _card_id(page, "2.000名", "N101")
    page.click(f"#mark-{other}")
    assert "active" in page.get_attribute(f"#card-{other}", "class")
    assert page.locator(".on").count() == 0


def test_unticking_a_severity_hides_its_marks_and_cards(page, report):
    _, findings = report
    errors = [f for f in findings if f["severity"] == "error"]
    assert errors and len(errors) < len(findings)
    page.uncheck("input[data-sev=error]")
    assert _background(page, "mark.error") == "rgba(0, 0, 0, 0)"
    assert all("off" in c for c in page.eval_on_selector_all("mark.error", "ms => ms.map(m => m.className)"))
    assert not page.locator(".card[data-sev=error]").first.is_visible()
    assert page.locator(".card[data-sev=warning]").first.is_visible()
    assert _background(page, "mark.warning") != "rgba(0, 0, 0, 0)"
    assert page.inner_text("#shown") == str(len(findings) - len(errors))
    page.check("input[data-sev=error]")
    assert _background(page, "mark.error") != "rgba(0, 0, 0, 0)"
    assert page.inner_text("#shown") == str(len(findings))


def test_unticking_a_rule_hides_its_marks(page, report):
    _, findings = report
    page.uncheck("input[data-rule=N101]")
    classes = page.eval_on_selector_all("mark[data-rule=N101]", "ms => ms.map(m => m.className)")
    assert classes and all("off" in c for c in classes)
    assert page.inner_text("#shown") == str(sum(1 for f in findings if f["code"] != "N101"))
    assert page.problems == []
