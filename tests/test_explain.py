"""`claims show --explain` names the rule behind each item; the record itself stays the same."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from claims.cli import main

from .conftest import SAMPLES

pytestmark = pytest.mark.slow


def test_show_explain_lists_the_rule_of_each_item(models):
    result = CliRunner().invoke(main, ["show", str(SAMPLES / "pardon.txt"), "--explain"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    table = result.output[result.output.index("Which rule found each item") :]
    assert "clause_trigger «помиловал»" in table
    assert "day_month" in table
    assert "non_answers → phrase" in table


def test_extract_json_carries_no_rules(models):
    result = CliRunner().invoke(main, ["extract", str(SAMPLES / "pardon.txt")])
    assert result.exit_code == 0 and "clause_trigger" not in result.output and "_rule" not in result.output
