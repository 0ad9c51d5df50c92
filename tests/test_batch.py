"""Parallel batches: input order, and a worker that dies loses nothing but its article."""
import os

import pytest

import extract.io.batch as batch
from extract.io.batch import process_stream
from extract.engine.errors import InputError
from extract.io.readers import Article


def _articles(n, crash_at=None):
    out = []
    for i in range(n):
        text = f"Bài {i}: tỷ lệ đạt {i},5% và có {i + 2} hồ sơ."
        if i == crash_at:
            text = "CRASH " + text
        out.append(Article(f"a{i}", text, source=f"in.jsonl:{i + 1}"))
    return out


def _values(result):
    return [(r["type"], r["text"], r["value"]) for r in result.records]


def test_workers_give_the_records_of_one_process_in_input_order():
    arts = _articles(30)
    items = arts[:10] + [InputError("E204", "in.jsonl:11", "not valid JSON: x")] + arts[10:]
    one = list(process_stream(items, workers=1))
    two = list(process_stream(items, workers=2, chunk_size=3))
    assert [r.article.doc_id if r.article else r.error.code for r in two] == \
        [f"a{i}" for i in range(10)] + ["E204"] + [f"a{i}" for i in range(10, 30)]
    assert [_values(r) for r in two] == [_values(r) for r in one]
    assert _values(two[3]) == [("PERCENT", "3,5%", 3.5), ("COUNT", "5 hồ sơ", 5)]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the patched function reaches the workers by fork")
def test_a_worker_that_dies_costs_only_its_article(monkeypatch):
    real = batch.process_article

    def dying(article, timeout=None):
        if article.text.startswith("CRASH"):
            os._exit(3)   # what a crash in a native extension looks like to the pool
        return real(article, timeout)

    monkeypatch.setattr(batch, "process_article", dying)
    arts = _articles(24, crash_at=9)
    results = list(process_stream(arts, workers=2, chunk_size=4))
    assert [r.article.doc_id for r in results] == [f"a{i}" for i in range(24)]
    failed = [r for r in results if r.error is not None]
    assert [(r.article.doc_id, r.error.code, r.error.source) for r in failed] == [("a9", "E298", "in.jsonl:10")]
    assert _values(results[10]) == [("PERCENT", "10,5%", 10.5), ("COUNT", "12 hồ sơ", 12)]
    assert all(r.records for r in results if r.error is None)


def test_article_metadata_is_plain_json_without_matcher_caches():
    import json
    from extract.io.batch import process_article
    text = ("Hà Nội tăng 5% chi tiêu\nThứ Hai, 16/10/2023 | 18:24\n"
            "Đến 10/10/2023 đã cấp 3 hồ sơ, 7/2 tỷ lệ đạt 50,2%, tăng 2/3 so với 15 tuần trước.")
    res = process_article(Article("m1", text, source="m1.txt"))
    assert res.error is None
    assert json.loads(json.dumps(res.meta)) == res.meta
    assert {k: res.meta[k] for k in ("title", "published", "published_source")} == {
        "title": "Hà Nội tăng 5% chi tiêu", "published": "2023-10-16", "published_source": "dateline"}
    assert not [k for k in res.meta if k.startswith("_")]
