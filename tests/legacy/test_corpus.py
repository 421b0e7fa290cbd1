"""The reader over a corpus of files laid out as schools and offices lay them out (generated
with their truth, tests/legacy/corpus.py): the floor is 95% of the per-criterion points read
exactly and not one point read wrong; the seeds read with every figure they state."""

from __future__ import annotations

import json
import shutil

import pytest

from chiso import rubric
from chiso.legacy.bench import run_bench
from tests.legacy import corpus

FRAMEWORK = rubric.load_framework("qd4725-2022")


@pytest.fixture(scope="module")
def bench(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    files = corpus.write_corpus(folder, with_converted=False)
    return files, run_bench(folder, FRAMEWORK)


def test_the_corpus_has_forty_files_and_more_of_every_layout(bench):
    files, _ = bench
    assert len(files) >= 40
    layouts = {f.layout for f in files}
    for wanted in ("docx-tieu-de-gop-o", "docx-o-hai-dong", "docx-danh-so-tu-dong", "docx-gop-doc-theo-muc",
                   "docx-so-minh-chung", "docx-mot-o-vuot-toi-da", "xlsx-mot-dong-moi-truong",
                   "utf16-mot-dong-moi-truong", "tsv-mot-dong-moi-truong", "txt-vni", "txt-tcvn3",
                   "docx-chu-giong", "docx-so-va-muc-do", "docx-nam-hoc-2018-2019", "hat-giong"):  # fmt: skip
        assert wanted in layouts, wanted


def test_95_percent_of_the_points_are_read_exactly_and_none_wrong(bench):
    _, result = bench
    assert result.wrong == []
    assert result.exact * 100 >= 95 * result.expected
    assert not [f.error for f in result.files if f.error]


def test_the_seeds_are_read_with_every_figure_they_state(bench):
    _, result = bench
    seeds = [f for f in result.files if f.layout == "hat-giong"]
    assert len(seeds) == 3
    for seed in seeds:
        assert seed.stated_found == seed.stated_expected > 0, (seed.name, seed.missed_statements)
        assert seed.exact == seed.expected


def test_the_bench_prints_the_share_read_exactly_and_the_wrong_points(bench):
    _, result = bench
    last = result.lines()[-1]
    assert last.startswith("import: per-criterion points recovered exactly: ")
    assert last.endswith("wrong points: 0")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_word_files_saved_as_odt_doc_and_pdf_are_read_without_a_wrong_point(tmp_path):
    files = corpus.build_corpus()
    for made in corpus.converted(files):
        (tmp_path / made.name).write_bytes(made.content)
        (tmp_path / f"{made.name}.truth.json").write_text(
            json.dumps(made.truth()), encoding="utf-8"
        )
    result = run_bench(tmp_path, FRAMEWORK)
    assert {f.name.rsplit(".", 1)[1] for f in result.files} == {"odt", "doc", "pdf"}
    assert result.wrong == [] and result.exact * 100 >= 95 * result.expected
