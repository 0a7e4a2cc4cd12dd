"""A site that gives nothing is never healthy (issue 6): on any run, the first
included, the real CLI against the fault server over loopback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from archiver.health import selector_hits
from faults import (
    FaultServer,
    Reply,
    add_listing,
    add_news,
    always,
    article,
    article_urls,
    cli,
    fetch,
    listing_html,
    rows,
    write_seed,
)

HREFS = [f"/a/{n}" for n in range(1, 6)]


def add_lists(server: FaultServer, count: int, path: str = "/tin-tuc") -> list[str]:
    """A listing whose 'articles' are themselves lists of links, as a parser that
    misreads a portal's article pages sees them."""
    hrefs = [f"/muc/{n}" for n in range(1, count + 1)]
    add_listing(server, [hrefs], path)
    for href in hrefs:
        inner = [f"{href}/x/{n}" for n in range(1, 7)]
        server.routes[href] = always(Reply(200, listing_html(inner, None)))
    return hrefs


def sites(db: Path) -> dict[str, dict[str, Any]]:
    found = json.loads(cli("sites", "--db", str(db), "--format", "json").stdout)
    return {s["site"]: s for s in found}


def test_links_that_lead_to_no_article_make_the_site_unhealthy_on_its_first_run(
    server: FaultServer, tmp_path: Path
) -> None:
    add_lists(server, 6, "/chuyen-muc")
    add_news(server, HREFS)
    seeds, db = tmp_path / "seeds", tmp_path / "archive.db"
    write_seed(seeds, server, name="lists", start_urls=[server.url("/chuyen-muc")])
    write_seed(seeds, server, name="good")

    run = fetch(seeds, db)

    assert run.code == 1
    assert run.summary["status"] == "partial"
    lists, good = run.site("lists"), run.site("good")
    assert (lists["health"], good["health"]) == ("unhealthy", "ok")
    reason = "6 article links led to no article (6 parsed as listing)"
    assert lists["health_reason"] == reason
    assert run.stderr.strip().splitlines() == [f"lists: unhealthy: {reason}"]
    assert (lists["article_links"], lists["links_followed"], lists["article_records"]) == (6, 6, 0)
    assert lists["not_articles"] == {"listing": 6}
    assert (good["article_links"], good["links_followed"], good["article_records"]) == (5, 5, 5)
    assert good["articles_new"] == 5 and good["health_reason"] is None
    assert article_urls(db) == {server.url(h) for h in HREFS}
    (stored,) = rows(db, "SELECT status, sites FROM runs")
    assert stored["status"] == "partial"
    assert json.loads(stored["sites"])["lists"]["health_reason"] == reason
    overview = sites(db)
    assert (overview["lists"]["health"], overview["good"]["health"]) == ("unhealthy", "ok")
    assert overview["lists"]["health_reason"] == reason
    (last,) = json.loads(cli("runs", "--db", str(db), "--format", "json").stdout)
    assert last["unhealthy"] == ["lists"]
    assert "lists" in cli("runs", "--db", str(db)).stdout.splitlines()[1]


def test_a_listing_without_article_links_makes_a_new_site_unhealthy(
    server: FaultServer, tmp_path: Path
) -> None:
    server.routes["/tin-tuc"] = always(Reply(200, listing_html([], None)))
    run = fetch(write_seed(tmp_path / "seeds", server), tmp_path / "archive.db")
    assert run.code == 1
    assert run.site()["health_reason"] == "1 listing page showed no article link"
    assert run.stderr.strip() == "faulty: unhealthy: 1 listing page showed no article link"


def test_article_links_that_all_fail_make_the_site_unhealthy_in_one_line(
    server: FaultServer, tmp_path: Path
) -> None:
    add_news(server, HREFS)
    for href in HREFS:
        server.routes[href] = always(Reply(404, "<html><body>Không có</body></html>"))
    run = fetch(write_seed(tmp_path / "seeds", server), tmp_path / "archive.db")
    assert run.code == 1
    assert run.site()["health_reason"] == "5 article links led to no article (5 failed)"
    (line,) = run.stderr.strip().splitlines()
    assert line.startswith("faulty: 5 errors; first: ")
    assert line.endswith("; unhealthy: 5 article links led to no article (5 failed)")


def test_a_site_that_cannot_be_reached_is_unhealthy_and_listed_unreachable(
    server: FaultServer, tmp_path: Path
) -> None:
    seed, db = write_seed(tmp_path / "seeds", server), tmp_path / "archive.db"
    run = fetch(seed, db)  # /tin-tuc answers 404
    assert run.code == 1
    assert run.site()["health_reason"] == "no listing page could be read"
    assert sites(db)["faulty"]["health"] == "unreachable"


def test_an_incremental_run_with_nothing_new_is_healthy(
    server: FaultServer, tmp_path: Path
) -> None:
    add_news(server, HREFS)
    seed, db = write_seed(tmp_path / "seeds", server), tmp_path / "archive.db"
    assert fetch(seed, db).code == 0
    again = fetch(seed, db)
    assert (again.code, again.stderr) == (0, "")
    assert (again.site()["links_followed"], again.site()["health"]) == (0, "ok")


def test_most_links_leading_to_no_article_is_a_warning(server: FaultServer, tmp_path: Path) -> None:
    lists = add_lists(server, 3, "/unused")
    add_listing(server, [[*lists, *HREFS[:2]]])
    for href in HREFS[:2]:
        server.routes[href] = always(article(href))
    seed = write_seed(tmp_path / "seeds", server)
    run = fetch(seed, tmp_path / "archive.db")
    warning = "3 of 5 article links led to no article (3 parsed as listing)"
    assert run.code == 0
    assert (run.site()["health"], run.site()["health_warning"]) == ("ok", warning)
    assert run.stderr.strip() == f"faulty: warning: {warning}"
    quiet = cli("fetch", "--quiet", "--seeds", str(seed), "--db", str(tmp_path / "b.db"))
    assert (quiet.code, quiet.stdout, quiet.stderr) == (0, "", "")


@pytest.mark.parametrize(
    ("selectors", "miss"),
    [
        ({"title": "h1.headline"}, "selectors.title matched nothing on 10 article pages"),
        ({"author": "p.author"}, "selectors.author matched nothing on 10 article pages"),
        (
            {"article_links": "ul.tin a", "title": "h1.title"},
            "selectors.article_links matched nothing on 1 listing page",
        ),
        ({"next_page": "a.next"}, "selectors.next_page matched nothing on 1 listing page"),
    ],
)
def test_a_seed_selector_that_matches_nothing_makes_the_site_unhealthy(
    server: FaultServer, tmp_path: Path, selectors: dict[str, str], miss: str
) -> None:
    add_news(server, [f"/a/{n}" for n in range(1, 11)])
    seed = write_seed(tmp_path / "seeds", server)
    text = seed.read_text("utf-8") + "[selectors]\n"
    seed.write_text(text + "".join(f'{k} = "{v}"\n' for k, v in selectors.items()), "utf-8")
    run = fetch(seed, tmp_path / "archive.db")
    assert run.code == 1
    assert run.stderr.strip() == f"faulty: unhealthy: {seed}: {miss}"
    key = miss.split()[0].removeprefix("selectors.")
    assert list(run.site()["selector_misses"]) == [key]


def test_seed_selectors_that_match_are_healthy(server: FaultServer, tmp_path: Path) -> None:
    add_news(server, [f"/a/{n}" for n in range(1, 11)])
    seed = write_seed(tmp_path / "seeds", server)
    seed.write_text(
        seed.read_text("utf-8") + "[selectors]\n"
        'article_links = "div.news-item h3 a"\nnext_page = "div.pager a"\n'
        'title = "h1.title"\nbody = "div.content"\npublished = "div.date-view"\n',
        "utf-8",
    )
    run = fetch(seed, tmp_path / "archive.db")
    assert (run.code, run.stderr) == (0, ""), run.stderr
    assert run.site()["articles_new"] == 10 and run.site()["selector_misses"] == {}


def test_a_next_page_selector_is_judged_only_where_the_page_has_a_pager() -> None:
    url, selectors = "http://127.0.0.1:1/tin-tuc", {"next_page": "a.next", "article_links": "h3 a"}
    last = listing_html(HREFS, None)
    assert selector_hits(last, url, selectors, ("article_links", "next_page")) == {
        "article_links": True
    }
    paged = listing_html(HREFS, "?page=2")
    assert selector_hits(paged, url, selectors, ("article_links", "next_page")) == {
        "article_links": True,
        "next_page": False,
    }
