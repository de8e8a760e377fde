"""A name table learned from a corpus (newsbot.stories.glosses): the names Korean reports gloss in
Latin letters, learned where several reports gloss them alike, written as a names file."""

import json
import subprocess
import sys

from newsbot.stories.glosses import GlossLearner
from newsbot.stories.names import DEFAULT_NAME_FILES, NameTable
from tests.conftest import ROOT

NAMES = NameTable.load()


def _report(text, language="ko"):
    return {"language": language, "text": text}


REPORTS = [
    _report("미국 투자사 그린옥스(Greenoaks)가 중재를 신청했다. 국제통화기금(IMF)은 전망을 냈다."),
    _report("그린옥스(Greenoaks)와 알티미터(Altimeter)는 의향서를 보냈다."),
    _report("국제통화기금(IMF)이 성장률을 낮췄다. 환헤지(Hedge) 비용이 늘었다."),
    _report("그린옥스(Greenoaks) 측은 답하지 않았다."),
    _report("The IMF (Fund) cut its forecast; Greenoaks (GO) declined.", "en"),
    _report("메타(Meta)는 새 안경을 내놨다.", "ko"),
    _report("메타(Meta)가 투자한다.", "ko"),
]


def test_names_several_reports_gloss_alike_are_learned_and_one_off_glosses_are_not():
    learner = GlossLearner.from_table(NAMES).read_all(REPORTS)
    assert learner.articles == 6                       # the English report is not read
    assert learner.learned() == {"Greenoaks": ("그린옥스", 3), "IMF": ("국제통화기금", 2)}
    # a name the table writes is not learned again (Meta)
    assert "Meta" not in learner.learned() and "Altimeter" not in learner.learned()


def test_a_name_glossed_two_ways_is_learned_only_when_most_glosses_agree():
    split = [_report("에이브럼스(Abrams)"), _report("에이브럼즈(Abrams)"), _report("에이브럼스(Abrams)")]
    assert GlossLearner.from_table(NAMES).read_all(split).learned() == {"Abrams": ("에이브럼스", 2)}
    even = split + [_report("에이브럼즈(Abrams)")]
    assert GlossLearner.from_table(NAMES).read_all(even).learned() == {}


def test_the_learned_file_is_a_name_table_english_reports_meet_korean_ones_with(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    with open(data / "corpus.jsonl", "w", encoding="utf-8") as fh:
        for i, report in enumerate(REPORTS):
            fh.write(json.dumps({"id": f"a{i}", "url": f"https://news.example.com/{i}", **report},
                               ensure_ascii=False) + "\n")
    proc = subprocess.run([sys.executable, "-m", "newsbot.stories", "names", str(data)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert json.loads(proc.stdout)["names"] == 2
    learned = NameTable.load((*DEFAULT_NAME_FILES, str(data / "names_learned.toml")))
    assert learned.hangul_terms("Greenoaks and the IMF") == {"그린옥스": 1, "국제통화기금": 1}
    assert NAMES.hangul_terms("Greenoaks and the IMF") == {}
