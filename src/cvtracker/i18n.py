"""The message catalog: every text for people, in Vietnamese and in English.

Vietnamese is the default (an official tool of a Vietnamese office); ``--lang en`` or
``CVTRACKER_LANG=en`` switch to English. Keys are looked up with ``translate(lang, key, **params)``.
"""

from __future__ import annotations

from typing import Any, Literal

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")

CATALOG: dict[str, tuple[str, str]] = {
    # --- errors (one line each) ---
    "error": ("Lỗi", "Error"),
    "directive_invalid": (
        "Tệp chỉ thị không hợp lệ ({count} lỗi); sửa các dòng trên rồi chạy lại",
        "invalid directive file ({count} errors); fix the lines above and run again",
    ),
    "bad_date_format": (
        "Ngày không hợp lệ: '{value}'. Nhập ngày trước tháng, ví dụ 4/5/2022 hoặc 2022-05-04",
        "bad date '{value}': type the day first, e.g. 4/5/2022 (4 May) or 2022-05-04",
    ),
    "bad_date": (
        "Ngày không tồn tại: '{value}'. Kiểm tra ngày và tháng (ngày trước tháng, ví dụ 4/5/2022)",
        "no such day: '{value}'; check the day and month (day first, e.g. 4/5/2022)",
    ),
    "bad_month": (
        "Tháng không hợp lệ: '{value}'. Nhập ví dụ 2022-06, 6/2022 hoặc 06/2022",
        "bad month '{value}': type e.g. 2022-06, 6/2022 or 06/2022",
    ),
    "bad_year": (
        "Năm không hợp lệ: '{value}'. Nhập 4 chữ số, ví dụ 2022",
        "bad year '{value}': type four digits, e.g. 2022",
    ),
    "bad_percent": (
        "Tỷ lệ không hợp lệ: '{value}'. Nhập một số từ 0 đến 100, ví dụ 90 hoặc 89.5",
        "bad percent '{value}': give a number from 0 to 100, e.g. 90 or 89.5",
    ),
    "percent_or_done": (
        "Cần --percent P hoặc --done (không dùng cả hai)",
        "give --percent P or --done (not both)",
    ),
    "deadline_one": (
        "Chỉ dùng một trong --before và --through",
        "give only one of --before and --through",
    ),
    "unknown_unit": (
        "Không tìm thấy đơn vị '{value}'. Gần nhất: {choices}. Xem danh sách: cvtracker units",
        "unknown unit '{value}'; nearest: {choices}. List them with: cvtracker units",
    ),
    "ambiguous_unit": (
        "'{value}' khớp nhiều đơn vị: {choices}. Nhập rõ hơn hoặc dùng mã đơn vị",
        "'{value}' matches several units: {choices}; type more of the name or use the id",
    ),
    "unknown_item": (
        "Không có nội dung '{value}'. Các nội dung: {choices}",
        "unknown item '{value}'; the items are: {choices}",
    ),
    "item_needs_subitem": (
        "Nội dung '{value}' có các điểm {choices}; hãy ghi nhận cho một điểm cụ thể",
        "item '{value}' has sub-items {choices}; record one of them",
    ),
    "unknown_task": (
        "Không có nhiệm vụ {value}. Xem danh sách: cvtracker task list",
        "no task {value}; list them with: cvtracker task list",
    ),
    "task_of_other_unit": (
        "Nhiệm vụ {task} thuộc đơn vị {owner}, không phải {unit}",
        "task {task} belongs to unit {owner}, not {unit}",
    ),
    "unit_not_assigned": (
        "Nội dung {item} không giao cho đơn vị {unit}. Các đơn vị được giao: {choices}",
        "item {item} is not assigned to unit {unit}; it is assigned to: {choices}",
    ),
    "period_not_monthly": (
        "{item} không phải nội dung hàng tháng: bỏ --period",
        "{item} is not a monthly item: leave out --period",
    ),
    "period_out_of_range": (
        "Nội dung {item} không có kỳ {value}; các kỳ từ {start} đến {until}",
        "item {item} has no period {value}; its periods run from {start} to {until}",
    ),
    "no_open_period": (
        "Nội dung {item} của {unit} không còn kỳ nào chưa hoàn thành đến tháng {month}; "
        "chỉ rõ kỳ bằng --period YYYY-MM",
        "item {item} of {unit} has no period left open up to {month}; "
        "name one with --period YYYY-MM",
    ),
    "several_open_periods": (
        "Nội dung {item} của {unit} còn nhiều kỳ chưa hoàn thành ({choices}); "
        "chỉ rõ kỳ bằng --period YYYY-MM",
        "item {item} of {unit} has several periods open ({choices}); "
        "name one with --period YYYY-MM",
    ),
    "date_in_future": (
        "Ngày {value} sau hôm nay ({today}); chỉ ghi nhận việc đã làm",
        "{value} is after today ({today}); record only what has been done",
    ),
    "empty_title": ("Tên nhiệm vụ không được để trống", "the task title must not be empty"),
    "bad_lang": (
        "Ngôn ngữ '{value}' không hỗ trợ; dùng vi hoặc en",
        "unknown language '{value}'; use vi or en",
    ),
    "db_bad_url": (
        "Địa chỉ cơ sở dữ liệu không hợp lệ: '{url}'. Dùng đường dẫn tệp hoặc URL SQLAlchemy",
        "bad database address '{url}': give a file path or an SQLAlchemy URL",
    ),
    "db_not_database": (
        "{url} không phải cơ sở dữ liệu cvtracker (SQLite); kiểm tra --db hoặc CVTRACKER_DB",
        "{url} is not a cvtracker (SQLite) database; check --db or CVTRACKER_DB",
    ),
    "db_is_directory": (
        "{url} là một thư mục; --db cần một tệp hoặc một URL",
        "{url} is a directory; --db needs a file or a URL",
    ),
    "db_failed": (
        "Không dùng được cơ sở dữ liệu {url}: {reason}",
        "cannot use the database {url}: {reason}",
    ),
    "db_driver_missing": (
        "Thiếu trình điều khiển cho {url} ({reason}); cài: pip install 'cvtracker[postgres]'",
        "no driver for {url} ({reason}); install it: pip install 'cvtracker[postgres]'",
    ),
    "import_unreadable": ("Không đọc được tệp {path}: {reason}", "cannot read {path}: {reason}"),
    "import_bad_format": (
        "Không nhận ra định dạng của {path}; dùng tệp .csv hoặc .jsonl",
        "cannot tell the format of {path}; use a .csv or .jsonl file",
    ),
    "import_invalid": (
        "{count} dòng lỗi; không nhập dòng nào. Sửa các dòng trên rồi nhập lại",
        "{count} bad rows; nothing was imported. Fix the rows above and import again",
    ),
    "import_missing_field": ("thiếu trường '{field}'", "missing field '{field}'"),
    "import_unknown_field": ("trường không biết '{field}'", "unknown field '{field}'"),
    "import_bad_json": ("JSON không hợp lệ: {reason}", "bad JSON: {reason}"),
    "import_empty": ("Tệp {path} không có dòng dữ liệu nào", "{path} has no rows"),
    # --- states ---
    "state_done": ("hoàn thành", "done"),
    "state_late": ("trễ hạn", "late"),
    "state_overdue": ("quá hạn", "overdue"),
    "state_open": ("chưa đến hạn", "open"),
    "state_ongoing": ("thường xuyên", "ongoing"),
    # --- deadlines ---
    "deadline_before": ("trước ngày {day}", "before {day}"),
    "deadline_through": ("đến hết ngày {day}", "through {day}"),
    # --- ratings ---
    "rating_excellent": ("hoàn thành xuất sắc nhiệm vụ", "excellent"),
    "rating_good": ("hoàn thành tốt nhiệm vụ", "good"),
    "rating_done": ("hoàn thành nhiệm vụ", "completed"),
    "rating_failed": ("không hoàn thành nhiệm vụ", "not completed"),
    # --- table headings ---
    "col_id": ("Mã", "Id"),
    "col_unit": ("Đơn vị", "Unit"),
    "col_name": ("Tên", "Name"),
    "col_kind": ("Loại", "Kind"),
    "col_group": ("Nhóm", "Group"),
    "col_one_stop": ("Một cửa", "One-stop"),
    "col_named": ("Nêu trong CV", "Named"),
    "col_item": ("Nội dung", "Item"),
    "col_title": ("Tên", "Title"),
    "col_deadline": ("Thời hạn", "Deadline"),
    "col_assignees": ("Đơn vị thực hiện", "Assignees"),
    "col_period": ("Kỳ", "Period"),
    "col_state": ("Tình trạng", "State"),
    "col_percent": ("%", "%"),
    "col_when": ("Ngày hoàn thành / còn lại", "Completed / left"),
    "col_done": ("Hoàn thành", "Done"),
    "col_late": ("Trễ hạn", "Late"),
    "col_overdue": ("Quá hạn", "Overdue"),
    "col_open": ("Chưa đến hạn", "Open"),
    "col_days_overdue": ("Số ngày quá hạn", "Days overdue"),
    "col_task": ("Nhiệm vụ", "Task"),
    "col_assignee": ("Người thực hiện", "Assignee"),
    "col_person": ("Người", "Person"),
    "col_eligible": ("Đủ điều kiện", "Eligible"),
    "col_failing": ("Nhiệm vụ dưới 90%", "Tasks under 90%"),
    "col_on": ("Ngày", "Day"),
    "col_evidence": ("Minh chứng", "Evidence"),
    "col_note": ("Ghi chú", "Note"),
    "col_by": ("Người ghi", "By"),
    "col_recorded_at": ("Ghi lúc", "Recorded at"),
    "col_event": ("Số", "No."),
    # --- phrases ---
    "head": ("Thủ trưởng", "Head"),
    "yes": ("có", "yes"),
    "no": ("không", "no"),
    "not_reported": ("chưa báo cáo", "not reported"),
    "days_overdue": ("quá hạn {days} ngày", "{days} days overdue"),
    "days_late": ("trễ {days} ngày", "{days} days late"),
    "working_days_left": ("còn {days} ngày làm việc", "{days} working days left"),
    "completed_on": ("xong ngày {day}", "done on {day}"),
    "total": ("Tổng", "Total"),
    "status_title": (
        "Tình hình thực hiện Công văn {number} tính đến ngày {day}",
        "Progress on Công văn {number} as of {day}",
    ),
    "overdue_title": (
        "Các nội dung quá hạn tính đến ngày {day}",
        "Overdue as of {day}",
    ),
    "overdue_none": ("Không có nội dung nào quá hạn ngày {day}.", "Nothing is overdue on {day}."),
    "eligibility_title": (
        "Quy tắc 90% (nội dung 4) năm {year}, tính đến ngày {day}: được xét "
        '"hoàn thành tốt nhiệm vụ" trở lên?',
        'The 90% rule (item 4), {year}, as of {day}: may be rated "good" or higher?',
    ),
    "units_title": ("Các đơn vị", "Units"),
    "items_title": ("Các nội dung của Công văn {number}", "The obligations of Công văn {number}"),
    "tasks_title": ("Nhiệm vụ theo kế hoạch của đơn vị", "Tasks from the units' own plans"),
    "history_title": ("Sổ ghi nhận", "The ledger"),
    "history_empty": ("Chưa có ghi nhận nào.", "Nothing recorded yet."),
    "tasks_empty": ("Chưa có nhiệm vụ nào.", "No tasks yet."),
    "status_hint": (
        "Xem chi tiết: cvtracker status --unit ĐƠN_VỊ hoặc --item NỘI_DUNG",
        "Details: cvtracker status --unit UNIT or --item ITEM",
    ),
    "recorded": (
        "Đã ghi nhận #{id}: {unit} – nội dung {item}{period}: {percent}% ngày {day}",
        "Recorded #{id}: {unit} – item {item}{period}: {percent}% on {day}",
    ),
    "task_added": ("Đã thêm nhiệm vụ {id}: {title}", "Added task {id}: {title}"),
    "imported": ("Đã nhập {count} ghi nhận từ {path}", "Imported {count} events from {path}"),
    "valid": ("{path}: hợp lệ", "{path}: valid"),
    "warning": ("cảnh báo", "warning"),
    "warnings_count": ("{count} cảnh báo", "{count} warnings"),
    "ongoing": ("thường xuyên", "ongoing"),
    "none": ("—", "—"),
    "eligible_yes": ("đủ điều kiện", "eligible"),
    "eligible_no": ("không đủ", "not eligible"),
}


def translate(lang: str, key: str, **params: Any) -> str:
    vi, en = CATALOG.get(key, (key, key))
    template = en if lang == "en" else vi
    try:
        return template.format(**params)
    except (KeyError, IndexError):  # a wrong parameter must not hide the message itself
        return template


class Translator:
    def __init__(self, lang: Lang) -> None:
        self.lang: Lang = lang

    def __call__(self, key: str, **params: Any) -> str:
        return translate(self.lang, key, **params)
