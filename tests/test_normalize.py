from __future__ import annotations

import pytest

from archiver.normalize import canonical_url, fold

SAME = "https://haugiang.gov.vn/tin-tuc/a?id=5&page=2"


@pytest.mark.parametrize(
    "variant",
    [
        "https://haugiang.gov.vn/tin-tuc/a?id=5&page=2",
        "HTTPS://HauGiang.gov.vn/tin-tuc/a?page=2&id=5",
        "https://www.haugiang.gov.vn/tin-tuc/a?id=5&page=2#binh-luan",
        "https://haugiang.gov.vn:443/tin-tuc/a?id=5&page=2",
        "https://haugiang.gov.vn/tin-tuc/a?id=5&page=2&utm_source=facebook&utm_medium=social",
        "https://haugiang.gov.vn/tin-tuc/a?fbclid=IwAR0x&id=5&page=2&gclid=abc",
        "https://haugiang.gov.vn/tin-tuc/a;jsessionid=8F3A2B?id=5&page=2",
        "https://haugiang.gov.vn/tin-tuc/a?id=5&page=2&JSESSIONID=8F3A2B",
        "https://haugiang.gov.vn/(S(dpx4o2ln1aq0sq45))/tin-tuc/a?id=5&page=2",
    ],
)
def test_url_variants_have_one_canonical_form(variant: str) -> None:
    assert canonical_url(variant) == SAME


@pytest.mark.parametrize(
    "other",
    [
        "http://haugiang.gov.vn/tin-tuc/a?id=5&page=2",  # another scheme may be another site
        "https://haugiang.gov.vn/tin-tuc/a?id=6&page=2",
        "https://haugiang.gov.vn/tin-tuc/A?id=5&page=2",  # paths are case-sensitive
        "https://soctrang.gov.vn/tin-tuc/a?id=5&page=2",
    ],
)
def test_different_pages_stay_different(other: str) -> None:
    assert canonical_url(other) != SAME


def test_fold_makes_readers_spellings_equal() -> None:
    assert fold("Đảng bộ Hòa Bình") == fold("dang bo hoa binh") == fold("ĐẢNG BỘ HOÀ BÌNH")
    assert fold("thủy") == fold("thuỷ") == "thuy"
    assert fold("Ho\u0300a") == "hoa"  # decomposed input
