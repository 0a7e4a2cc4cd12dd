from __future__ import annotations

from pathlib import Path

import pytest

from archiver.errors import SeedError
from archiver.seeds import load_seeds

GOOD = """
name = "haugiang"
start_urls = ["https://www.haugiang.gov.vn/tin-tuc"]
rate_limit = 0.5
"""


def write(tmp_path: Path, text: str, name: str = "site.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_come_from_the_interface(tmp_path: Path) -> None:
    (site,) = load_seeds(write(tmp_path, GOOD))
    assert site.name == "haugiang"
    assert site.allowed_domains == ("haugiang.gov.vn",)
    assert (site.max_listing_pages, site.concurrency, site.respect_robots) == (50, 2, True)
    assert site.rate_limit == 0.5
    assert site.allows("https://sub.haugiang.gov.vn/x") and not site.allows("https://evil.vn/")


def test_name_defaults_to_file_stem(tmp_path: Path) -> None:
    (site,) = load_seeds(write(tmp_path, 'start_urls = ["http://a.vn/"]', "bac-giang.toml"))
    assert site.name == "bac-giang"


def test_folder_loads_every_seed_sorted(tmp_path: Path) -> None:
    write(tmp_path, 'start_urls = ["http://b.vn/"]', "b.toml")
    write(tmp_path, 'start_urls = ["http://a.vn/"]', "a.toml")
    assert [s.name for s in load_seeds(tmp_path)] == ["a", "b"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('start_urls = ["http://a.vn/"]\nrate_limit = 0', "key 'rate_limit': must be > 0"),
        (
            'start_urls = ["http://a.vn/"]\nrate_limit = "fast"',
            "key 'rate_limit': must be a number",
        ),
        ('start_urls = ["ftp://a.vn/"]', "key 'start_urls': not an http(s) URL"),
        ("start_urls = []", "key 'start_urls': must be a non-empty list"),
        ('title = "x"', "key 'start_urls': required"),
        ('start_urls = ["http://a.vn/"]\nratelimit = 1', "unknown key 'ratelimit'"),
        ('name = "Hậu Giang"\nstart_urls = ["http://a.vn/"]', "key 'name': must match"),
        ('start_urls = ["http://a.vn/"]\nconcurrency = 1.5', "key 'concurrency': must be a whole"),
        ('start_urls = ["http://a.vn/"]\nrespect_robots = "no"', "key 'respect_robots'"),
        ('start_urls = ["http://a.vn/"]\n[selectors]\nbodyy = "div"', "key 'selectors.bodyy'"),
        ("start_urls = [", "invalid TOML"),
        # issue 13: values that passed, or crashed a run
        ('start_urls = ["http://a.vn:99999/"]', "key 'start_urls': not an http(s) URL"),
        ('start_urls = ["abc"]', "key 'start_urls': not an http(s) URL"),
        ('start_urls = ["http://a.vn/\\u001b[2J"]', "key 'start_urls': not an http(s) URL"),
        ('start_urls = ["http://a.vn/"]\ntimeout = nan', "key 'timeout': must be a finite"),
        ('start_urls = ["http://a.vn/"]\nrate_limit = nan', "key 'rate_limit': must be a finite"),
        ('start_urls = ["http://a.vn/"]\nrate_limit = inf', "key 'rate_limit': must be a finite"),
        (
            'start_urls = ["http://a.vn/"]\nuser_agent = "a\\r\\nX-Evil: 1"',
            "key 'user_agent': must be one line",
        ),
        (
            'start_urls = ["http://b.vn/"]\nallowed_domains = ["a.vn"]',
            "key 'start_urls': 'http://b.vn/' is outside allowed_domains (a.vn)",
        ),
        ('start_url = ["http://a.vn/"]', "unknown key 'start_url' (did you mean start_urls?)"),
    ],
)
def test_invalid_seed_names_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(SeedError) as caught:
        load_seeds(path)
    assert str(path) in str(caught.value)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("selector", ["a[", "div..content", "h1:contains(Tin)", "div >", "p,"])
def test_a_selector_lexbor_cannot_parse_is_a_seed_error(tmp_path: Path, selector: str) -> None:
    path = write(tmp_path, f'start_urls = ["http://a.vn/"]\n[selectors]\nbody = {selector!r}')
    with pytest.raises(SeedError) as caught:
        load_seeds(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: key 'selectors.body': ")
    assert repr(selector) in message and "CSS" in message


def test_selectors_lexbor_parses_are_kept(tmp_path: Path) -> None:
    text = 'start_urls = ["http://a.vn/"]\n[selectors]\ntitle = "h1.title, h2:has(a)"'
    (site,) = load_seeds(write(tmp_path, text))
    assert site.selectors == {"title": "h1.title, h2:has(a)"}


def test_duplicate_names_are_an_error(tmp_path: Path) -> None:
    write(tmp_path, 'name = "x"\nstart_urls = ["http://a.vn/"]', "a.toml")
    write(tmp_path, 'name = "x"\nstart_urls = ["http://b.vn/"]', "b.toml")
    with pytest.raises(SeedError, match="'x' also used by"):
        load_seeds(tmp_path)


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(SeedError, match="no such seed file"):
        load_seeds(tmp_path / "nope.toml")


def test_shipped_seeds_are_valid_and_say_they_are_unchecked() -> None:
    folder = Path(__file__).parent.parent / "seeds"
    sites = load_seeds(folder)
    assert len(sites) >= 5
    for path in folder.glob("*.toml"):
        assert "Not checked against the live site" in path.read_text(encoding="utf-8")


def test_seed_toml_reads_back_as_the_same_seed(tmp_path: Path) -> None:
    from archiver.seeds import seed_toml

    seed = {
        "name": "hg",
        "title": 'Cổng "thông tin" Hậu Giang \\ 1',
        "start_urls": ["http://a.vn/x"],
        "rate_limit": 0.5,
        "concurrency": 3,
        "respect_robots": False,
    }
    (site,) = load_seeds(write(tmp_path, seed_toml(seed)))
    assert (site.name, site.title, site.start_urls) == ("hg", seed["title"], ("http://a.vn/x",))
    assert (site.rate_limit, site.concurrency, site.respect_robots) == (0.5, 3, False)
