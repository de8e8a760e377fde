"""An invented Korean brief and the page around it, for the extraction tests (no news text)."""

TITLE = "시립도서관 평일 밤 10시까지 연다"

#: four paragraphs: under 500 characters, over the 200 under which the Korean rules call a body
#: too short to be an article ([layout] full_pass_below)
BRIEF = ["가상시 시립도서관이 다음 달 1일부터 평일 운영 시간을 오후 10시까지 두 시간 늘린다고 3일 밝혔다.",
         "도서관은 시험 기간에 열람실 좌석이 부족하다는 시민 의견을 반영해 열람실 좌석 120석을 새로 마련하고, 야간 운영을 위해 직원 4명을 더 뽑는다.",
         "도서관 관계자는 \"주말 운영 시간도 이용 현황을 보고 늘릴지 검토하겠다\"고 말했다.",
         "연장 운영은 시범 기간 석 달을 거쳐 내년부터 상시로 바뀔 예정이다."]


def as_paragraphs(lines: list[str]) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


def korean_page(inside_body: str) -> bytes:
    """A page of an invented outlet with `inside_body` between its header and footer."""
    return ("<!doctype html><html lang=ko><head><meta charset=utf-8>"
            f"<title>{TITLE}</title></head><body><header><a href=/>가상일보</a></header>{inside_body}"
            "<footer>가상일보</footer></body></html>").encode()
