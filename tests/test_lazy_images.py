"""Lazy-loaded images: the real picture from data-src, srcset or <noscript>, never a placeholder."""

from __future__ import annotations

import pytest

from archiver.extract import parse_page
from archiver.model import Image

URL = "https://baohaugiang.com.vn/kinh-te/mua-lua-bội-thu-142279.html"
PROSE = (
    "<p>Năm nay, nông dân trong tỉnh thu hoạch vụ lúa hè thu với năng suất cao hơn "
    "mọi năm, giá bán ổn định nên ai cũng phấn khởi sau nhiều tháng vất vả.</p>"
    "<p>Theo Sở Nông nghiệp, toàn tỉnh gieo sạ hơn 77 nghìn héc-ta, năng suất bình quân "
    "đạt 6,2 tấn mỗi héc-ta, tăng 0,3 tấn so với cùng kỳ năm trước.</p>"
)
SAID = "Nông dân thu hoạch lúa hè thu. Ảnh: Minh Thư"
CAPTION = f"<p><em>{SAID}</em></p>"


def _images(figure: str) -> tuple[Image, ...]:
    html = (
        "<html><head><title>Mùa lúa bội thu</title></head><body>"
        '<div class="detail-content"><h1 class="detail-title">Mùa lúa bội thu</h1>'
        f"{PROSE}{figure}{PROSE}</div></body></html>"
    )
    record = parse_page(html, URL)
    assert record.kind == "article"
    return record.images


REAL = "https://baohaugiang.com.vn/uploads/2024/lua-he-thu.jpg"
PLACEHOLDERS = [
    "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7",
    "/images/blank.gif",
    "/themes/default/images/spacer.gif",
    "/static/placeholder.png",
    "/img/lazy.png",
    "/img/loading.gif",
    "/assets/grey.gif",
    "/assets/transparent.png",
    "https://baohaugiang.com.vn/wp-content/plugins/lazy-load/img/Lazy-Load.PNG",
]


@pytest.mark.parametrize("placeholder", PLACEHOLDERS)
@pytest.mark.parametrize("attribute", ["data-src", "data-original", "data-lazy-src"])
def test_lazy_attribute_beats_a_placeholder(placeholder: str, attribute: str) -> None:
    figure = f'<p><img src="{placeholder}" {attribute}="{REAL}"></p>{CAPTION}'
    assert _images(figure) == (Image(REAL, SAID),)


@pytest.mark.parametrize("placeholder", PLACEHOLDERS)
def test_a_placeholder_alone_is_no_image(placeholder: str) -> None:
    assert _images(f'<p><img src="{placeholder}"></p>') == ()


def test_one_pixel_gif_is_no_image() -> None:
    assert _images('<p><img src="/counter/hit.gif" width="1" height="1"></p>') == ()


def test_srcset_gives_its_largest_candidate() -> None:
    figure = (
        '<figure><img src="/img/lazy.png" data-srcset="/up/a-300.jpg 300w, '
        '/up/a-1024.jpg 1024w, /up/a-768.jpg 768w">'
        "<figcaption>Lúa chín vàng đồng</figcaption></figure>"
    )
    expected = Image("https://baohaugiang.com.vn/up/a-1024.jpg", "Lúa chín vàng đồng")
    assert _images(figure) == (expected,)


def test_srcset_by_density() -> None:
    figure = '<p><img srcset="/up/b.jpg, /up/b@3x.jpg 3x, /up/b@2x.jpg 2x"></p>'
    assert _images(figure) == (Image("https://baohaugiang.com.vn/up/b@3x.jpg", None),)


def test_real_src_is_kept_beside_a_srcset() -> None:
    figure = '<p><img src="/up/c.jpg" srcset="/up/c-300.jpg 300w, /up/c-900.jpg 900w"></p>'
    assert _images(figure) == (Image("https://baohaugiang.com.vn/up/c.jpg", None),)


def test_noscript_copy_is_one_image_not_two() -> None:
    figure = (
        f'<p><img class="lazy" src="/images/blank.gif" data-src="{REAL}">'
        f'<noscript><img src="{REAL}"></noscript></p>{CAPTION}'
    )
    assert _images(figure) == (Image(REAL, SAID),)


def test_noscript_gives_the_picture_a_script_would_load() -> None:
    figure = (
        '<p><img class="lazyload" src="/images/spacer.gif">'
        f'<noscript><img src="{REAL}" alt="lúa"></noscript></p>{CAPTION}'
    )
    assert _images(figure) == (Image(REAL, SAID),)


def test_noscript_beside_a_differently_sized_lazy_copy_is_one_image() -> None:
    figure = (
        '<figure><img src="/images/blank.gif" data-src="/up/d-600.jpg">'
        '<noscript><img src="/up/d.jpg"></noscript><figcaption>Cánh đồng mẫu lớn</figcaption>'
        "</figure>"
    )
    expected = Image("https://baohaugiang.com.vn/up/d-600.jpg", "Cánh đồng mẫu lớn")
    assert _images(figure) == (expected,)


def test_plain_images_unchanged() -> None:
    figure = f'<p><img src="/up/e.jpg"></p>{CAPTION}<p><img src="/up/loading-dock.jpg"></p>'
    assert _images(figure) == (
        Image("https://baohaugiang.com.vn/up/e.jpg", SAID),
        Image("https://baohaugiang.com.vn/up/loading-dock.jpg", None),
    )
