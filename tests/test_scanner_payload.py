import pytest

from pos_app.scanner.payload import looks_like_coupon_payload, normalize_payload


@pytest.mark.parametrize(
    "text",
    [
        "123456789012",
        "A",
        " 123456789012\n",
        "ABCDEFGHIJ0123456789",  # 20: the longest plain code
        "１２３４５６７８９０１２",  # full-width digits: NFKC makes them ASCII
        "https://mp.weixin.qq.com/card?encrypt_code=" + "x" * 80 + "%3D&card_id=pABC",
        "http://example.cn/c#/page?encrypt_code=abc%3D",
    ],
)
def test_coupon_payloads_are_accepted(text: str) -> None:
    assert looks_like_coupon_payload(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "ABCDEFGHIJ01234567890",  # 21 characters, not a URL
        "https://example.com/some/long/path/without/the/parameter",
        "https://example.com/card?encrypt_code=&card_id=1",  # empty encrypt_code
        "ftp://example.com/?encrypt_code=abc&x=" + "y" * 30,
        "1234\x005678",  # control character
        "12\ufffd34",  # a byte zbar could not decode
    ],
)
def test_other_texts_are_not_payloads(text: str) -> None:
    assert not looks_like_coupon_payload(text)


def test_normalize_payload() -> None:
    assert normalize_payload(" １２３ \n") == "123"
