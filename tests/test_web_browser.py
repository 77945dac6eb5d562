"""The pages in a real Chromium (Debian's /usr/bin/chromium driven by Playwright) against uvicorn.

Screenshots go to ``test-artifacts/`` at the repository root (gitignored).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from http_server import Route, serve
from web_server import PWNED, LiveApp, demo_db, ingest_payloads, live, story_ids

from newsprism.web import create_app

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LAPTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is absent (apt-get install -y chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApp]:
    db = demo_db(tmp_path_factory.mktemp("browser") / "demo.db")
    with live(create_app(db)) as running:
        with running.client(timeout=600) as client:  # the first comparison loads the models (slow)
            story = client.get("/api/stories").json()["items"][0]["id"]
            assert client.get(f"/api/stories/{story}").status_code == 200
        yield running


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=LAPTOP)
    tab = context.new_page()
    tab.set_default_timeout(20_000)
    yield tab
    context.close()


def shot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.mark.slow
def test_web_browser_story_finding_leads_to_compare(demo: LiveApp, page: Any) -> None:
    page.goto(demo.base_url + "/")
    page.get_by_role("link", name=re.compile("Keller lands in Soria")).click()
    page.wait_for_url(re.compile(r"/stories/\w+$"))
    assert page.locator("h1").inner_text().startswith("Keller lands in Soria")
    assert page.locator("#speakers .speaker-row").filter(has_text="Okafor").count() >= 1
    shot(page, "story-laptop.png")
    finding = page.locator("article.finding.kind-misattribution").first
    if finding.count() == 0:
        note = page.locator("header.story-head .note").all_inner_texts()
        pytest.skip(f"no misattribution finding on the story page: {note or 'comparison found none'}")
    assert "steady, practical and trustworthy partner" in finding.inner_text()
    assert finding.locator(".passage-box").count() >= 2
    assert finding.locator(".passage").count() >= 2  # both passages highlighted
    finding.get_by_role("link", name=re.compile("Compare side by side")).click()
    page.wait_for_url(re.compile(r"/compare/\w+/\w+"))
    assert page.locator(".side").count() == 2
    assert page.locator(".sent.aligned").count() >= 2
    conflict = page.locator(".sent.conflict").filter(has_text="trustworthy partner")
    assert conflict.count() >= 1
    listed = page.locator(".pair-findings li").filter(has_text="misattribution")
    assert listed.locator(".badge").first.text_content() == "high"  # the severity in words, not colour alone
    anchor = page.locator(".sent.aligned .partner").first
    target = anchor.get_attribute("href")
    anchor.click()
    assert page.evaluate("location.hash") == target
    shot(page, "compare-laptop.png")


def test_web_browser_finding_source_opens_the_sentence_and_dates_stay_whole(demo: LiveApp, page: Any) -> None:
    page.goto(demo.base_url + "/")
    page.get_by_role("link", name=re.compile("Keller lands in Soria")).click()
    page.wait_for_url(re.compile(r"/stories/\w+$"))
    dates = page.locator("table.matrix th small")
    assert dates.count() >= 4
    for height, line in dates.evaluate_all(
        "els => els.map(e => [e.getBoundingClientRect().height, parseFloat(getComputedStyle(e).lineHeight)])"
    ):
        assert height < 1.5 * line, (height, line)  # "2025-06-10" on one line at 1280px
    source = page.locator(".passage-box footer a").first
    href = source.get_attribute("href")
    assert re.fullmatch(r"/articles/\w+#s\d+", href or ""), href
    source.click()
    page.wait_for_url(re.compile(r"/articles/\w+#s\d+$"))
    target = page.locator(".sentence:target")
    assert target.count() == 1 and target.get_attribute("id") == href.split("#")[1]
    assert target.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"  # highlighted
    shot(page, "article-sentence-laptop.png")


def test_web_browser_search_for_a_speaker(demo: LiveApp, page: Any) -> None:
    page.goto(demo.base_url + "/")
    page.get_by_label("Search").fill("Okafor")
    page.get_by_label("Search").press("Enter")
    page.wait_for_url("**/search?q=Okafor")
    hits = page.locator("li.hit")
    assert hits.count() >= 2
    assert page.locator("li.hit .match").first.inner_text() == "Okafor"
    hits.first.get_by_role("link").first.click()
    page.wait_for_url(re.compile(r"/articles/\w+$"))
    speakers = page.locator(".body .speaker")
    assert any("Okafor" in t for t in speakers.all_inner_texts())
    assert page.locator(".body .quote").count() >= 1
    assert page.locator(".body .date").count() >= 1
    shot(page, "article-laptop.png")


def test_web_browser_filter_by_outlet(demo: LiveApp, page: Any) -> None:
    page.goto(demo.base_url + "/articles")
    assert page.locator("li.article-item").count() == 4
    page.locator("#article-filters select[name=outlet]").select_option("Northern Herald")
    page.locator("#article-filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"outlet=Northern\+Herald"))
    outlets = page.locator("li.article-item").evaluate_all("els => els.map(e => e.dataset.outlet)")
    assert outlets == ["Northern Herald"]
    page.locator("li.article-item a").first.click()
    removed = page.locator("table.removed tbody tr")
    assert removed.count() >= 5
    assert "photo caption" in page.locator("table.removed").inner_text()
    page.goto(demo.base_url + "/?outlet=Valley+Courier")
    assert page.locator("li.story-item").count() == 1


def test_web_browser_phone_layout(demo: LiveApp, browser: Any) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(demo.base_url + "/")
        page.locator("a.story-link").first.click()
        page.wait_for_url(re.compile(r"/stories/\w+$"))
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"] + 1  # nothing but the scrollable tables is wider than the phone
        shot(page, "story-phone.png")
    finally:
        context.close()


@pytest.mark.slow
def test_web_browser_payloads_never_run(browser: Any, tmp_path: Path) -> None:
    with live(create_app(tmp_path / "hostile.db")) as running:
        ids = ingest_payloads(running)
        stories = story_ids(running, ids)
        with running.client(timeout=600) as client:  # compare once, outside the page timeouts
            for story in stories:
                assert client.get(f"/api/stories/{story}").status_code == 200
        context = browser.new_context(viewport=LAPTOP)
        dialogs: list[str] = []
        try:
            page = context.new_page()
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            for path in [
                "/",
                "/?q=quay",
                *(f"/stories/{s}" for s in stories),
                "/articles",
                f"/articles/{ids[0]}",
                f"/compare/{ids[0]}/{ids[1]}",
            ]:
                assert page.goto(running.base_url + path).status == 200, path
                page.mouse.move(200, 300)
                page.wait_for_timeout(100)
                state = page.evaluate(
                    """(flag) => ({
                        flag: typeof window[flag],
                        title: document.title,
                        injected: document.querySelectorAll(
                            'script, img, iframe, textarea, style, object, embed, [onerror], [onload], '
                            + '[onmouseover], [onfocus], [autofocus], [srcdoc], a[href^="javascript:"]').length,
                        body: getComputedStyle(document.body).display,
                    })""",
                    PWNED,
                )
                assert state["flag"] == "undefined", (path, state)
                assert state["title"].endswith(" · newsprism"), (path, state)  # a payload sets it to 'pwned'
                assert state["injected"] == 0, (path, state)
                assert state["body"] != "none", (path, state)
            page.goto(running.base_url + f"/articles/{ids[0]}")
            assert "<script>window.__pwned=11</script>" in page.locator("h1").inner_text()
            shot(page, "hostile-article-laptop.png")
        finally:
            context.close()
    assert dialogs == []


ATTACK_PAGE = """<!doctype html><title>attack</title><body>
<form id="f" method="post" enctype="multipart/form-data" action="{target}/api/ingest" target="sink">
<input type="hidden" name="urls" value="http://example.com/"></form>
<iframe name="sink"></iframe>
<script>
const data = new FormData();
data.append("files", new Blob([JSON.stringify({{title: "CSRF planted", outlet: "Reuters",
  body: "Nine hundred people died in the flood, officials said on Monday. ".repeat(8)}})]), "p.json");
fetch("{target}/api/ingest", {{method: "POST", mode: "no-cors", body: data}})
  .finally(() => {{ document.getElementById("f").submit(); document.title = "sent"; }});
</script></body>"""


OWN_FORM = """() => {
  const form = document.createElement("form");
  form.method = "post"; form.action = "/api/ingest"; form.enctype = "multipart/form-data";
  const field = document.createElement("input");
  field.type = "hidden"; field.name = "urls"; field.value = "http://example.invalid/";
  form.appendChild(field); document.body.appendChild(form); form.submit();
}"""


def test_web_browser_other_sites_cannot_write_to_the_store(browser: Any, tmp_path: Path) -> None:
    with live(create_app(tmp_path / "victim.db", extract=False)) as victim, serve() as evil:
        evil.routes["/attack.html"] = Route(ATTACK_PAGE.format(target=victim.base_url))
        context = browser.new_context(viewport=LAPTOP)
        try:
            page = context.new_page()
            page.goto(evil.url("/attack.html"))  # another origin: 127.0.0.1 on another port
            page.wait_for_function("document.title === 'sent'", timeout=20_000)
            page.wait_for_timeout(500)  # the form post lands in the iframe
            page.goto(victim.base_url + "/")  # a form on the server's own page is not refused
            with page.expect_response(lambda r: r.url.endswith("/api/ingest")) as posted:
                page.evaluate(OWN_FORM)
            assert posted.value.status == 202, posted.value.text()
        finally:
            context.close()
        with victim.client() as client:
            assert client.get("/api/articles").json()["total"] == 0  # the own-page job fetches nothing
            page_post = client.post(
                "/api/ingest", json=[{"title": "Own", "body": "Water rose again today. " * 12}]
            )
            assert page_post.status_code == 202  # the guard still lets a local client write


def test_web_browser_add_page_uploads_a_file_and_follows_the_job(browser: Any, tmp_path: Path) -> None:
    records = tmp_path / "harbour.json"
    records.write_text(
        '[{"outlet": "Harbour Gazette", "title": "Quay reopens after repairs", "published": "2025-06-11",'
        ' "body": "The quay reopened for ships after repairs. Crews worked through the night."}]',
        "utf-8",
    )
    with live(create_app(tmp_path / "add.db", extract=False)) as running:
        context = browser.new_context(viewport=LAPTOP)
        tab = context.new_page()
        tab.set_default_timeout(30_000)
        tab.goto(running.base_url + "/")
        tab.get_by_role("link", name="Add", exact=True).click()
        tab.wait_for_url(re.compile(r"/add$"))
        shot(tab, "add-form.png")
        tab.locator('input[name="files"]').set_input_files(str(records))
        tab.get_by_role("button", name="Upload and add").click()
        tab.wait_for_url(re.compile(r"/jobs/job-[0-9a-f]+$"))
        tab.wait_for_selector('section.job[data-status="done"]', timeout=60_000)  # it reloads itself
        assert "1 stored" in tab.locator("p.counts").inner_text()
        shot(tab, "add-job-done.png")
        tab.get_by_role("link", name="Quay reopens after repairs").click()
        tab.wait_for_url(re.compile(r"/articles/[0-9a-f]{12}$"))
        assert tab.locator("h1").inner_text() == "Quay reopens after repairs"
        context.close()
