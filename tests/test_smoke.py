import json


def test_status_json_lists_rows(cli):
    result = cli("status", "--as-of", "15/5/2022", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {
        "unit": "tu-phap",
        "item": "6",
        "task": None,
        "period": "2022-05",
        "late_from": "2022-05-10",
        "state": "overdue",
        "percent": 0,
        "completed_on": None,
        "days_overdue": 6,
        "directive": "968/UBND-TH",
    } in rows
