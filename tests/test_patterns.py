"""Every rule's own examples match it, and its counter-examples never yield its type."""
import pytest

from extract import extract
from extract.pipeline.nlp import make_context
from extract.pipeline.registry import DIMENSIONS

RULES = [(name, rule) for name, cls in DIMENSIONS.items() for rule in cls().rules]


@pytest.mark.parametrize("dim,rule,example", [
    pytest.param(d, r, ex, id=f"{r.id}:{ex}") for d, r in RULES for ex in r.examples])
def test_rule_example_matches(dim, rule, example):
    ctx = make_context(example)
    found = [m for m in DIMENSIONS[dim]().find(ctx) if m.rule == rule.id]
    assert found, f"rule {rule.id} does not match its example {example!r}"
    assert all(m.type == rule.type for m in found)


@pytest.mark.parametrize("rule,example", [
    pytest.param(r, ex, id=f"{r.id}:{ex}") for _, r in RULES for ex in r.counter_examples])
def test_rule_counter_example_yields_nothing(rule, example):
    got = [r for r in extract(example) if r["type"] == rule.type and r["rule"] == rule.id]
    assert got == []


def test_every_rule_has_examples():
    assert all(r.examples for _, r in RULES)
