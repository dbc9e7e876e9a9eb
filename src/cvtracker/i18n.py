"""The message catalog: every text for people, in Vietnamese and in English.

Vietnamese is the default (an official tool of a Vietnamese office); ``--lang en`` or
``CVTRACKER_LANG=en`` switch to English. Keys are looked up with ``translate(lang, key, **params)``.

Counts: ``KEY_1`` is the text for a count of 1 (the English singular; Vietnamese nouns have no
plural, so its Vietnamese text is mostly that of ``KEY``), ``KEY`` the text for any other
count. ``Translator.plural(KEY, count, **params)`` picks one; :func:`plural` gives the key, for
a message translated later.
"""

from __future__ import annotations

from typing import Any, Literal

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")

CATALOG: dict[str, tuple[str, str]] = {
    # --- errors (one line each) ---
    "error": ("Lỗi", "Error"),
    "directive_invalid": (
        "Tệp dữ liệu công văn không dùng được ({count} lỗi, xem các dòng trên)",
        "the directive file cannot be used ({count} errors, listed above)",
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
    "unknown_unit_no_match": (
        "Không tìm thấy đơn vị '{value}'. Xem danh sách: cvtracker units",
        "unknown unit '{value}'; list them with: cvtracker units",
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
    "period_not_started": (
        "Nội dung {item} bắt đầu từ kỳ tháng {start}; ngày {day} chưa có kỳ nào. "
        "Kiểm tra --on hoặc chỉ rõ --period YYYY-MM",
        "item {item} starts with the period of {start}; there is no period yet on {day}. "
        "Check --on, or name one with --period YYYY-MM",
    ),
    "several_open_periods": (
        "Nội dung {item} của {unit} còn {count} kỳ chưa hoàn thành; chọn một kỳ (hạn cuối): "
        "{choices}",
        "item {item} of {unit} has {count} periods open; pick one (last day): {choices}",
    ),
    "several_open_periods_more": (
        "Nội dung {item} của {unit} còn {count} kỳ chưa hoàn thành; các kỳ gần nhất (hạn "
        "cuối): {choices}; và {rest} kỳ khác",
        "item {item} of {unit} has {count} periods open; the nearest (last day): {choices}; "
        "and {rest} more",
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
    # the words of the government's task-tracking systems
    "state_done": ("hoàn thành đúng hạn", "done on time"),
    "state_late": ("hoàn thành quá hạn", "done late"),
    "state_overdue": ("quá hạn", "overdue"),
    "state_open": ("trong hạn", "not yet due"),
    "state_ongoing": ("thường xuyên", "ongoing"),
    # --- deadlines ---
    "deadline_before": ("trước ngày {day}", "before {day}"),
    "deadline_through": ("đến hết ngày {day}", "through {day}"),
    "deadline_monthly": ("{words} – tháng {month}", "{words} – {month}"),
    "deadline_rolled": (
        "{words} – hạn cuối {last}, do {nominal} là {reason}",
        "{words} – last day {last}, as {nominal} is {reason}",
    ),
    "deadline_rolled_short": ("{words} (hạn cuối {last})", "{words} (last day {last})"),
    "day_off_saturday": ("thứ Bảy", "a Saturday"),
    "day_off_sunday": ("Chủ nhật", "a Sunday"),
    "day_off_holiday": ("ngày nghỉ lễ", "a public holiday"),
    "period_report": ("báo cáo hạn trước ngày {day}", "report due before {day}"),
    "period_before": ("hạn trước ngày {day}", "due before {day}"),
    "period_month": ("tháng {month}", "{month}"),
    "due_today": ("hạn cuối là hôm nay", "due today"),
    "progress_overdue": ("{percent}% – {overdue}", "{percent}% – {overdue}"),
    "directive_ended": (
        "Công văn {number} chỉ còn hiệu lực đến hết ngày {day}: {reason}. Không có nội dung nào "
        "đến hạn sau ngày đó.",
        "Công văn {number} was in force through {day}: {reason}. Nothing falls due after that day.",
    ),
    "report_month_after_end": (
        "Công văn {number} hết hiệu lực ngày {day}; không có báo cáo tháng {month}. "
        "Tháng cuối cùng: {last}",
        "Công văn {number} ended on {day}; there is no report for {month}. The last month: {last}",
    ),
    "report_month_before_start": (
        "Công văn {number} ban hành ngày {day}; không có báo cáo tháng {month}. "
        "Tháng đầu tiên: {first}",
        "Công văn {number} was issued on {day}; there is no report for {month}. "
        "The first month: {first}",
    ),
    "task_after_end": (
        "Công văn {number} hết hiệu lực ngày {end}; nhiệm vụ không thể có hạn {day}",
        "Công văn {number} ended on {end}; a task cannot be due {day}",
    ),
    "period_after_end": (
        "Kỳ {value} của nội dung {item} đến hạn sau khi Công văn {number} hết hiệu lực "
        "(ngày {end}); kỳ cuối cùng: {last}",
        "period {value} of item {item} falls due after Công văn {number} ended ({end}); "
        "the last period: {last}",
    ),
    "note_already_complete": (
        "Lưu ý: nội dung này đã hoàn thành ngày {day} (ghi nhận #{id}); ghi nhận mới vẫn được "
        'lưu. Nếu ngày đó sai: cvtracker void {id} --reason "…"',
        "Note: this item was already completed on {day} (event #{id}); the new record is kept. "
        'If that day is wrong: cvtracker void {id} --reason "…"',
    ),
    "note_already_complete_period": (
        "Lưu ý: kỳ này đã hoàn thành ngày {day} (ghi nhận #{id}); ghi nhận mới vẫn được "
        'lưu. Nếu ngày đó sai: cvtracker void {id} --reason "…"',
        "Note: this period was already completed on {day} (event #{id}); the new record is kept. "
        'If that day is wrong: cvtracker void {id} --reason "…"',
    ),
    "note_already_complete_task": (
        "Lưu ý: nhiệm vụ này đã hoàn thành ngày {day} (ghi nhận #{id}); ghi nhận mới vẫn được "
        'lưu. Nếu ngày đó sai: cvtracker void {id} --reason "…"',
        "Note: this task was already completed on {day} (event #{id}); the new record is kept. "
        'If that day is wrong: cvtracker void {id} --reason "…"',
    ),
    "note_duplicate": (
        "Lưu ý: ghi nhận này trùng với ghi nhận #{id} (cùng tỷ lệ, ngày, minh chứng); vẫn được lưu",
        "Note: this record repeats #{id} (same percent, day and evidence); it is kept",
    ),
    "note_lower_percent": (
        "Lưu ý: {percent}% thấp hơn lần ghi trước (#{id}: {previous}%); vẫn được lưu",
        "Note: {percent}% is lower than the previous record (#{id}: {previous}%); it is kept",
    ),
    # --- table headings ---
    "col_id": ("Mã", "Id"),
    "col_unit": ("Đơn vị", "Unit"),
    "col_name": ("Tên", "Name"),
    "col_kind": ("Loại", "Kind"),
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
    "col_done": ("HT đúng hạn", "On time"),
    "col_late": ("HT quá hạn", "Done late"),
    "col_overdue": ("Quá hạn", "Overdue"),
    "col_open": ("Trong hạn", "Not yet due"),
    "col_ongoing": ("Thường xuyên", "Ongoing"),
    "col_days_overdue": ("Số ngày quá hạn", "Days overdue"),
    "col_task": ("Nhiệm vụ", "Task"),
    "col_assignee": ("Người thực hiện", "Assignee"),
    "col_person": ("Người", "Person"),
    "col_eligible": ("Kết luận theo nội dung 4", "Under item 4"),
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
    "not_reported": ("chưa ghi nhận", "not recorded"),
    "not_reported_report": ("chưa báo cáo", "not reported"),
    "days_overdue": ("quá hạn {days} ngày", "{days} days overdue"),
    "days_overdue_1": ("quá hạn {days} ngày", "{days} day overdue"),
    "days_late": ("trễ {days} ngày", "{days} days late"),
    "days_late_1": ("trễ {days} ngày", "{days} day late"),
    "working_days_left": ("còn {days} ngày làm việc", "{days} working days left"),
    "working_days_left_1": ("còn {days} ngày làm việc", "{days} working day left"),
    "row_period": ("kỳ {period}", "period {period}"),
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
        "Quy tắc 90% (nội dung 4) năm {year}, tính đến ngày {day}: nhiệm vụ theo kế hoạch "
        "hoàn thành dưới 90% khối lượng",
        "The 90% rule (item 4), {year}, as of {day}: plan tasks completed under 90% of their "
        "volume",
    ),
    "eligibility_apart_title": (
        "Đơn vị do cơ quan quản lý cấp trên đánh giá, xếp loại: thông báo để cơ quan quản lý "
        "xem xét",
        "Units rated by their own hierarchy: passed on for that hierarchy to consider",
    ),
    "eligibility_nothing_due": (
        "Chưa có nhiệm vụ đến hạn ({count}; tên đơn vị là người đứng đầu đơn vị đó): {names}.",
        "No task due yet ({count}; a unit's name stands for its head): {names}.",
    ),
    "eligibility_no_tasks": (
        "Chưa có nhiệm vụ theo kế hoạch nào (cvtracker task add); quy tắc 90% chỉ xét các nhiệm "
        "vụ được giao theo kế hoạch.",
        "No plan tasks yet (cvtracker task add); the 90% rule judges only the tasks assigned "
        "under a plan.",
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
    "record_result": ("Kết quả: {state}", "Result: {state}"),
    "person_like": (
        "Có phải '{existing}'? Dùng đúng tên đó, hoặc thêm --new-person nếu '{value}' là người "
        "khác",
        "Do you mean '{existing}'? Use that name, or add --new-person if '{value}' is someone else",
    ),
    "imported": ("Đã nhập {count} ghi nhận từ {path}", "Imported {count} events from {path}"),
    "valid": ("{path}: hợp lệ", "{path}: valid"),
    "warning": ("cảnh báo", "warning"),
    "warnings_count": ("{count} cảnh báo", "{count} warning(s)"),
    "ongoing": ("thường xuyên", "ongoing"),
    "none": ("—", "—"),
    "eligible_yes": ("không bị loại theo nội dung 4", "not excluded by item 4"),
    "eligible_no": (
        "không đủ điều kiện xét hoàn thành tốt nhiệm vụ trở lên (nội dung 4)",
        "may not be rated “good” or higher (item 4)",
    ),
    "eligible_nothing_due": ("chưa có nhiệm vụ đến hạn", "no task due yet"),
    "kind_office": ("phòng, ban", "office"),
    "kind_public_service": ("đơn vị sự nghiệp", "public service unit"),
    "kind_commune": ("xã", "commune"),
    "kind_town": ("thị trấn", "town"),
    "kind_police": ("công an", "police"),
    "kind_social_insurance": ("bảo hiểm xã hội", "social insurance"),
    "recorded_task": (
        "Đã ghi nhận #{id}: {unit} – nhiệm vụ {item}: {percent}% ngày {day}",
        "Recorded #{id}: {unit} – task {item}: {percent}% on {day}",
    ),
    # --- report ---
    "report_bad_format": (
        "Định dạng '{value}' không hỗ trợ; dùng một trong: {choices}",
        "unknown format '{value}'; use one of: {choices}",
    ),
    "report_unknown_extension": (
        "Không suy ra được định dạng từ tên tệp '{path}'; dùng --format ({choices}) "
        "hoặc đuôi .txt, .md, .csv, .json, .xlsx, .docx",
        "cannot tell the format from '{path}'; give --format ({choices}) "
        "or end the name in .txt, .md, .csv, .json, .xlsx or .docx",
    ),
    "report_binary_tty": (
        "Định dạng {fmt} là tệp nhị phân, không in ra màn hình; dùng -o baocao.{fmt}",
        "{fmt} is a binary format and is not written to a terminal; give -o report.{fmt}",
    ),
    "report_export_missing": (
        "Định dạng {fmt} cần thư viện {package}; cài đặt: pip install 'cvtracker[export]'",
        "the {fmt} format needs {package}; install it: pip install 'cvtracker[export]'",
    ),
    "report_cannot_write": ("Không ghi được {path}: {reason}", "cannot write {path}: {reason}"),
    "report_written": ("Đã ghi báo cáo vào {path}", "Report written to {path}"),
    "report_title": (
        "Báo cáo tình hình thực hiện Công văn {number}, tháng {month} (tính đến ngày {day})",
        "Report on Công văn {number} for {month} (as of {day})",
    ),
    "report_sec_reports": (
        "1. Báo cáo tiến độ tháng {month} – nội dung {items}: {wording}",
        "1. Monthly progress reports for {month} – item {items}: {wording}",
    ),
    "report_sec_inspections": (
        "1b. Kiểm tra, đánh giá hàng tháng, tháng {month} (nội dung {items})",
        "1b. Monthly inspections for {month} (items {items})",
    ),
    "report_sec_one_offs": (
        "2. Các nội dung có thời hạn (nội dung {items})",
        "2. One-off obligations (items {items})",
    ),
    "report_sec_tasks": (
        "2b. Nhiệm vụ theo kế hoạch của đơn vị đến hạn trong tháng {month}",
        "2b. Units' own tasks due in {month}",
    ),
    "report_sec_overdue": (
        "3. Các nội dung quá hạn tính đến ngày {day} (lâu nhất trước)",
        "3. Overdue as of {day}, oldest first",
    ),
    "report_sec_watch": (
        "4. Không đủ điều kiện xét “hoàn thành tốt nhiệm vụ” trở lên năm {year} "
        "(quy tắc 90%, nội dung 4)",
        "4. Barred from “good” or higher in {year} (the 90% rule, item 4)",
    ),
    "report_sec_late_in_month": (
        "3b. Các nội dung của các tháng trước hoàn thành quá hạn trong tháng {month}",
        "3b. Earlier obligations completed late during {month}",
    ),
    "watch_passed_on": (
        "thông báo để cơ quan quản lý xem xét",
        "passed on for its own hierarchy to consider",
    ),
    "report_sec_summary": ("5. Tổng hợp", "5. Summary"),
    "report_sec_items": ("Tỷ lệ hoàn thành theo nội dung", "Completion by item"),
    "report_sec_units": ("Tỷ lệ hoàn thành theo đơn vị", "Completion by unit"),
    "report_none": ("Không có.", "None."),
    "report_more_rows": (
        "… và {count} dòng khác; xem tất cả: {command}",
        "… and {count} more; see them all: {command}",
    ),
    "outcome_on_time": ("hoàn thành đúng hạn", "on time"),
    "outcome_late": ("hoàn thành quá hạn", "late"),
    "outcome_missing": ("chưa báo cáo", "missing"),
    "outcome_pending": ("trong hạn", "not due yet"),
    "report_cell_done": ("xong {day}", "done {day}"),
    "report_cell_open": ("trong hạn", "not due yet"),
    "report_tasks": ("Nhiệm vụ của đơn vị", "Units' tasks"),
    "report_sum_reports": (
        "Báo cáo tiến độ (nội dung {items}): {on_time}/{units} đơn vị báo cáo đúng hạn, {late} "
        "báo cáo quá hạn, {missing} chưa báo cáo, {pending} còn trong hạn",
        "Progress reports (item {items}): {on_time} of {units} units on time, {late} late, "
        "{missing} missing, {pending} not due yet",
    ),
    "report_sum_overdue": ("Số nội dung quá hạn: {count}", "Overdue: {count}"),
    "report_sum_watch": (
        "Số người đứng đầu, cá nhân không đủ điều kiện xét “hoàn thành tốt nhiệm vụ”: {count}",
        "Heads and persons barred from “good” or higher: {count}",
    ),
    "report_sum_previous": (
        "So với tháng {month} (tính đến ngày {day}): báo cáo đúng hạn {on_time}, báo cáo quá "
        "hạn {late}, chưa báo cáo {missing}, nội dung quá hạn {overdue}, số người không đủ "
        "điều kiện {watch}",
        "Since {month} (as of {day}): on time {on_time}, late {late}, missing {missing}, "
        "overdue {overdue}, barred {watch}",
    ),
    "report_sum_no_previous": (
        "Không có số liệu tháng trước để so sánh",
        "No previous month to compare with",
    ),
    "col_section": ("Phần", "Section"),
    "col_unit_id": ("Mã đơn vị", "Unit id"),
    "col_outcome": ("Kết quả", "Result"),
    "col_report_day": ("Ngày báo cáo", "Reported on"),
    "col_completed_on": ("Ngày hoàn thành", "Completed on"),
    "col_days_late": ("Số ngày trễ", "Days late"),
    "col_total": ("Tổng số", "Total"),
    "col_completed": ("Đã hoàn thành", "Completed"),
    "col_on_time": ("Đúng hạn", "On time"),
    "col_rate": ("Tỷ lệ HT (%)", "Done (%)"),
    "col_change": ("So tháng trước", "Since last month"),
    "col_detail": ("Chi tiết", "Detail"),
    "section_reports": ("Báo cáo tiến độ", "Progress reports"),
    "section_inspections": ("Kiểm tra hàng tháng", "Monthly inspections"),
    "section_one_offs": ("Nội dung có thời hạn", "One-off items"),
    "section_tasks": ("Nhiệm vụ của đơn vị", "Units' tasks"),
    "section_overdue": ("Quá hạn", "Overdue"),
    "section_late_in_month": ("HT quá hạn trong tháng", "Done late in the month"),
    "section_watch": ("Quy tắc 90%", "90% rule"),
    "section_summary": ("Tổng hợp", "Summary"),
    "section_items": ("Theo nội dung", "By item"),
    "section_units": ("Theo đơn vị", "By unit"),
    "report_chart_title": ("Tỷ lệ hoàn thành theo đơn vị (%)", "Completion by unit (%)"),
    "docx_subject": (
        "Tình hình thực hiện Công văn số {number} ngày {date} của {issuer}, tháng {month}",
        "Progress on Công văn số {number} of {date} of the {issuer}, {month}",
    ),
    "docx_intro": (
        "Thực hiện Công văn số {number} ngày {date} của {issuer} {subject}, {body} báo cáo "
        "tình hình thực hiện tháng {month} của các cơ quan, đơn vị, địa phương (số liệu tính "
        "đến ngày {day}) như sau:",
        "Under Công văn số {number} of {date} of the {issuer} ({subject}), {body} reports on the "
        "units' progress in {month} (figures as of {day}) as follows:",
    ),
    "docx_closing": (
        "{body} kính báo cáo Chủ tịch Ủy ban nhân dân huyện xem xét, chỉ đạo./.",
        "{body} submits this report to the Chairman of the district People's Committee./.",
    ),
    "docx_recipients": ("Nơi nhận:", "Recipients:"),
    "docx_signer": ("TRƯỞNG PHÒNG", "HEAD OF OFFICE"),
    # --- notify ---
    # KEY_1: the text for a count of 1 (see the module's docstring)
    "notify_subject_1": (
        "[cvtracker] {count} nội dung quá hạn – ngày {day}",
        "[cvtracker] {count} item overdue – {day}",
    ),
    "notify_subject_unit_1": (
        "[cvtracker] {unit}: {count} nội dung quá hạn – ngày {day}",
        "[cvtracker] {unit}: {count} item overdue – {day}",
    ),
    "notify_soon_heading_1": (
        "Sắp đến hạn trong {days} ngày làm việc tới: {count}",
        "Falling due within the next working day: {count}",
    ),
    "notify_soon_none_1": (
        "Không có nội dung nào đến hạn trong {days} ngày làm việc tới.",
        "Nothing falls due within the next working day.",
    ),
    "notify_due_today": ("hạn cuối là hôm nay", "due today"),
    "notify_dry_run_1": (
        "Chạy thử (--dry-run): không gửi, không ghi nhận. {count} thư sẽ được gửi:",
        "Dry run: nothing sent, nothing recorded. {count} mail would be sent:",
    ),
    "notify_refused_1": (
        "Máy chủ thư từ chối {count} người nhận (xem dòng trên); chưa ghi nhận là đã gửi "
        "cho người này, lần chạy sau sẽ gửi lại; các thư máy chủ đã nhận đã được ghi nhận",
        "the mail server refused {count} recipient (see above); it is not recorded as sent "
        "and the next run will try again; the mails it accepted are recorded",
    ),
    "mail_failed_after_1": (
        "Mất kết nối với {server} giữa chừng: {reason}. {sent} thư đã gửi được đã ghi nhận; "
        "lần chạy sau sẽ gửi các thư còn lại",
        "lost the mail server {server} midway: {reason}; the {sent} mail sent is recorded, "
        "the next run will send the others",
    ),
    "mail_no_recipients_per_unit": (
        "Không có người nhận: dùng --to, CVTRACKER_NOTIFY_TO hoặc [notify] to, hoặc địa chỉ "
        "của đơn vị trong [notify.units] của {path}",
        "no recipients: give --to, CVTRACKER_NOTIFY_TO or [notify] to, or unit addresses in "
        "[notify.units] of {path}",
    ),
    "password_file_owner": (
        "Tệp mật khẩu {path} thuộc người dùng {owner}, không phải người chạy cvtracker ({user}); "
        "chạy: chown {user} {path}",
        "the password file {path} belongs to user {owner}, not to the user running cvtracker "
        "({user}); run: chown {user} {path}",
    ),
    "notify_subject": (
        "[cvtracker] {count} nội dung quá hạn – ngày {day}",
        "[cvtracker] {count} items overdue – {day}",
    ),
    "notify_subject_unit": (
        "[cvtracker] {unit}: {count} nội dung quá hạn – ngày {day}",
        "[cvtracker] {unit}: {count} items overdue – {day}",
    ),
    "notify_heading": (
        "Các nội dung quá hạn thực hiện Công văn {number} tính đến ngày {day}: {count}",
        "Overdue under Công văn {number} as of {day}: {count}",
    ),
    "notify_soon_heading": (
        "Sắp đến hạn trong {days} ngày làm việc tới: {count}",
        "Falling due within the next {days} working days: {count}",
    ),
    "notify_soon_none": (
        "Không có nội dung nào đến hạn trong {days} ngày làm việc tới.",
        "Nothing falls due within the next {days} working days.",
    ),
    "notify_footer": (
        "Thư gửi tự động từ cvtracker, xin không trả lời thư này. "
        "Xem chi tiết: cvtracker status --as-of {day}",
        "Sent automatically by cvtracker; please do not reply. "
        "Details: cvtracker status --as-of {day}",
    ),
    "notify_progress": ("đạt {percent}%", "{percent}% done"),
    "col_days_left": ("Còn lại", "Left"),
    "notify_nothing": (
        "Không có nội dung nào quá hạn ngày {day}; không gửi thư.",
        "Nothing is overdue on {day}; no mail sent.",
    ),
    "notify_no_unit_mail": (
        "Không đơn vị nào có địa chỉ trong [notify.units] có nội dung quá hạn ngày {day}.",
        "No unit with an address in [notify.units] has anything overdue on {day}.",
    ),
    "notify_already": (
        "Đã gửi thư này cho {to} ngày {day}; không gửi lại (dùng --force để gửi lại).",
        "Already sent to {to} on {day}; not sent again (use --force to send it again).",
    ),
    "notify_sent": ("Đã gửi: {subject} → {to}", "Sent: {subject} → {to}"),
    "notify_dry_run": (
        "Chạy thử (--dry-run): không gửi, không ghi nhận. {count} thư sẽ được gửi:",
        "Dry run: nothing sent, nothing recorded. {count} mails would be sent:",
    ),
    "notify_refused_one": (
        "Máy chủ thư từ chối {to}: {reply}",
        "the mail server refused {to}: {reply}",
    ),
    "notify_refused": (
        "Máy chủ thư từ chối {count} người nhận (xem các dòng trên); chưa ghi nhận là đã gửi "
        "cho họ, lần chạy sau sẽ gửi lại; các thư máy chủ đã nhận đã được ghi nhận",
        "the mail server refused {count} recipients (see above); they are not recorded as sent "
        "and the next run will try again; the mails it accepted are recorded",
    ),
    "notify_bad_soon": (
        "--soon cần số ngày làm việc từ 0 trở lên, không phải {value}",
        "--soon takes a number of working days, 0 or more, not {value}",
    ),
    "mail_no_recipients": (
        "Không có người nhận: dùng --to, CVTRACKER_NOTIFY_TO hoặc [notify] to trong {path}",
        "no recipients: give --to, CVTRACKER_NOTIFY_TO or [notify] to in {path}",
    ),
    "mail_no_unit_addresses": (
        "Cảnh báo: --per-unit: chưa có địa chỉ của đơn vị nào trong [notify.units] của {path}; "
        "chỉ gửi thư tổng hợp",
        "warning: --per-unit: no unit has an address in [notify.units] of {path}; "
        "only the digest is sent",
    ),
    "mail_no_host": (
        "Chưa cấu hình máy chủ thư: đặt [smtp] host trong {path} hoặc CVTRACKER_SMTP_HOST",
        "no mail server: set [smtp] host in {path} or CVTRACKER_SMTP_HOST",
    ),
    "mail_no_sender": (
        "Chưa có địa chỉ gửi: đặt [smtp] from trong {path} hoặc CVTRACKER_SMTP_FROM",
        "no sender address: set [smtp] from in {path} or CVTRACKER_SMTP_FROM",
    ),
    "mail_no_password": (
        "Có tài khoản {user} nhưng không có mật khẩu: đặt CVTRACKER_SMTP_PASSWORD hoặc "
        "[smtp] password_file",
        "user {user} has no password: set CVTRACKER_SMTP_PASSWORD or [smtp] password_file",
    ),
    "mail_plain_auth": (
        'Không gửi mật khẩu qua kết nối không mã hóa tới {host}: đặt tls = "starttls" hoặc "ssl"',
        'the password is never sent unencrypted to {host}: set tls = "starttls" or "ssl"',
    ),
    "mail_failed": (
        "Không gửi được thư qua {server}: {reason}. Chưa ghi nhận thư nào là đã gửi; "
        "lần chạy sau sẽ gửi lại",
        "cannot send mail through {server}: {reason}; nothing was recorded as sent, "
        "the next run will send it",
    ),
    "mail_failed_after": (
        "Mất kết nối với {server} giữa chừng: {reason}. {sent} thư đã gửi được đã ghi nhận; "
        "lần chạy sau sẽ gửi các thư còn lại",
        "lost the mail server {server} midway: {reason}; the {sent} mails sent are recorded, "
        "the next run will send the others",
    ),
    "mail_auth_failed": (
        "Máy chủ {server} không chấp nhận đăng nhập của {user}: {reason}. Kiểm tra tài khoản "
        "và mật khẩu (CVTRACKER_SMTP_PASSWORD hoặc password_file)",
        "{server} refused the login of {user}: {reason}; check the user and the password "
        "(CVTRACKER_SMTP_PASSWORD or password_file)",
    ),
    "mail_tls_failed": (
        "Không xác thực được chứng chỉ TLS của {server}: {reason}. Nếu máy chủ dùng CA riêng, "
        "đặt [smtp] ca_file",
        "cannot verify the TLS certificate of {server}: {reason}; if the server uses a private "
        "CA, set [smtp] ca_file",
    ),
    "ca_file_unreadable": (
        "Không dùng được tệp CA {path}: {reason}",
        "cannot use the CA file {path}: {reason}",
    ),
    "bad_address": (
        "Địa chỉ thư không hợp lệ: '{value}' ({source})",
        "bad mail address '{value}' ({source})",
    ),
    "config_unreadable": (
        "Không đọc được tệp cấu hình {path}: {reason}",
        "cannot read the config file {path}: {reason}",
    ),
    "config_invalid": (
        "Tệp cấu hình {path} không hợp lệ: {reason}",
        "invalid config file {path}: {reason}",
    ),
    "config_unknown_key": (
        "{path}: khóa không biết [{section}] {name}; các khóa: {choices}",
        "{path}: unknown key [{section}] {name}; the keys are: {choices}",
    ),
    "config_expect_table": (
        "{path}: [{section}] {name} phải là một bảng TOML",
        "{path}: [{section}] {name} must be a TOML table",
    ),
    "config_expect_string": (
        "{path}: [{section}] {name} phải là một chuỗi khác rỗng",
        "{path}: [{section}] {name} must be a non-empty string",
    ),
    "config_expect_strings": (
        "{path}: [{section}] {name} phải là một chuỗi hoặc danh sách chuỗi",
        "{path}: [{section}] {name} must be a string or a list of strings",
    ),
    "config_expect_positive": (
        "{path}: [{section}] {name} phải là một số lớn hơn 0",
        "{path}: [{section}] {name} must be a number above 0",
    ),
    "config_expect_days": (
        "{path}: [{section}] {name} phải là số nguyên từ 0 trở lên",
        "{path}: [{section}] {name} must be a whole number, 0 or more",
    ),
    "config_bad_tls": (
        "TLS '{value}' không hợp lệ ({source}); dùng none, starttls hoặc ssl",
        "bad TLS mode '{value}' ({source}); use none, starttls or ssl",
    ),
    "config_bad_port": (
        "Cổng '{value}' không hợp lệ ({source}); cần số nguyên từ 1 đến 65535",
        "bad port '{value}' ({source}); give a whole number from 1 to 65535",
    ),
    "config_password_inline": (
        "{path}: không ghi mật khẩu trong tệp cấu hình; dùng [smtp] password_file "
        "(chmod 600) hoặc CVTRACKER_SMTP_PASSWORD",
        "{path}: no password in the config file; use [smtp] password_file (chmod 600) "
        "or CVTRACKER_SMTP_PASSWORD",
    ),
    "config_unknown_unit": (
        "{path}: [notify.units] không có đơn vị '{value}'; xem: cvtracker units",
        "{path}: [notify.units] names no unit '{value}'; list them with: cvtracker units",
    ),
    "password_file_open": (
        "Tệp mật khẩu {path} có quyền {mode}, người khác đọc được; chạy: chmod 600 {path}",
        "the password file {path} has mode {mode} and others can read it; run: chmod 600 {path}",
    ),
    "password_file_unreadable": (
        "Không đọc được tệp mật khẩu {path}: {reason}",
        "cannot read the password file {path}: {reason}",
    ),
    "password_file_empty": (
        "Tệp mật khẩu {path} rỗng",
        "the password file {path} is empty",
    ),
    # --- the report as a document (a báo cáo) ---
    "and": ("và", "and"),
    "change_same": ("không đổi so với tháng trước", "unchanged since last month"),
    "delta_same": ("không đổi", "unchanged"),
    "delta_up": ("tăng {value}", "up {value}"),
    "delta_down": ("giảm {value}", "down {value}"),
    "delta_none": ("—", "—"),
    "change_up": ("tăng {value} so với tháng trước", "up {value} since last month"),
    "change_down": ("giảm {value} so với tháng trước", "down {value} since last month"),
    "doc_to": ("Kính gửi: {to}.", "To: {to}."),
    "doc_part_results": ("I. KẾT QUẢ THỰC HIỆN", "I. RESULTS"),
    "doc_part_shortcomings": ("II. TỒN TẠI, HẠN CHẾ", "II. SHORTCOMINGS"),
    "doc_part_proposals": ("III. ĐỀ XUẤT, KIẾN NGHỊ", "III. PROPOSALS"),
    "doc_draft_note": (
        "(Phần này được dự thảo từ số liệu theo dõi; chuyên viên rà soát, chỉnh sửa trước khi "
        "trình ký.)",
        "(Drafted from the figures; to be reviewed and edited before signing.)",
    ),
    "doc_reports": (
        "Về báo cáo tiến độ hằng tháng ({wording}): {on_time}/{units} đơn vị báo cáo đúng hạn, "
        "{late} đơn vị báo cáo quá hạn, {missing} đơn vị chưa báo cáo{pending}{change}.",
        "Monthly progress reports ({wording}): {on_time} of {units} units reported on time, "
        "{late} late, {missing} not at all{pending}{change}.",
    ),
    "doc_reports_pending": ("; {count} đơn vị còn trong hạn", "; {count} not yet due"),
    "doc_reports_change": (
        "; số đơn vị báo cáo đúng hạn {change}",
        "; units on time {change}",
    ),
    "doc_item_line": (
        "{title}{when}: {completed}/{total} đơn vị đã hoàn thành ({rate}%), trong đó "
        "{done} đúng hạn; {overdue} quá hạn{pending}.",
        "{title}{when}: {completed} of {total} units done ({rate}%), {done} on time; "
        "{overdue} overdue{pending}.",
    ),
    "doc_item_pending": ("; {count} còn trong hạn", "; {count} not yet due"),
    "doc_monthly_before": (
        "hạn trước ngày {day} hằng tháng",
        "due before the {day}th of each month",
    ),
    "doc_monthly_end": ("hạn đến hết ngày cuối tháng", "due by the end of each month"),
    "doc_item_month": (" (tháng {month})", " ({month})"),
    "doc_tasks_line": (
        "Nhiệm vụ theo kế hoạch của các đơn vị đến hạn trong tháng: {completed}/{total} "
        "nhiệm vụ đã hoàn thành ({rate}%); {overdue} quá hạn{pending}.",
        "The units' plan tasks due in the month: {completed} of {total} done ({rate}%); "
        "{overdue} overdue{pending}.",
    ),
    "doc_overdue": (
        "Tính đến ngày {day}, còn {count} nội dung quá hạn của {units} đơn vị{change} (chi tiết "
        "tại Phụ lục 2).",
        "As of {day}, {count} items of {units} units are overdue{change} (see Appendix 2).",
    ),
    "doc_overdue_none": (
        "Tính đến ngày {day}, không có nội dung nào quá hạn.",
        "As of {day}, nothing is overdue.",
    ),
    "doc_watch": (
        "Có {count} người đứng đầu, cá nhân có nhiệm vụ được giao theo kế hoạch hoàn thành dưới "
        "90% khối lượng, không đủ điều kiện xét hoàn thành tốt nhiệm vụ trở lên theo nội dung 4 "
        "của Công văn {number} (chi tiết tại Phụ lục 3).",
        "{count} heads and officials completed a plan task under 90% of its volume and may not "
        "be rated “good” or higher under item 4 of Công văn {number} (see Appendix 3).",
    ),
    "doc_watch_none": (
        "Chưa có người đứng đầu, cá nhân nào có nhiệm vụ được giao theo kế hoạch đã đến hạn mà "
        "hoàn thành dưới 90% khối lượng.",
        "No head or official has a plan task come due that is under 90% of its volume.",
    ),
    "doc_short_missing": (
        "{count} đơn vị chưa gửi báo cáo tiến độ tháng {month}: {names}.",
        "{count} units sent no progress report for {month}: {names}.",
    ),
    "doc_short_late_twice": (
        "Các đơn vị chậm hoặc chưa báo cáo tiến độ hai tháng liên tiếp: {names}.",
        "Units late or missing with their progress report two months running: {names}.",
    ),
    "doc_short_lowest": (
        "Các nội dung có tỷ lệ hoàn thành thấp nhất: {items}.",
        "The items with the lowest completion: {items}.",
    ),
    "doc_short_oldest": (
        "Các nội dung quá hạn lâu nhất: {items}.",
        "The oldest overdue items: {items}.",
    ),
    "doc_short_none": (
        "Qua số liệu theo dõi, chưa phát hiện tồn tại, hạn chế trong tháng.",
        "The figures show no shortcoming this month.",
    ),
    "doc_prop_reports": (
        "Đề nghị {to} chỉ đạo Thủ trưởng các đơn vị {names} nghiêm túc báo cáo tiến độ đúng "
        "thời hạn ({wording}).",
        "That the {to} direct the heads of {names} to send their progress reports on time "
        "({wording}).",
    ),
    "doc_prop_overdue": (
        "Đề nghị Thủ trưởng các cơ quan, đơn vị, địa phương khẩn trương hoàn thành {count} nội "
        "dung quá hạn (Phụ lục 2), báo cáo kết quả về UBND huyện (qua {body}).",
        "That the heads of the units complete the {count} overdue items (Appendix 2) and "
        "report to the district via {body}.",
    ),
    "doc_prop_watch": (
        "Đề nghị không xem xét đánh giá, xếp loại hoàn thành tốt nhiệm vụ trở lên đối với "
        "{count} người đứng đầu, cá nhân tại Phụ lục 3, theo nội dung 4 của Công văn {number}.",
        "That the {count} heads and officials of Appendix 3 not be rated “good” or higher, under "
        "item 4 of Công văn {number}.",
    ),
    "doc_prop_passed_on": (
        "Đề nghị thông báo kết quả đối với {names} để cơ quan quản lý cấp trên xem xét.",
        "That the findings on {names} be passed on for their own hierarchy to consider.",
    ),
    "doc_prop_none": (
        "Đề nghị các cơ quan, đơn vị, địa phương tiếp tục duy trì, thực hiện đúng thời hạn "
        "các nội dung của Công văn {number}.",
        "That the units keep meeting the deadlines of Công văn {number}.",
    ),
    "doc_appendix": ("Phụ lục {number}", "Appendix {number}"),
    "doc_appendix_of": (
        "(Kèm theo Báo cáo số      /{symbol} ngày   /   /{year} của {body})",
        "(Attached to Report No.      /{symbol} of   /   /{year} of the {body})",
    ),
    "doc_appendix_reports": (
        "KẾT QUẢ THỰC HIỆN CỦA CÁC ĐƠN VỊ, THÁNG {month}",
        "THE UNITS' RESULTS, {month}",
    ),
    "doc_appendix_overdue": (
        "CÁC NỘI DUNG QUÁ HẠN TÍNH ĐẾN NGÀY {day}",
        "OVERDUE AS OF {day}",
    ),
    "doc_appendix_watch": (
        "DANH SÁCH NGƯỜI ĐỨNG ĐẦU, CÁ NHÂN KHÔNG ĐỦ ĐIỀU KIỆN XÉT HOÀN THÀNH TỐT NHIỆM VỤ TRỞ "
        "LÊN THEO NỘI DUNG 4, NĂM {year}",
        "HEADS AND OFFICIALS WHO MAY NOT BE RATED “GOOD” OR HIGHER UNDER ITEM 4, {year}",
    ),
    "doc_group": ("{unit} ({count} nội dung quá hạn)", "{unit} ({count} overdue)"),
    "doc_months_overdue": (
        "{count} kỳ quá hạn, kỳ đầu: {first}",
        "{count} periods overdue, the first: {first}",
    ),
    "doc_more": (
        "… và {count} dòng khác (danh sách đầy đủ trong tệp Excel: cvtracker report "
        "--month {month} -o baocao.xlsx)",
        "… and {count} more lines (the full list is in the Excel file: cvtracker report --month "
        "{month} -o report.xlsx)",
    ),
    "doc_sec_reports": ("1. Báo cáo tiến độ hằng tháng", "1. Monthly progress reports"),
    "doc_sec_inspections": ("2. Kiểm tra, đánh giá hằng tháng", "2. Monthly inspections"),
    "doc_sec_one_offs": ("3. Các nội dung có thời hạn", "3. One-off obligations"),
    "doc_sec_tasks": (
        "4. Nhiệm vụ theo kế hoạch của đơn vị đến hạn trong tháng",
        "4. Plan tasks due in the month",
    ),
    "doc_sec_late": (
        "5. Nội dung của các tháng trước hoàn thành quá hạn trong tháng",
        "5. Earlier items completed late in the month",
    ),
    "col_no": ("STT", "No."),
    "col_signer_name": ("", ""),
    # --- operator (issue 10) ---
    # cvtracker info
    "info_title": ("cvtracker {version}", "cvtracker {version}"),
    "info_python": ("Python", "Python"),
    "info_home": ("Thư mục dữ liệu", "Data folder"),
    "info_ledger": ("Sổ ghi nhận", "Ledger"),
    "info_revision": ("Phiên bản lược đồ", "Schema revision"),
    "info_size": ("Dung lượng", "Size"),
    "info_events": ("Số ghi nhận", "Events"),
    "info_tasks": ("Số nhiệm vụ", "Tasks"),
    "info_directive": ("Tệp công văn", "Directive file"),
    "info_in_force_until": ("Hiệu lực đến hết ngày", "In force through"),
    "info_config": ("Tệp cấu hình", "Config file"),
    "info_smtp": ("Máy chủ thư", "Mail server"),
    "info_smtp_user": ("Tài khoản thư", "Mail user"),
    "info_smtp_from": ("Địa chỉ gửi", "Sender"),
    "info_password": ("Mật khẩu thư", "Mail password"),
    "info_to": ("Người nhận", "Recipients"),
    "info_units": ("Đơn vị có địa chỉ", "Units with an address"),
    "info_soon": ("Nhắc trước (ngày làm việc)", "Reminder (working days)"),
    "info_max_rows": ("Số dòng tối đa mỗi đơn vị", "Rows per unit at most"),
    "info_time_zone": ("Múi giờ", "Time zone"),
    "info_today": ("Hôm nay (giờ Việt Nam)", "Today (Viet Nam)"),
    "info_source": ("nguồn: {source}", "from {source}"),
    "info_source_default": ("mặc định", "default"),
    "info_missing": ("chưa có (lệnh ghi đầu tiên sẽ tạo)", "none yet (the first write creates it)"),
    "info_config_missing": ("không có, dùng mặc định", "none, defaults apply"),
    "info_not_set": ("chưa đặt", "not set"),
    "info_password_env": ("có, từ CVTRACKER_SMTP_PASSWORD", "set, from CVTRACKER_SMTP_PASSWORD"),
    "info_password_file": ("tệp {path}", "file {path}"),
    "info_unreadable": ("lỗi: {reason}", "error: {reason}"),
    "info_unlimited": ("không giới hạn", "no limit"),
    # which ledger a write went to
    "ledger_created": ("Đã tạo sổ ghi nhận mới: {url}", "Created a new ledger: {url}"),
    "ledger_in_use": ("Sổ ghi nhận: {url} ({source})", "Ledger: {url} ({source})"),
    # backup and restore
    "backup_done": (
        "Đã sao lưu sổ ghi nhận ({events} ghi nhận, {size}) vào {path}",
        "Backed up the ledger ({events} events, {size}) to {path}",
    ),
    "backup_pruned": ("Đã xóa bản sao lưu cũ: {path}", "Removed an old backup: {path}"),
    "backup_no_ledger": (
        "Chưa có sổ ghi nhận {path}: không có gì để sao lưu. Xem: cvtracker info",
        "there is no ledger {path} to back up; see: cvtracker info",
    ),
    "backup_postgres": (
        "Sổ ghi nhận trên PostgreSQL được sao lưu bằng pg_dump, ví dụ: {advice}; "
        "phục hồi bằng pg_restore",
        "a PostgreSQL ledger is backed up with pg_dump, e.g. {advice}; restore it with pg_restore",
    ),
    "backup_no_file": ("Không có tệp {path}", "no such file: {path}"),
    "backup_corrupt": (
        "Tệp {path} hỏng hoặc không phải cơ sở dữ liệu SQLite: {reason}",
        "{path} is damaged or not an SQLite database: {reason}",
    ),
    "backup_not_ledger": (
        "Tệp {path} không phải sổ ghi nhận của cvtracker",
        "{path} is not a cvtracker ledger",
    ),
    "backup_bad_keep": (
        "--keep cần số bản sao lưu từ 1 trở lên, không phải {value}",
        "--keep needs a number of backups, 1 or more, not {value}",
    ),
    "backup_exists": (
        "Tệp {path} đã có; không ghi đè. Chọn tên khác",
        "{path} exists; it is not overwritten. Choose another name",
    ),
    "backup_no_folder": ("Không có thư mục {path}", "no such folder: {path}"),
    "backup_failed": (
        "Không sao lưu được vào {path}: {reason}",
        "cannot back up to {path}: {reason}",
    ),
    "restore_unknown_revision": (
        "Tệp {path} có lược đồ phiên bản {revision}, phiên bản cvtracker này không biết "
        "(tệp của một phiên bản mới hơn?); không phục hồi",
        "{path} has schema revision {revision}, which this version of cvtracker does not "
        "know (made by a newer version?); nothing restored",
    ),
    "restore_same_file": (
        "{path} chính là sổ ghi nhận đang dùng",
        "{path} is the ledger in use",
    ),
    "restore_failed": (
        "Không phục hồi được sổ ghi nhận {path}: {reason}",
        "cannot restore the ledger {path}: {reason}",
    ),
    "restore_done": (
        "Đã phục hồi sổ ghi nhận {ledger} từ {path} ({events} ghi nhận, {tasks} nhiệm vụ)",
        "Restored the ledger {ledger} from {path} ({events} events, {tasks} tasks)",
    ),
    "restore_aside": (
        "Sổ cũ được giữ lại ở {path}",
        "The ledger it replaced is kept at {path}",
    ),
    # notify --log
    "log_unwritable": (
        "Không ghi được nhật ký {path}: {reason}",
        "cannot write the log {path}: {reason}",
    ),
    "log_ok": ("xong", "ok"),
    "log_failed": ("lỗi", "failed"),
    "log_internal": (
        "lỗi không lường trước ({kind}); xem stderr",
        "unexpected error ({kind}); see stderr",
    ),
    # exit 2: a mistake in the mail configuration, which retrying will not mend
    "mail_no_starttls": (
        'Máy chủ {server} không hỗ trợ STARTTLS: đặt tls = "ssl" (cổng 465) nếu máy chủ '
        "dùng TLS ngay từ đầu; không gửi thư không mã hóa",
        'the mail server {server} offers no STARTTLS: set tls = "ssl" (port 465) if it speaks '
        "TLS from the start; mail is never sent in clear",
    ),
    "notify_refused_permanent": (
        "Máy chủ thư từ chối hẳn {count} người nhận (xem các dòng trên): sửa địa chỉ trong "
        "cấu hình; các thư máy chủ đã nhận đã được ghi nhận",
        "the mail server refused {count} recipients for good (see above): fix the addresses "
        "in the configuration; the mails it accepted are recorded",
    ),
    "notify_refused_permanent_1": (
        "Máy chủ thư từ chối hẳn {count} người nhận (xem dòng trên): sửa địa chỉ trong "
        "cấu hình; các thư máy chủ đã nhận đã được ghi nhận",
        "the mail server refused {count} recipient for good (see above): fix the address "
        "in the configuration; the mails it accepted are recorded",
    ),
    "mail_not_supported": (
        "Máy chủ thư {server} không hỗ trợ điều cấu hình yêu cầu: {reason}",
        "the mail server {server} does not support what the configuration asks: {reason}",
    ),
    # reminders and the cap
    "notify_subject_soon": (
        "[cvtracker] {count} nội dung sắp đến hạn – ngày {day}",
        "[cvtracker] {count} items falling due soon – {day}",
    ),
    "notify_subject_soon_1": (
        "[cvtracker] {count} nội dung sắp đến hạn – ngày {day}",
        "[cvtracker] {count} item falling due soon – {day}",
    ),
    "notify_subject_unit_soon": (
        "[cvtracker] {unit}: {count} nội dung sắp đến hạn – ngày {day}",
        "[cvtracker] {unit}: {count} items falling due soon – {day}",
    ),
    "notify_subject_unit_soon_1": (
        "[cvtracker] {unit}: {count} nội dung sắp đến hạn – ngày {day}",
        "[cvtracker] {unit}: {count} item falling due soon – {day}",
    ),
    "notify_nothing_due": (
        "Không có nội dung nào quá hạn hay sắp đến hạn ngày {day}; không gửi thư.",
        "Nothing is overdue or falling due soon on {day}; no mail sent.",
    ),
    "notify_no_unit_mail_due": (
        "Không đơn vị nào có địa chỉ trong [notify.units] có nội dung quá hạn hay sắp đến hạn "
        "ngày {day}.",
        "No unit with an address in [notify.units] has anything overdue or falling due soon "
        "on {day}.",
    ),
    "notify_summary_heading": ("Tóm tắt theo đơn vị", "Summary by unit"),
    "col_overdue_count": ("Quá hạn", "Overdue"),
    "col_soon_count": ("Sắp đến hạn", "Due soon"),
    "notify_count_overdue": ("{count} quá hạn", "{count} overdue"),
    "notify_count_soon": ("{count} sắp đến hạn", "{count} due soon"),
    "notify_legend_heading": ("Các nội dung", "The items"),
    "notify_none_reported": ("đều chưa ghi nhận", "none recorded"),
    "notify_more": (
        "… và {count} nội dung khác; xem tất cả: {command}",
        "… and {count} more; see them all: {command}",
    ),
    "notify_more_1": (
        "… và {count} nội dung khác; xem tất cả: {command}",
        "… and {count} more; see them all: {command}",
    ),
    "config_expect_count": (
        "{path}: [{section}] {name} phải là số nguyên từ 0 trở lên (0: không giới hạn)",
        "{path}: [{section}] {name} must be a whole number, 0 or more (0: no limit)",
    ),
    # --- reliability (issue 13) ---
    "text_control_character": (
        "'{field}' chứa ký tự điều khiển {char}; chỉ nhập chữ, số và dấu câu",
        "'{field}' holds the control character {char}; type only letters, digits and punctuation",
    ),
    "text_too_long": (
        "'{field}' dài {length} ký tự, tối đa {limit}",
        "'{field}' is {length} characters long; at most {limit}",
    ),
    "db_not_ledger": (
        "{url} là cơ sở dữ liệu khác, không phải sổ của cvtracker; không ghi gì vào đó. "
        "Kiểm tra --db hoặc CVTRACKER_DB",
        "{url} is some other database, not a cvtracker ledger; nothing was written to it. "
        "Check --db or CVTRACKER_DB",
    ),
    "db_newer": (
        "Sổ {url} do phiên bản cvtracker mới hơn tạo (phiên bản dữ liệu {revision}, bản này "
        "biết đến {head}); hãy nâng cấp cvtracker",
        "the ledger {url} was made by a newer cvtracker (schema {revision}; this one knows up "
        "to {head}); upgrade cvtracker",
    ),
    "db_needs_upgrade": (
        "Sổ {url} cần nâng cấp trước khi đọc; chạy: cvtracker db upgrade",
        "the ledger {url} needs an upgrade before it can be read; run: cvtracker db upgrade",
    ),
    "db_memory": (
        "'{url}' là cơ sở dữ liệu trong bộ nhớ, không lưu lại gì; cho --db một tệp hoặc URL",
        "'{url}' is an in-memory database that keeps nothing; give --db a file or a URL",
    ),
    "db_unsupported": (
        "Không hỗ trợ loại cơ sở dữ liệu '{scheme}' ({url}); dùng một tệp SQLite hoặc "
        "postgresql+psycopg://…",
        "unsupported database '{scheme}' ({url}); use an SQLite file or postgresql+psycopg://…",
    ),
    "db_dangling_symlink": (
        "{url} là liên kết tượng trưng trỏ tới tệp không tồn tại; không tạo sổ qua liên kết đó",
        "{url} is a symbolic link to nothing; no ledger is created through it",
    ),
    "db_guards_missing": (
        "Sổ {url} thiếu các trigger bảo vệ chỉ-ghi-thêm ({names}); không ghi gì. "
        "Chạy: cvtracker db upgrade để tạo lại",
        "the ledger {url} lacks its append-only triggers ({names}); nothing was written. "
        "Run: cvtracker db upgrade to restore them",
    ),
    "db_empty_option": (
        "{option} rỗng; bỏ tùy chọn đi để dùng mặc định",
        "{option} is empty; leave the option out to use the default",
    ),
    "db_upgraded": (
        "Sổ {url} ở phiên bản dữ liệu {revision}",
        "the ledger {url} is at schema {revision}",
    ),
    "db_granted": (
        "Đã cấp quyền SELECT, INSERT cho vai trò {role}",
        "granted SELECT and INSERT to the role {role}",
    ),
    "db_unknown_role": (
        "Không có vai trò PostgreSQL '{role}'; tạo trước: CREATE ROLE …",
        "there is no PostgreSQL role '{role}'; create it first: CREATE ROLE …",
    ),
    "db_grant_sqlite": (
        "--grant chỉ dùng với PostgreSQL",
        "--grant is for PostgreSQL only",
    ),
    "file_not_regular": (
        "{path} không phải một tệp thông thường",
        "{path} is not a regular file",
    ),
    "file_too_big": (
        "{path} quá lớn ({size} byte; tối đa {limit})",
        "{path} is too big ({size} bytes; at most {limit})",
    ),
    "output_is_ledger": (
        "Không ghi đè {path}: đó là sổ ghi nhận đang dùng; chọn tên tệp khác",
        "will not write over {path}: it is the ledger in use; choose another file name",
    ),
    "output_is_config": (
        "Không ghi đè {path}: đó là tệp cấu hình; chọn tên tệp khác",
        "will not write over {path}: it is the config file; choose another file name",
    ),
    "output_is_database": (
        "Không ghi đè {path}: đó là một cơ sở dữ liệu SQLite; chọn tên tệp khác",
        "will not write over {path}: it is an SQLite database; choose another file name",
    ),
    "output_failed": (
        "Không ghi được kết quả: {reason}",
        "cannot write the output: {reason}",
    ),
    "config_open_to_others": (
        "{path} có quyền {mode}, người khác sửa được; chạy: chmod go-w {path}",
        "{path} has mode {mode} and others can change it; run: chmod go-w {path}",
    ),
    "soon_too_far": (
        "--soon {value} quá xa; tối đa {limit} ngày làm việc",
        "--soon {value} is too far ahead; at most {limit} working days",
    ),
    "import_ragged_row": (
        "dòng có {count} trường, dòng tiêu đề có {expected}",
        "the row has {count} fields, the header has {expected}",
    ),
    "import_duplicate_column": (
        "cột '{field}' lặp lại ở dòng tiêu đề",
        "the column '{field}' appears twice in the header",
    ),
    "import_bad_csv": ("CSV không hợp lệ: {reason}", "bad CSV: {reason}"),
    "import_not_text": (
        "trường '{field}' phải là chữ hoặc số, không phải {kind}",
        "the field '{field}' must be text or a number, not {kind}",
    ),
    "notify_unconfirmed": (
        "Thư cho {to} đã được một lần chạy trước nhận gửi nhưng chưa xác nhận đã gửi "
        "(có thể đã đến nơi); không gửi lại. Kiểm tra hộp thư, rồi dùng --force nếu cần gửi lại",
        "a mail to {to} was claimed by an earlier run that never confirmed it was sent (it may "
        "have arrived); not sent again. Check the mailbox, then use --force to send it again",
    ),
    "notify_unconfirmed_total": (
        "{count} thư chưa rõ đã gửi hay chưa (xem các dòng trên)",
        "{count} mails in doubt (see above)",
    ),
    # --- draft (issue 12) ---
    "draft_cannot_read": ("Không đọc được {path}: {reason}", "cannot read {path}: {reason}"),
    "draft_not_text": (
        "{path} không phải văn bản UTF-8, Markdown hay .docx",
        "{path} is not UTF-8 text, Markdown or a .docx",
    ),
    "draft_needs_docx": (
        "Đọc tệp .docx cần python-docx: pip install 'cvtracker[export]'",
        "reading a .docx needs python-docx: pip install 'cvtracker[export]'",
    ),
    "draft_not_docx": ("Tệp không phải .docx hợp lệ", "the file is not a valid .docx"),
    "draft_cannot_write": ("Không ghi được {path}: {reason}", "cannot write {path}: {reason}"),
    "draft_written": (
        "Đã viết bản nháp {path}: {items} nội dung, {markers} dấu # draft: cần xem xét",
        "wrote the draft {path}: {items} items, {markers} '# draft:' markers to review",
    ),
    "draft_markers_left": (
        "Tệp còn {count} dấu # draft: chưa xem xét (xem các dòng trên); sửa rồi xóa dấu, "
        "hoặc dùng --allow-draft",
        "the file still has {count} '# draft:' markers (listed above); review them and delete "
        "the markers, or use --allow-draft",
    ),
    "draft_markers_allowed": (
        "{count} dấu # draft: chưa xem xét (--allow-draft)",
        "{count} '# draft:' markers not yet reviewed (--allow-draft)",
    ),
    # --- import and export (issue 9) ---
    "import_bad_format_any": (
        "Không nhận ra định dạng của {path}; dùng tệp .csv, .jsonl hoặc .xlsx",
        "cannot tell the format of {path}; use a .csv, .jsonl or .xlsx file",
    ),
    "import_bad_encoding": (
        "Không biết bảng mã '{value}'; dùng utf-8, utf-8-sig, utf-16 hoặc windows-1258",
        "unknown encoding '{value}'; use utf-8, utf-8-sig, utf-16 or windows-1258",
    ),
    "import_not_in_encoding": (
        "{path}:{line}: tệp không phải bảng mã {encoding}; kiểm tra tệp hoặc dùng --encoding",
        "{path}:{line}: the file is not {encoding} text; check it or give --encoding",
    ),
    "import_unknown_encoding": (
        "{path}:{line}: không nhận ra bảng mã (không phải UTF-8, UTF-16 hay Windows-1258); "
        "lưu lại tệp dạng CSV UTF-8 hoặc dùng --encoding",
        "{path}:{line}: cannot tell the encoding (not UTF-8, UTF-16 or Windows-1258); save "
        "the file as CSV UTF-8 or give --encoding",
    ),
    "import_encoding_not_text": (
        "{path} là tệp Excel; --encoding chỉ dùng cho tệp .csv và .jsonl",
        "{path} is an Excel workbook; --encoding is for .csv and .jsonl files only",
    ),
    "import_not_xlsx": (
        "Không đọc được {path}: không phải tệp Excel .xlsx (hoặc tệp bị hỏng)",
        "cannot read {path}: not an Excel .xlsx workbook (or a damaged one)",
    ),
    "import_duplicate_alias": (
        "cột '{field}' và cột '{other}' cùng là trường '{name}'; giữ một cột",
        "the columns '{field}' and '{other}' are both the field '{name}'; keep one",
    ),
    "import_unnamed_column": (
        "cột {column} không có tiêu đề nhưng có giá trị '{value}'",
        "column {column} has no header but holds '{value}'",
    ),
    "import_checking": ("Đang kiểm tra các dòng", "Checking rows"),
    "export_encoding_not_text": (
        "--encoding chỉ dùng cho định dạng csv và jsonl, không dùng cho xlsx",
        "--encoding is for the csv and jsonl formats, not xlsx",
    ),
    "export_not_in_encoding": (
        "Bảng mã {encoding} không có ký tự '{char}' ({code}); dùng utf-8-sig hoặc utf-16",
        "the encoding {encoding} has no '{char}' ({code}); use utf-8-sig or utf-16",
    ),
    "exported": ("Đã xuất {count} ghi nhận ra {path}", "Exported {count} events to {path}"),
    # --- branch corrections (issue 9): void, task edit, task cancel ---
    "reason_empty": (
        'Cần nêu lý do: --reason "..."',
        'a reason is required: --reason "..."',
    ),
    "bad_event_id": (
        "Số ghi nhận không hợp lệ: '{value}'. Nhập số ở cột 'Số' của lệnh history, ví dụ 12",
        "bad event number '{value}': give the number in history's 'No.' column, e.g. 12",
    ),
    "void_unknown": (
        "Không có ghi nhận số {id} (xem cvtracker history)",
        "there is no event number {id} (see cvtracker history)",
    ),
    "void_of_void": (
        "Ghi nhận số {id} là một lần hủy (hủy số {voided}); không hủy một lần hủy được: "
        "ghi nhận lại nếu ghi nhận số {voided} là đúng",
        "event {id} is a void (of event {voided}); a void cannot be voided: record the "
        "event again if event {voided} was right",
    ),
    "void_twice": (
        "Ghi nhận số {id} đã được hủy (số {void}, {who}: {reason}); không ghi gì thêm",
        "event {id} was already voided (event {void}, by {who}: {reason}); nothing written",
    ),
    "voided": (
        "Đã hủy ghi nhận số {id} ({unit} – {item}: {percent}%, ngày {day}) bằng ghi nhận số "
        "{void}: {reason}",
        "Voided event {id} ({unit} – {item}: {percent}%, on {day}) with event {void}: {reason}",
    ),
    "task_is_cancelled": (
        "Nhiệm vụ {task} đã bị hủy; không sửa, không ghi nhận vào đó được nữa",
        "task {task} was cancelled; it can no longer be edited or recorded",
    ),
    "task_already_cancelled": (
        "Nhiệm vụ {task} đã bị hủy rồi; không ghi gì thêm",
        "task {task} is already cancelled; nothing written",
    ),
    "task_edit_nothing": (
        "Không có gì để sửa: dùng --title, --assignee, --before hoặc --through",
        "nothing to edit: give --title, --assignee, --before or --through",
    ),
    "task_edit_no_change": (
        "Nhiệm vụ {task} đã đúng như vậy; không ghi gì",
        "task {task} already reads so; nothing written",
    ),
    "task_edited": ("Đã sửa nhiệm vụ {id}: {changes}", "Edited task {id}: {changes}"),
    "task_cancelled": (
        "Đã hủy nhiệm vụ {id} ({title}): {reason}. Nhiệm vụ này không còn được tính.",
        "Cancelled task {id} ({title}): {reason}. It no longer counts.",
    ),
    "change_title": ("tên: {value}", "title: {value}"),
    "change_assignee": ("người thực hiện: {value}", "assignee: {value}"),
    "change_deadline": ("hạn: {value}", "deadline: {value}"),
    "change_none": ("(không có)", "(none)"),
    "task_cancelled_mark": ("đã hủy", "cancelled"),
    "history_void": ("hủy ghi nhận số {id}: {reason}", "voids event {id}: {reason}"),
    "history_voided": (
        "đã hủy (số {void}, {who}): {reason}",
        "voided (event {void}, by {who}): {reason}",
    ),
    "history_task_edit": ("sửa nhiệm vụ {task}: {changes}", "task {task} edited: {changes}"),
    "history_task_cancel": ("hủy nhiệm vụ {task}: {reason}", "task {task} cancelled: {reason}"),
    # help of void, task edit, task cancel (branch corrections)
    "help_void": (
        "Hủy một ghi nhận sai.\n\n"
        "Ghi nhận bị hủy vẫn ở trong sổ (gạch ngang, kèm người hủy và lý do) nhưng không còn "
        "được tính; sổ không bao giờ bị sửa hay xóa.\n\n"
        'Ví dụ:\n  cvtracker void 12 --reason "nham ngay hoan thanh"\n'
        "  cvtracker record vh-tt 3 -d -o 3/5/2022",
        "Void a mistaken event.\n\n"
        "The voided event stays in the ledger (struck out, with who voided it and why) but no "
        "longer counts; nothing is ever changed or deleted.\n\n"
        'Example:\n  cvtracker void 12 --reason "nham ngay hoan thanh"\n'
        "  cvtracker record vh-tt 3 -d -o 3/5/2022",
    ),
    "help_event_id": (
        "Số của ghi nhận, như lệnh history cho thấy.",
        "The event's number, as history shows it.",
    ),
    "help_void_reason": ("Lý do hủy.", "Why it is voided."),
    "help_void_by": ("Người hủy; mặc định tên đăng nhập.", "Who voids; default your login."),
    "help_task_id": ("Mã nhiệm vụ, ví dụ T3.", "The task's id, e.g. T3."),
    "help_task_edit": (
        "Sửa tên, người được giao hoặc hạn của nhiệm vụ.\n\n"
        "Mỗi lần sửa là một dòng mới của sổ; lịch sử giữ mọi lần sửa.\n\n"
        'Ví dụ:\n  cvtracker task edit T3 --before 1/6/2022 --reason "go nham nam"\n'
        '  cvtracker task edit T3 --assignee "Tran Thi B"',
        "Edit a task's title, assignee or deadline.\n\n"
        "Each edit is a new line of the ledger; the history keeps every one.\n\n"
        'Example:\n  cvtracker task edit T3 --before 1/6/2022 --reason "go nham nam"\n'
        '  cvtracker task edit T3 --assignee "Tran Thi B"',
    ),
    "help_edit_title": ("Tên mới của nhiệm vụ.", "The new title."),
    "help_edit_assignee": (
        'Người được giao mới; "" để bỏ người được giao.',
        'The new assignee; "" for nobody.',
    ),
    "help_edit_reason": ("Lý do sửa, ghi vào lịch sử.", "Why, for the history."),
    "help_edit_by": ("Người sửa; mặc định tên đăng nhập.", "Who edits; default your login."),
    "help_task_cancel": (
        "Hủy nhiệm vụ: nhiệm vụ không còn được tính ở bất cứ đâu.\n\n"
        "Nhiệm vụ vẫn ở trong sổ và danh sách, được đánh dấu đã hủy.\n\n"
        'Ví dụ:\n  cvtracker task cancel T3 --reason "khong con trong ke hoach"',
        "Cancel a task: it no longer counts anywhere.\n\n"
        "It stays in the ledger and the list, marked cancelled.\n\n"
        'Example:\n  cvtracker task cancel T3 --reason "khong con trong ke hoach"',
    ),
    "help_cancel_reason": ("Lý do hủy.", "Why it is cancelled."),
    "help_cancel_by": ("Người hủy; mặc định tên đăng nhập.", "Who cancels; default your login."),
    "mv_EVENT_ID": ("SỐ_GHI_NHẬN", "EVENT_ID"),
    "mv_TASK": ("MÃ_NHIỆM_VỤ", "TASK"),
    # --- branch cli (issue 9): help, metavars and the framework's usage errors ---
    # help of the app and its groups; a command's first paragraph is its line in the list
    "help_root": (
        "Theo dõi thực hiện các công văn chỉ đạo: từng nội dung, đơn vị được giao, hạn và "
        "báo cáo hằng tháng. Công văn 968/UBND-TH của UBND huyện Tuy Phong có sẵn làm mẫu; "
        "thêm công văn khác: cvtracker directive add TỆP.yaml.\n\n"
        'Ví dụ:\n  cvtracker status\n  cvtracker record "tai chinh" 6 -d -o 9/5\n'
        "  cvtracker --lang en status",
        "Follow administrative directives through to the end: each item, the units assigned, "
        "the deadlines and the monthly reports. Directive 968/UBND-TH (Tuy Phong district) "
        "comes packaged as the example; add others: cvtracker directive add FILE.yaml.\n\n"
        'Examples:\n  cvtracker status\n  cvtracker record "tai chinh" 6 -d -o 9/5\n'
        "  cvtracker --lang en status",
    ),
    "help_task": (
        "Nhiệm vụ theo kế hoạch của đơn vị (nội dung 3).\n\n"
        'Ví dụ:\n  cvtracker task add tu-phap "Ra soat TTHC" --before 1/6/2022',
        "Tasks from a unit's own plan (item 3).\n\n"
        'Example:\n  cvtracker task add tu-phap "Ra soat TTHC" --before 1/6/2022',
    ),
    "help_db": (
        "Sổ ghi nhận (cơ sở dữ liệu).\n\nVí dụ:\n  cvtracker db upgrade",
        "The ledger database.\n\nExample:\n  cvtracker db upgrade",
    ),
    "help_help": ("Hiện trợ giúp này rồi thoát.", "Show this help and exit."),
    "help_version": ("In số phiên bản rồi thoát.", "Print the version and exit."),
    "help_lang": (
        "Ngôn ngữ: vi (mặc định) hoặc en; thay cho CVTRACKER_LANG.",
        "Language: vi (default) or en; overrides CVTRACKER_LANG.",
    ),
    "help_db_option": (
        "Sổ ghi nhận: đường dẫn tệp hoặc địa chỉ SQLAlchemy; thay cho CVTRACKER_DB.",
        "Ledger: a file path or an SQLAlchemy URL; overrides CVTRACKER_DB.",
    ),
    "help_directive_option": (
        "Tệp dữ liệu công văn (YAML); thay cho CVTRACKER_DIRECTIVE.",
        "The directive's data file (YAML); overrides CVTRACKER_DIRECTIVE.",
    ),
    "help_verbose": ("Cho biết lệnh ghi vào sổ nào.", "Say which ledger a command writes to."),
    # options shared by several commands
    "help_json": ("In dạng JSON cho chương trình khác.", "Machine-readable output (JSON)."),
    "help_as_of": (
        "Tính đến ngày này (ngày trước tháng); mặc định hôm nay.",
        "The day to compute for (day first); default today.",
    ),
    "help_unit_filter": ("Chỉ đơn vị này (mã hoặc tên).", "Only this unit (id or name)."),
    "help_limit": ("Nhiều nhất N dòng.", "At most N rows."),
    "help_output": ("Ghi ra tệp này thay vì màn hình.", "Write to this file instead of stdout."),
    "help_unit": (
        "Mã hoặc tên đơn vị, có dấu hay không dấu (tu phap).",
        "Unit id or name, with or without diacritics (tu phap).",
    ),
    # the directive
    "help_units": (
        "Các đơn vị thực hiện công văn.\n\nVí dụ:\n  cvtracker units --json",
        "The units.\n\nExample:\n  cvtracker units --json",
    ),
    "help_items": (
        "Các nội dung của công văn.\n\nVí dụ:\n  cvtracker items",
        "The directive's obligations (items).\n\nExample:\n  cvtracker --lang en items",
    ),
    "help_validate": (
        "Kiểm tra tệp dữ liệu công văn.\n\n"
        "Có lỗi: mã thoát 2, mỗi lỗi một dòng TỆP:DÒNG:CỘT; cảnh báo chỉ được in ra.\n\n"
        "Ví dụ:\n  cvtracker validate cv.yaml",
        "Check a directive data file.\n\n"
        "Errors exit 2, one line each as FILE:LINE:COL; warnings are printed.\n\n"
        "Example:\n  cvtracker validate cv.yaml",
    ),
    "help_validate_path": (
        "Tệp YAML; mặc định tệp đang dùng.",
        "A YAML file; default the one in use.",
    ),
    "help_allow_draft": (
        "Chấp nhận tệp còn dấu '# draft:'.",
        "Accept a file that still has '# draft:' markers.",
    ),
    "help_schema": (
        "In JSON Schema của tệp dữ liệu công văn.\n\n"
        "Ví dụ:\n  cvtracker schema > directive.schema.json",
        "Print the directive data file's JSON Schema.\n\n"
        "Example:\n  cvtracker schema > directive.schema.json",
    ),
    "help_draft": (
        "Soạn nháp tệp dữ liệu từ văn bản công văn.\n\n"
        "Đọc tệp .txt, .md hoặc .docx; mỗi chỗ cần người xem lại có dấu '# draft:'.\n\n"
        "Ví dụ:\n  cvtracker draft cong-van.docx -o cv.yaml",
        "Draft a directive data file from a directive's text.\n\n"
        "Reads .txt, .md or .docx; every place a person must review is marked '# draft:'.\n\n"
        "Example:\n  cvtracker draft cong-van.docx -o cv.yaml",
    ),
    "help_draft_source": (
        "Văn bản công văn: .txt, .md hoặc .docx.",
        "The directive's text: .txt, .md or .docx.",
    ),
    "help_draft_output": (
        "Ghi tệp YAML ra đây; mặc định in ra màn hình.",
        "Write the YAML here; default stdout.",
    ),
    "help_draft_units": (
        "Tệp dữ liệu có các đơn vị để đối chiếu; mặc định tệp đang dùng.",
        "A data file whose units to match; default the one in use.",
    ),
    # tasks
    "help_task_add": (
        "Thêm nhiệm vụ theo kế hoạch của đơn vị (nội dung 3).\n\n"
        "In mã nhiệm vụ (T1, T2, …) để ghi nhận về sau.\n\n"
        'Ví dụ:\n  cvtracker task add tu-phap "Ra soat TTHC" --before 1/6/2022\n'
        '  cvtracker task add tu-phap "Lap ke hoach" --assignee "Nguyen Van A"',
        "Add a task from a unit's own plan (item 3).\n\n"
        "Prints the task's id (T1, T2, …) to record against.\n\n"
        'Example:\n  cvtracker task add tu-phap "Ra soat TTHC" --before 1/6/2022\n'
        '  cvtracker task add tu-phap "Lap ke hoach" --assignee "Nguyen Van A"',
    ),
    "help_title": ("Nội dung nhiệm vụ.", "What the task is."),
    "help_assignee": ("Người được giao.", "The person it is assigned to."),
    "help_new_person": (
        "Người được giao là người khác, dù tên giống một tên đã có.",
        "The assignee is someone else than a known name like it.",
    ),
    "help_task_item": (
        "Nội dung của công văn mà nhiệm vụ thực hiện; mặc định 3.",
        "The directive's item it serves; default 3.",
    ),
    "help_before": ("Hạn: trước ngày này.", "Due strictly before this day."),
    "help_through": ("Hạn: đến hết ngày này.", "Due through this day."),
    "help_task_list": (
        "Danh sách nhiệm vụ.\n\nVí dụ:\n  cvtracker task list -u tu-phap",
        "List the tasks.\n\nExample:\n  cvtracker task list -u tu-phap",
    ),
    # recording
    "help_record": (
        "Ghi nhận tiến độ vào sổ.\n\n"
        "Mỗi lần ghi là một dòng mới của sổ; không dòng nào bị sửa hay xóa.\n\n"
        'Ví dụ:\n  cvtracker record "tai chinh" 6 -d -o 9/5\n'
        '  cvtracker record tu-phap T1 --percent 60 -e "BC 12/BC-TP"',
        "Append a progress event to the ledger.\n\n"
        "Each record is a new line of the ledger; nothing is changed or deleted.\n\n"
        'Examples:\n  cvtracker record "tai chinh" 6 -d -o 9/5\n'
        '  cvtracker record tu-phap T1 --percent 60 -e "BC 12/BC-TP"',
    ),
    "help_item_or_task": (
        "Nội dung 1 … 7, 5a, 5b, 5c, hoặc mã nhiệm vụ như T1.",
        "Item 1 … 7, 5a, 5b, 5c, or a task id such as T1.",
    ),
    "help_period": (
        "Tháng của nội dung hằng tháng: 2022-06, 6/2022 hoặc 6.",
        "Month of a monthly item: 2022-06, 6/2022 or 6.",
    ),
    "help_percent": (
        "Tỷ lệ hoàn thành từ 0 đến 100, có thể có số lẻ.",
        "0 to 100, decimals allowed.",
    ),
    "help_done": ("Như --percent 100.", "Same as --percent 100."),
    "help_on": (
        "Ngày làm xong hoặc gửi báo cáo: 8/6, 8/6/2022, hôm nay, hôm qua; mặc định hôm nay.",
        "Day the work was done or the report sent: 8/6, 8/6/2022, today, yesterday; default today.",
    ),
    "help_evidence": (
        "Minh chứng: số văn bản, biên bản…",
        "What shows it: a document's number, minutes…",
    ),
    "help_note": ("Ghi chú.", "A note."),
    "help_by": (
        "Người ghi nhận; mặc định tên đăng nhập.",
        "Who records; default your login.",
    ),
    "help_import": (
        "Nhập nhiều ghi nhận một lần từ tệp CSV, .jsonl hoặc Excel.\n\n"
        "Tất cả hoặc không: một dòng sai thì không nhập dòng nào, và mọi dòng sai đều được "
        "nêu.\n\n"
        "Ví dụ:\n  cvtracker import thang5.xlsx",
        "Append many events from CSV, JSON Lines or Excel, all or nothing.\n\n"
        "One bad row imports nothing, and every bad row is named by its line.\n\n"
        "Example:\n  cvtracker import thang5.xlsx",
    ),
    "help_import_file": (
        "Tệp .csv, .jsonl hoặc .xlsx có các trường của lệnh record.",
        "A .csv, .jsonl or .xlsx file with the fields of record.",
    ),
    "help_import_encoding": (
        "Bảng mã: utf-8, utf-8-sig, utf-16, windows-1258…; mặc định tự nhận ra.",
        "utf-8, utf-8-sig, utf-16, windows-1258…; default detected.",
    ),
    "help_export": (
        "Xuất sổ ghi nhận để lệnh import đọc lại y nguyên.\n\n"
        "Ví dụ:\n  cvtracker export -o so-968.csv",
        "Write the ledger's events so that import reads them back unchanged.\n\n"
        "Example:\n  cvtracker export -o so-968.csv",
    ),
    "help_export_format": (
        "csv, jsonl hoặc xlsx; mặc định theo đuôi của tệp -o, nếu không thì csv.",
        "csv, jsonl or xlsx; default from -o's extension, else csv.",
    ),
    "help_export_encoding": (
        "Bảng mã cho csv, jsonl: utf-8-sig (csv), utf-8 (jsonl), utf-16…",
        "For csv, jsonl: utf-8-sig (csv), utf-8 (jsonl), utf-16…",
    ),
    # looking
    "help_status": (
        "Tình hình thực hiện của từng đơn vị.\n\n"
        "Không lọc: bảng tổng hợp, mỗi đơn vị một dòng; với --unit hoặc --item: từng nội "
        "dung và hạn của nó.\n\n"
        'Ví dụ:\n  cvtracker status -u "tu phap" --as-of 15/5/2022',
        "Where each unit stands.\n\n"
        "Without a filter, a dashboard with a line per unit; with --unit or --item, one row "
        "per occurrence with its deadline.\n\n"
        'Example:\n  cvtracker status -u "tu phap" --as-of 15/5/2022',
    ),
    "help_item_filter": ("Chỉ nội dung này (5 là 5a, 5b, 5c).", "Only this item (5 = 5a, 5b, 5c)."),
    "help_overdue": (
        "Các nội dung quá hạn, hạn sớm nhất trước.\n\n"
        "Ví dụ:\n  cvtracker overdue --as-of 1/6/2022 -l 20",
        "The overdue rows, oldest deadline first.\n\n"
        "Example:\n  cvtracker overdue --as-of 1/6/2022 -l 20",
    ),
    "help_overdue_since": (
        "Chỉ những gì quá hạn từ ngày này.",
        "Only what became overdue on or after this day.",
    ),
    "help_eligibility": (
        "Quy tắc 90% của nội dung 4: thủ trưởng đơn vị, từng người.\n\n"
        "Ví dụ:\n  cvtracker eligibility --year 2022",
        "The 90% rule of item 4, per unit head and per person.\n\n"
        "Example:\n  cvtracker eligibility --year 2022",
    ),
    "help_year": (
        "Năm được xét; mặc định năm của ngày tính.",
        "The year judged; default the day's.",
    ),
    "help_history": (
        "Các lần ghi nhận trong sổ, theo thứ tự đã ghi.\n\n"
        "Với --limit: N lần ghi sau cùng.\n\n"
        'Ví dụ:\n  cvtracker history tu-phap 6 --since "hom qua"',
        "The ledger's events, in the order recorded.\n\n"
        "With --limit, the last N.\n\n"
        'Example:\n  cvtracker history tu-phap 6 --since "hom qua"',
    ),
    "help_history_unit": ("Chỉ đơn vị này.", "Only this unit."),
    "help_history_item": ("Chỉ nội dung hoặc nhiệm vụ này.", "Only this item or task."),
    "help_history_since": (
        "Chỉ những gì ghi từ ngày này.",
        "Only what was recorded on or after this day.",
    ),
    "help_report": (
        "Báo cáo tháng cho Phòng Nội vụ.\n\n"
        "Định dạng theo --format hoặc theo đuôi của tệp -o; không có -o thì in ra màn hình.\n\n"
        "Ví dụ:\n  cvtracker report --month 6/2022 -o bao-cao-06-2022.docx",
        "The monthly report for Phòng Nội vụ.\n\n"
        "The format from --format or from -o's extension; without -o, on stdout.\n\n"
        "Example:\n  cvtracker report --month 6/2022 -o bao-cao-06-2022.docx",
    ),
    "help_month": (
        "Tháng: 2022-06, 6/2022 hoặc 06/2022.",
        "The month: 2022-06, 6/2022 or 06/2022.",
    ),
    "help_report_as_of": (
        "Ngày tính; mặc định ngày cuối tháng, hoặc hôm nay nếu sớm hơn.",
        "The day; default the month's last day, or today if earlier.",
    ),
    "help_report_format": (
        "table, md, csv, json, xlsx hoặc docx; mặc định theo đuôi của tệp -o.",
        "table, md, csv, json, xlsx or docx; default from -o's extension.",
    ),
    # the morning mail
    "help_notify": (
        "Gửi thư các nội dung quá hạn, mỗi ngày một lần (cho cron).\n\n"
        "Cùng nội dung, cùng người nhận, trong cùng ngày chỉ gửi một lần (gửi lại: "
        "--force).\n\n"
        "Ví dụ:\n  cvtracker notify --dry-run",
        "Mail the overdue list, once a day (for cron).\n\n"
        "The same content to the same recipient on the same day is sent once (again with "
        "--force).\n\n"
        "Example:\n  cvtracker notify --dry-run",
    ),
    "help_to": (
        "Người nhận, cách nhau bởi dấu phẩy (dùng nhiều lần được); mặc định theo cấu hình.",
        "Recipients, comma-separated (repeatable); default from the config.",
    ),
    "help_per_unit": (
        "Gửi thêm cho mỗi đơn vị phần của mình ([notify.units]).",
        "Also mail each unit its own part ([notify.units]).",
    ),
    "help_soon": (
        "Liệt kê thêm những gì đến hạn trong số ngày làm việc này (mặc định 3).",
        "Also list what falls due within this many working days (default 3).",
    ),
    "help_dry_run": (
        "In thư ra màn hình; không gửi, không ghi lại.",
        "Print the mails; send and record nothing.",
    ),
    "help_force": ("Gửi cả những gì hôm nay đã gửi.", "Send even what was already sent today."),
    "help_log": (
        "Ghi thêm vào tệp này một dòng cho mỗi lần chạy và mỗi lỗi.",
        "Append a timestamped line per run and per failure to this file.",
    ),
    # the operator's commands
    "help_info": (
        "Cấu hình đang dùng: phiên bản, sổ, tệp dữ liệu, cấu hình, thư.\n\n"
        "Ví dụ:\n  cvtracker info --json",
        "Version, ledger, directive, config and mail settings in use.\n\n"
        "Example:\n  cvtracker info --json",
    ),
    "help_backup": (
        "Sao lưu sổ ghi nhận, kể cả khi người khác đang ghi.\n\n"
        "Ví dụ:\n  cvtracker backup --keep 30",
        "A consistent copy of the ledger, even while others write.\n\n"
        "Example:\n  cvtracker backup --keep 30",
    ),
    "help_backup_file": (
        "Tệp sao lưu; mặc định một tệp mới trong thư mục sao lưu của $CVTRACKER_HOME.",
        "The copy; default $CVTRACKER_HOME/backups/ledger-DATE-TIME.db.",
    ),
    "help_keep": (
        "Số bản sao lưu mới nhất giữ lại trong thư mục mặc định; mặc định 14.",
        "Backups kept in the default folder (the newest); default 14.",
    ),
    "help_restore": (
        "Phục hồi sổ từ một bản sao lưu.\n\n"
        "Kiểm tra bản sao lưu, để riêng sổ đang có, rồi phục hồi.\n\n"
        "Ví dụ:\n  cvtracker restore /mnt/usb/so-968.db",
        "Restore the ledger from a backup.\n\n"
        "Checks the backup, keeps the current ledger aside, then restores.\n\n"
        "Example:\n  cvtracker restore /mnt/usb/so-968.db",
    ),
    "help_restore_file": (
        "Bản sao lưu do lệnh backup tạo.",
        "A backup made by cvtracker backup.",
    ),
    "help_db_upgrade": (
        "Tạo hoặc nâng cấp sổ (chạy với quyền chủ các bảng).\n\n"
        "Ví dụ:\n  cvtracker db upgrade --grant cvtracker_app",
        "Create or upgrade the ledger (run as the tables' owner).\n\n"
        "Example:\n  cvtracker db upgrade --grant cvtracker_app",
    ),
    "help_grant": (
        "PostgreSQL: chỉ cho vai trò này quyền SELECT và INSERT.",
        "PostgreSQL: give this role SELECT and INSERT only.",
    ),
    # the frame of help
    "usage": ("Cách dùng", "Usage"),
    "usage_options": ("[TÙY_CHỌN]", "[OPTIONS]"),
    "usage_command": ("LỆNH [ĐỐI_SỐ]...", "COMMAND [ARGS]..."),
    "help_arguments": ("Đối số", "Arguments"),
    "help_options": ("Tùy chọn", "Options"),
    "help_commands": ("Lệnh", "Commands"),
    "help_required": ("bắt buộc", "required"),
    # metavars: what a value looks like
    "mv_ADDRESS": ("ĐỊA_CHỈ", "ADDRESS"),
    "mv_DAY": ("NGÀY", "DAY"),
    "mv_DAYS": ("SỐ_NGÀY", "DAYS"),
    "mv_DB": ("ĐƯỜNG_DẪN", "PATH_OR_URL"),
    "mv_ENCODING": ("BẢNG_MÃ", "ENCODING"),
    "mv_FILE": ("TỆP", "FILE"),
    "mv_FORMAT": ("ĐỊNH_DẠNG", "FORMAT"),
    "mv_ITEM": ("NỘI_DUNG", "ITEM"),
    "mv_ITEM_OR_TASK": ("NỘI_DUNG", "ITEM_OR_TASK"),
    "mv_MONTH": ("THÁNG", "MONTH"),
    "mv_N": ("SỐ", "N"),
    "mv_NAME": ("TÊN", "NAME"),
    "mv_P": ("TỶ_LỆ", "P"),
    "mv_ROLE": ("VAI_TRÒ", "ROLE"),
    "mv_TEXT": ("VĂN_BẢN", "TEXT"),
    "mv_TITLE": ("TÊN_NHIỆM_VỤ", "TITLE"),
    "mv_UNIT": ("ĐƠN_VỊ", "UNIT"),
    "mv_YEAR": ("NĂM", "YEAR"),
    # the framework's usage errors (exit 2)
    "usage_try_help": (
        "Xem '{command} --help' để được hướng dẫn.",
        "Try '{command} --help' for help.",
    ),
    "usage_no_command": ("Không có lệnh '{name}'.", "No such command '{name}'."),
    "usage_did_you_mean": ("Có phải '{name}'?", "Did you mean '{name}'?"),
    "usage_no_option": ("Không có tùy chọn '{name}'.", "No such option '{name}'."),
    "usage_missing_argument": ("Thiếu đối số '{name}'", "Missing argument '{name}'"),
    "usage_missing_option": ("Thiếu tùy chọn '{name}'", "Missing option '{name}'"),
    "usage_bad_value": (
        "Giá trị không hợp lệ cho '{param}': '{value}'",
        "Invalid value for '{param}': '{value}'",
    ),
    "usage_bad_value_bare": ("Giá trị không hợp lệ cho '{param}'", "Invalid value for '{param}'"),
    "usage_want_integer": ("cần một số nguyên", "a whole number is needed"),
    "usage_want_number": ("cần một số", "a number is needed"),
    "usage_want_at_least": (
        "cần một số từ {value} trở lên",
        "a number of {value} or more is needed",
    ),
    "usage_want_at_most": ("cần một số không quá {value}", "a number of at most {value} is needed"),
    "usage_option_needs_value": (
        "Tùy chọn '{name}' cần một giá trị",
        "Option '{name}' needs a value",
    ),
    "usage_option_takes_no_value": (
        "Tùy chọn '{name}' không nhận giá trị",
        "Option '{name}' takes no value",
    ),
    "usage_extra_arguments": ("Thừa đối số: {args}", "Unexpected extra arguments: {args}"),
    "usage_missing_command": (
        "Thiếu lệnh; xem các lệnh với --help",
        "Missing command; list them with --help",
    ),
    "aborted": ("Đã dừng.", "Aborted."),
    # --- branch shared-db: db copy, db grant (issue 8) ---
    "db_unit_denied": (
        "Vai trò {role} không có quyền ghi cho đơn vị {unit}; không ghi gì. Phòng Nội vụ cấp "
        "quyền bằng: cvtracker db grant {role} --unit {unit_id}",
        "the role {role} has no right to write for the unit {unit}; nothing was written. "
        "Phòng Nội vụ grants it with: cvtracker db grant {role} --unit {unit_id}",
    ),
    "db_not_allowed": (
        "Cơ sở dữ liệu {url} không cho vai trò này làm việc đó ({reason}); không ghi gì",
        "the database {url} does not allow this role to do that ({reason}); nothing was written",
    ),
    "db_units_need_postgres": (
        "Quyền ghi theo đơn vị cần sổ dùng chung trên PostgreSQL; sổ SQLite là tệp của một "
        "cơ quan (quyền theo quyền của tệp)",
        "per-unit write rights need the shared ledger on PostgreSQL; an SQLite ledger is one "
        "office's file (its rights are the file's)",
    ),
    "db_grant_what": (
        "Cho biết vai trò được ghi cho đơn vị nào: --unit ĐƠN_VỊ (lặp lại được) hoặc --all",
        "say which units the role may write for: --unit UNIT (repeatable) or --all",
    ),
    "db_grant_both": (
        "Dùng --unit hoặc --all, không dùng cả hai",
        "give --unit or --all, not both",
    ),
    "db_grant_bypasses": (
        "Vai trò {role} là chủ các bảng hoặc bỏ qua được bảo mật theo dòng (superuser, "
        "BYPASSRLS): quyền theo đơn vị không áp dụng được; hãy cấp cho một vai trò khác",
        "the role {role} owns the tables or bypasses row-level security (superuser, "
        "BYPASSRLS): per-unit rights cannot hold it; grant them to another role",
    ),
    "db_grant_units": (
        "Vai trò {role} được đọc toàn bộ sổ và ghi cho: {units}",
        "the role {role} may read the whole ledger and write for: {units}",
    ),
    "db_grant_all_units": ("mọi đơn vị", "every unit"),
    "db_copy_to_empty": (
        "--to rỗng; cho --to một tệp SQLite hoặc một URL postgresql+psycopg://…",
        "--to is empty; give --to an SQLite file or a postgresql+psycopg://… URL",
    ),
    "db_copy_same": (
        "{url} chính là sổ đang dùng; chép sang một cơ sở dữ liệu khác",
        "{url} is the ledger in use; copy it to another database",
    ),
    "db_copy_no_ledger": (
        "Chưa có sổ ở {url}; không có gì để chép (kiểm tra --db hoặc CVTRACKER_DB)",
        "there is no ledger at {url}; nothing to copy (check --db or CVTRACKER_DB)",
    ),
    "db_copy_not_empty": (
        "{url} đã có dữ liệu ({rows}); chỉ chép vào một cơ sở dữ liệu trống; không ghi gì",
        "{url} already holds rows ({rows}); copy only into an empty database; nothing was written",
    ),
    "db_copy_missing_table": (
        "Sổ nguồn {url} không có bảng {table} mà sổ đích có; nâng cấp sổ nguồn: "
        "cvtracker db upgrade",
        "the source ledger {url} lacks the table {table} that the target has; upgrade it: "
        "cvtracker db upgrade",
    ),
    "db_copy_mismatch": (
        "Bản chép ở {url} không khớp với sổ nguồn ở bảng {table} ({found} so với {expected}); "
        "đã hủy, không ghi gì",
        "the copy at {url} does not match the source in the table {table} ({found} against "
        "{expected}); rolled back, nothing was written",
    ),
    "db_copied": (
        "Đã chép sổ {source} sang {target} (phiên bản dữ liệu {revision}):",
        "copied the ledger {source} to {target} (schema {revision}):",
    ),
    "db_copied_table": (
        "  {table}: {rows} dòng, sha256 {checksum}",
        "  {table}: {rows} rows, sha256 {checksum}",
    ),
    "db_copied_checked": (
        "Số dòng và mã kiểm tra của từng bảng khớp ở hai bên.",
        "Row counts and checksums of every table match on both sides.",
    ),
    "db_copy_skipped": (
        "Không chép (thuộc riêng cơ sở dữ liệu nguồn): {tables}",
        "not copied (they belong to the source database only): {tables}",
    ),
    "help_db_copy": (
        "Chép sổ sang một cơ sở dữ liệu trống khác (SQLite hoặc PostgreSQL), kiểm tra số dòng và "
        "mã kiểm tra của từng bảng.\n\n"
        "Ví dụ:\n  cvtracker db copy --to postgresql+psycopg://noivu@may-chu/cvtracker",
        "Copy the ledger to another, empty database (SQLite or PostgreSQL), checked by row counts "
        "and checksums of every table.\n\n"
        "Example:\n  cvtracker db copy --to postgresql+psycopg://noivu@server/cvtracker",
    ),
    "help_db_copy_to": (
        "Cơ sở dữ liệu đích, phải trống: đường dẫn tệp hoặc URL.",
        "The target database, which must be empty: a file path or a URL.",
    ),
    "help_db_grant": (
        "Quyền ghi theo đơn vị trên sổ PostgreSQL dùng chung (chạy với quyền chủ các bảng); "
        "mọi vai trò được cấp đều đọc được toàn bộ sổ.\n\n"
        'Ví dụ:\n  cvtracker db grant tuphap --unit "tu phap"\n  cvtracker db grant noivu --all',
        "Per-unit write rights on a shared PostgreSQL ledger (run as the tables' owner); every "
        "granted role reads the whole ledger.\n\n"
        'Example:\n  cvtracker db grant tuphap --unit "tu phap"\n  cvtracker db grant noivu --all',
    ),
    "help_db_grant_role": (
        "Vai trò PostgreSQL của cơ quan (đã tạo sẵn).",
        "The office's PostgreSQL role (created beforehand).",
    ),
    "help_db_grant_unit": (
        "Đơn vị mà vai trò được ghi cho (lặp lại được).",
        "A unit the role may record for (repeatable).",
    ),
    "help_db_grant_all": (
        "Được ghi cho mọi đơn vị (Phòng Nội vụ).",
        "May record for every unit (Phòng Nội vụ).",
    ),
    # --- branch fit (issue 9: output that fits, pager, completion) ---
    "config_expect_bool": (
        "{path}: [{section}] {name} phải là true hoặc false",
        "{path}: [{section}] {name} must be true or false",
    ),
    "col_short": ("Tên ngắn", "Short name"),
    "help_no_pager": (
        "Không dùng trình xem từng trang ($PAGER) dù kết quả dài hơn màn hình.",
        "Never through a pager ($PAGER, less -R), however long the output.",
    ),
    "help_install_completion": (
        "Cài gợi ý bằng phím Tab cho shell đang dùng (bash, zsh, fish).",
        "Install Tab completion for the current shell (bash, zsh, fish).",
    ),
    "help_show_completion": (
        "In đoạn mã gợi ý bằng phím Tab cho shell đang dùng, để tự cài.",
        "Print the Tab completion script for the current shell, to install it yourself.",
    ),
    # --- branch multi: several directives in one ledger (issue 12) ---
    "help_cv_option": (
        "Công văn được tính (số, ví dụ 968/UBND-TH); thay cho CVTRACKER_CV. Cần khi sổ có "
        "nhiều công văn và lệnh ghi hoặc lập báo cáo.",
        "The directive to use (its number, e.g. 968/UBND-TH); overrides CVTRACKER_CV. Needed "
        "when the ledger holds several directives and the command records or reports.",
    ),
    "mv_CV": ("SỐ_CÔNG_VĂN", "DIRECTIVE_ID"),
    "help_directive_group": (
        "Các công văn theo dõi trong sổ: thêm, xem danh sách, xem, hết hiệu lực.\n\n"
        "Ví dụ:\n  cvtracker directive add cong-van-12.yaml\n  cvtracker directive list",
        "The directives the ledger follows: add, list, show, retire.\n\n"
        "Example:\n  cvtracker directive add cong-van-12.yaml\n  cvtracker directive list",
    ),
    "help_directive_add": (
        "Thêm công văn vào sổ từ tệp YAML đã kiểm tra (như lệnh validate; tệp còn dấu "
        "# draft: bị từ chối). Tệp đã đổi của cùng số được lưu thành phiên bản mới, phiên bản "
        "mới nhất được dùng.\n\nVí dụ:\n  cvtracker directive add cong-van-12.yaml",
        "Add a directive to the ledger from a checked YAML file (as validate; a file with "
        "# draft: markers is refused). A changed file of the same number is stored as a new "
        "version, and the latest version is used.\n\n"
        "Example:\n  cvtracker directive add cong-van-12.yaml",
    ),
    "help_directive_add_path": (
        "Tệp dữ liệu công văn (YAML).",
        "The directive's data file (YAML).",
    ),
    "help_directive_list": (
        "Các công văn trong sổ: số, ngày, cơ quan ban hành, hiệu lực, số ghi nhận."
        "\n\nVí dụ:\n  cvtracker directive list",
        "The directives in the ledger: number, date, issuer, in force until, counts."
        "\n\nExample:\n  cvtracker directive list",
    ),
    "help_directive_show": (
        "In nội dung YAML của công văn đã lưu trong sổ.\n\n"
        "Ví dụ:\n  cvtracker directive show 968/UBND-TH",
        "Print the YAML text of a directive stored in the ledger.\n\n"
        "Example:\n  cvtracker directive show 968/UBND-TH",
    ),
    "help_directive_id": (
        "Số công văn, ví dụ 968/UBND-TH.",
        "The directive's number, e.g. 968/UBND-TH.",
    ),
    "help_directive_retire": (
        "Ghi công văn hết hiệu lực từ một ngày: từ ngày đó không còn hạn nào.\n\n"
        "Ví dụ:\n  cvtracker directive retire 968/UBND-TH --on 1/7/2025",
        "Record that a directive stops applying on a day: nothing falls due from that day."
        "\n\nExample:\n  cvtracker directive retire 968/UBND-TH --on 1/7/2025",
    ),
    "help_directive_retire_on": (
        "Ngày công văn hết hiệu lực (ngày trước tháng).",
        "The day the directive stops applying (day first).",
    ),
    "help_directive_retire_reason": ("Lý do (tùy chọn).", "Why (optional)."),
    "help_report_all": (
        "Mọi công văn còn hiệu lực trong tháng, lần lượt từng công văn.",
        "Every directive in force that month, one after the other.",
    ),
    "cv_unknown": (
        "Không có công văn '{cv}' trong sổ. Các công văn: {ids}.",
        "No directive '{cv}' in the ledger. The directives: {ids}.",
    ),
    "cv_ambiguous": (
        "Sổ có nhiều công văn: chọn một bằng --cv (hoặc CVTRACKER_CV): {ids}.",
        "The ledger holds several directives: choose one with --cv (or CVTRACKER_CV): {ids}.",
    ),
    "cv_not_stored": (
        "Công văn {cv} chưa được thêm vào sổ: dùng 'cvtracker directive add TỆP' trước.",
        "Directive {cv} was not added to the ledger: use 'cvtracker directive add FILE' first.",
    ),
    "cv_added": ("Đã thêm công văn {number} vào sổ.", "Directive {number} added to the ledger."),
    "cv_added_first": (
        "Đã thêm cả công văn {number} (tệp dữ liệu đang dùng), vì sổ đã có ghi nhận của nó.",
        "Directive {number} (the data file in use) was added too, since the ledger holds its "
        "records.",
    ),
    "cv_unchanged": (
        "Công văn {number} đã có trong sổ, không đổi (phiên bản {version}).",
        "Directive {number} is already in the ledger, unchanged (version {version}).",
    ),
    "cv_new_version": (
        "Đã lưu phiên bản {version} của công văn {number}; từ nay dùng phiên bản này.",
        "Version {version} of directive {number} stored; it is used from now on.",
    ),
    "cv_retired": (
        "Công văn {number} hết hiệu lực từ ngày {day}.",
        "Directive {number} stops applying on {day}.",
    ),
    "cv_retired_on": ("hết hiệu lực từ {day}", "retired on {day}"),
    "cv_from_file": ("tệp dữ liệu", "data file"),
    "cv_list_title": ("Các công văn trong sổ, ngày {day}", "Directives in the ledger, {day}"),
    "col_cv": ("Công văn", "Directive"),
    "col_cv_date": ("Ngày", "Date"),
    "col_cv_issuer": ("Cơ quan ban hành", "Issuer"),
    "col_cv_until": ("Hiệu lực đến", "In force until"),
    "col_cv_counts": ("Số lượng", "Counts"),
    "cv_counts": (
        "{units} đơn vị, {items} nội dung, {events} ghi nhận, {tasks} nhiệm vụ",
        "{units} units, {items} items, {events} events, {tasks} tasks",
    ),
    "cv_heading": ("Công văn {number}", "Directive {number}"),
    "cv_none_in_force": (
        "Không có công văn nào còn hiệu lực trong tháng {month}.",
        "No directive is in force in {month}.",
    ),
    "cv_report_needs_output": (
        "report --all --format {fmt}: mỗi công văn một tệp; cho biết tên tệp bằng -o "
        "(ví dụ -o bao-cao.{fmt}: bao-cao-968-UBND-TH.{fmt} …).",
        "report --all --format {fmt}: one file per directive; name it with -o "
        "(e.g. -o report.{fmt}: report-968-UBND-TH.{fmt} …).",
    ),
    "cv_mail_subject": (
        "[cvtracker] {overdue} nội dung quá hạn, {count} công văn ({numbers}) – ngày {day}",
        "[cvtracker] {overdue} items overdue, {count} directives ({numbers}) – {day}",
    ),
    # --- branch `units`: the units registry (units.yaml), several directives shown -------------
    "help_unit_group": (
        "Danh mục đơn vị của cơ quan (units.yaml): đổi tên, hợp nhất, giải thể theo ngày."
        '\n\nVí dụ:\n  cvtracker unit rename vinh-hao --name "UBND xã Vĩnh Hảo" --on 1/7/2025',
        "The office's units registry (units.yaml): rename, merge, retire by date."
        '\n\nExample:\n  cvtracker unit rename vinh-hao --name "UBND xã Vĩnh Hảo" --on 1/7/2025',
    ),
    "help_unit_init": (
        "Tạo units.yaml trong CVTRACKER_HOME từ các đơn vị của các công văn đang dùng."
        "\n\nVí dụ:\n  cvtracker unit init",
        "Write units.yaml in CVTRACKER_HOME from the units of the directives in use."
        "\n\nExample:\n  cvtracker unit init",
    ),
    "help_unit_list": (
        "Liệt kê danh mục đơn vị, cả tên cũ và ngày hợp nhất, giải thể."
        "\n\nVí dụ:\n  cvtracker unit list",
        "List the units registry, with earlier names and merge and retirement days."
        "\n\nExample:\n  cvtracker unit list",
    ),
    "help_unit_check": (
        "Kiểm tra units.yaml (lỗi theo TỆP:DÒNG) và mọi công văn đang dùng với nó."
        "\n\nVí dụ:\n  cvtracker unit check",
        "Check units.yaml (errors as FILE:LINE) and every directive in use against it."
        "\n\nExample:\n  cvtracker unit check",
    ),
    "help_unit_rename": (
        "Đổi tên một đơn vị từ một ngày; lịch sử giữ tên cũ trước ngày đó."
        '\n\nVí dụ:\n  cvtracker unit rename vinh-hao --name "UBND xã Vĩnh Hảo" --on 1/7/2025',
        "Rename a unit from a day; history keeps the old name before it."
        '\n\nExample:\n  cvtracker unit rename vinh-hao --name "UBND xã Vĩnh Hảo" --on 1/7/2025',
    ),
    "help_unit_merge": (
        "Hợp nhất các đơn vị thành một đơn vị mới từ một ngày (--into MÃ --name TÊN)."
        "\n\nVí dụ:\n"
        "  cvtracker unit merge vinh-tan phu-lac --into xa-vinh-tan --on 1/7/2025 \\\n"
        '    --name "UBND xã Vĩnh Tân"',
        "Merge units into a new unit from a day (--into ID --name NAME)."
        "\n\nExample:\n"
        "  cvtracker unit merge vinh-tan phu-lac --into xa-vinh-tan --on 1/7/2025 \\\n"
        '    --name "Vinh Tan commune"',
    ),
    "help_unit_retire": (
        "Giải thể một đơn vị từ một ngày: từ ngày đó không còn nội dung nào đến hạn."
        "\n\nVí dụ:\n  cvtracker unit retire bql-da --on 1/7/2025",
        "Retire a unit from a day: nothing falls due for it from that day on."
        "\n\nExample:\n  cvtracker unit retire bql-da --on 1/7/2025",
    ),
    "help_unit_on": (
        "Ngày có hiệu lực (ngày đầu tiên của thay đổi).",
        "The first day of the change.",
    ),
    "help_unit_name": ("Tên mới của đơn vị.", "The unit's new name."),
    "help_unit_name_en": (
        "Tên tiếng Anh (mặc định: tên).",
        "The English name (default: the name).",
    ),
    "help_unit_short": ("Tên ngắn cho bảng hẹp.", "A short name for narrow tables."),
    "help_unit_short_en": ("Tên ngắn tiếng Anh.", "The short English name."),
    "help_unit_merge_units": ("Các đơn vị được hợp nhất.", "The units merged."),
    "help_unit_into": ("Mã của đơn vị mới.", "The new unit's id."),
    "unit_registry_exists": (
        "{path} đã có; sửa tệp hoặc dùng unit rename, merge, retire",
        "{path} exists already; edit it or use unit rename, merge, retire",
    ),
    "unit_registry_missing": (
        "Chưa có danh mục đơn vị {path}; tạo bằng: cvtracker unit init",
        "There is no units registry {path}; make one with: cvtracker unit init",
    ),
    "unit_registry_written": (
        "Đã ghi danh mục đơn vị {path} ({count} đơn vị).",
        "Wrote the units registry {path} ({count} units).",
    ),
    "unit_registry_valid": (
        "{path}: hợp lệ ({count} đơn vị).",
        "{path}: valid ({count} units).",
    ),
    "unit_registry_none": (
        "Chưa có units.yaml: đây là các đơn vị của các công văn đang dùng.",
        "No units.yaml yet: these are the units of the directives in use.",
    ),
    "unit_registry_title": ("Danh mục đơn vị", "Units registry"),
    "unit_col_former": ("Tên cũ", "Earlier names"),
    "unit_col_life": ("Hợp nhất, giải thể", "Merged, retired"),
    "unit_former": ("đến {until}: {name}", "until {until}: {name}"),
    "unit_starts": ("từ {day}, hợp nhất từ {units}", "from {day}, merged from {units}"),
    "unit_merged": ("hợp nhất vào {unit} từ {day}", "merged into {unit} from {day}"),
    "unit_retired": ("giải thể từ {day}", "retired from {day}"),
    "unit_renamed": (
        "Đơn vị {unit}: từ ngày {day} tên là “{name}” (trước đó: “{old}”).",
        "Unit {unit}: named “{name}” from {day} (before: “{old}”).",
    ),
    "unit_merged_into": (
        "Từ ngày {day}, {units} hợp nhất thành {unit} (“{name}”).",
        "From {day}, {units} are merged into {unit} (“{name}”).",
    ),
    "unit_retired_said": (
        "Đơn vị {unit} ({name}) giải thể từ ngày {day}.",
        "Unit {unit} ({name}) is retired from {day}.",
    ),
    "unit_ended": (
        "Đơn vị {unit} đã hợp nhất hoặc giải thể từ ngày {day}",
        "Unit {unit} was merged or retired on {day}",
    ),
    "unit_change_too_early": (
        "Đơn vị {unit}: ngày thay đổi phải từ {day} trở đi (sau lần đổi trước)",
        "Unit {unit}: the change must be on {day} or later (after the previous one)",
    ),
    "unit_merge_exists": (
        "Đơn vị {unit} đã có; hợp nhất thành một mã đơn vị mới",
        "Unit {unit} exists already; merge into a new unit id",
    ),
    "unit_bad_id": (
        "'{unit}' không phải mã đơn vị (chữ thường không dấu, số, dấu gạch: xa-lien-huong)",
        "'{unit}' is not a unit id (lowercase letters, digits, hyphens: xa-lien-huong)",
    ),
    "info_directives": ("Công văn trong sổ", "Directives stored"),
    "info_directive_retired": ("hết hiệu lực từ {day}", "retired on {day}"),
    "info_units_registry": ("Danh mục đơn vị", "Units registry"),
    "info_units_count": ("{count} đơn vị", "{count} units"),
    "unit_registry_invalid": (
        "Danh mục đơn vị (units.yaml) không dùng được ({count} lỗi, xem các dòng trên)",
        "the units registry (units.yaml) cannot be used ({count} errors, listed above)",
    ),
    "unit_record_merged": (
        "Đơn vị {unit} đã hợp nhất vào {successor} từ ngày {day}: nội dung {item} không còn là "
        "của đơn vị này; ghi nhận cho {successor}",
        "Unit {unit} was merged into {successor} on {day}: item {item} is no longer its own; "
        "record it for {successor}",
    ),
    "unit_record_retired": (
        "Đơn vị {unit} giải thể từ ngày {day}: nội dung {item} không còn đến hạn với đơn vị này",
        "Unit {unit} was retired on {day}: item {item} no longer falls due for it",
    ),
    "unit_record_not_started": (
        "Đơn vị {unit} có từ ngày {day}: nội dung {item} không đến hạn với đơn vị này (đến hạn "
        "trước ngày đó thì thuộc các đơn vị được hợp nhất)",
        "Unit {unit} exists from {day}: item {item} does not fall due for it (what fell due "
        "before belongs to the units merged into it)",
    ),
    "unit_registry_broken": (
        "Danh mục đơn vị không hợp lệ: {problem}",
        "Broken registry: {problem}",
    ),
    # --- branch polish: a directive file's problems (PATH:LINE:COL: …) in both languages
    # (cvtracker.fileproblems); the English is the message as the checks write it ---
    "fp_no_such_file": ("không có tệp này", "no such file"),
    "fp_not_utf8": ("không đọc được: không phải văn bản UTF-8", "cannot read: not UTF-8 text"),
    "fp_cannot_read": ("không đọc được: {reason}", "cannot read: {reason}"),
    "fp_yaml_syntax": ("sai cú pháp YAML: {detail}", "YAML syntax: {detail}"),
    "fp_yaml": ("lỗi YAML: {detail}", "YAML: {detail}"),
    "fp_not_mapping": (
        "tệp phải là một bảng YAML (các dòng 'khóa: giá trị')",
        "the file must be a YAML mapping",
    ),
    "fp_duplicate_key": (
        "khóa '{name}' lặp lại (lần đầu ở dòng {line})",
        "duplicate key '{name}' (first on line {line})",
    ),
    "fp_unknown_key": ("khóa không có trong mẫu: '{name}'", "unknown key '{name}'"),
    "fp_missing_key": ("thiếu khóa '{name}'", "missing key '{name}'"),
    "fp_not_month": (
        "{value} không phải là tháng viết YYYY-MM",
        "{value} is not a month written YYYY-MM",
    ),
    "fp_deadline_needs": (
        "hạn loại '{kind}' cần có '{name}'",
        "a '{kind}' deadline needs '{name}'",
    ),
    "fp_deadline_takes_no": (
        "hạn loại '{kind}' không có '{name}'",
        "a '{kind}' deadline takes no '{name}'",
    ),
    "fp_start_after_until": (
        "tháng bắt đầu {start} sau tháng kết thúc {until}",
        "start {start} is after until {until}",
    ),
    "fp_not_item_id": (
        "{value} không phải là số nội dung (1 … 99, 5a, hoặc một mã chữ thường)",
        "{value} is not an item id (1 … 99, 5a, or a lowercase key)",
    ),
    "fp_not_day_month": (
        "{value} không phải là ngày và tháng viết N/T (ví dụ 15/12)",
        "{value} is not a day and month written D/M (e.g. 15/12)",
    ),
    "fp_not_day_of_year": (
        "{value} không phải là một ngày trong năm",
        "{value} is not a day of the year",
    ),
    "fp_unknown_unit": (
        "không có đơn vị {value}; các đơn vị: {known}",
        "unknown unit {value}; known: {known}",
    ),
    "fp_unknown_group": (
        "không có nhóm {value}; các nhóm: {known}",
        "unknown group {value}; known: {known}",
    ),
    "fp_unknown_cited": (
        "không có văn bản được dẫn {value}; các văn bản: {known}",
        "unknown cited document {value}; known: {known}",
    ),
    "fp_parent_is_obligation": (
        "nội dung cha {parent} lại là một nội dung phải thực hiện",
        "parent {parent} is itself an obligation",
    ),
    "fp_duplicate_short": (
        "tên ngắn {short} trùng (với đơn vị {other})",
        "duplicate unit short name {short} (also unit {other})",
    ),
    "fp_cited_after": (
        "{kind} {number} đề ngày {date}, sau chính công văn ({issued}); có thể văn bản gõ nhầm",
        "{kind} {number} is dated {date}, after the directive itself ({issued}); the text "
        "may have a typo",
    ),
    "fp_item_reaches_no_unit": (
        "nội dung {item} không giao cho đơn vị nào",
        "item {item} reaches no unit",
    ),
    "fp_due_before_issued": (
        "nội dung {item} có hạn {date}, trước ngày ban hành công văn ({issued})",
        "item {item} is due {date}, before the directive was issued ({issued})",
    ),
    "fp_due_after_end": (
        "nội dung {item} có hạn {date}, sau khi công văn hết hiệu lực ({ends}); sẽ không "
        "bao giờ đến hạn",
        "item {item} is due {date}, after the directive ends ({ends}); it will never fall due",
    ),
    "fp_starts_early": (
        "nội dung {item} bắt đầu từ tháng {start}, không sau tháng ban hành công văn ({month})",
        "item {item} starts in {start}, not after the directive's month ({month})",
    ),
    "fp_unit_reached_by_none": (
        "không nội dung nào giao cho đơn vị {unit}",
        "no obligation reaches unit {unit}",
    ),
    "fp_group_has_no_unit": ("nhóm {group} không có đơn vị nào", "group {group} has no unit"),
    "fp_draft_marker": ("dấu bản nháp: {detail}", "draft marker: {detail}"),
    "fp_bad_date": (
        "'{name}': {value} không phải là ngày hợp lệ (viết YYYY-MM-DD)",
        "'{name}': {value} is not a valid date (write YYYY-MM-DD)",
    ),
    "fp_not_one_of": (
        "'{name}': {value} không phải là một trong các giá trị {expected}",
        "'{name}': {value} is not one of {expected}",
    ),
    "fp_not_integer": (
        "'{name}': {value} không phải là số nguyên",
        "'{name}': {value} is not a whole number",
    ),
    "fp_not_number": ("'{name}': {value} không phải là số", "'{name}': {value} is not a number"),
    "fp_not_bool": (
        "'{name}': {value} không phải là true hay false",
        "'{name}': {value} is not true or false",
    ),
    "fp_not_text": ("'{name}': {value} không phải là chữ", "'{name}': {value} is not text"),
    "fp_text_too_short": (
        "'{name}': cần ít nhất {min_length} ký tự",
        "'{name}': needs at least {min_length} characters",
    ),
    "fp_text_too_long": (
        "'{name}': nhiều nhất {max_length} ký tự",
        "'{name}': at most {max_length} characters",
    ),
    "fp_text_pattern": (
        "'{name}': {value} không đúng dạng {pattern}",
        "'{name}': {value} does not match {pattern}",
    ),
    "fp_not_list": ("'{name}': cần một danh sách", "'{name}': should be a list"),
    "fp_not_mapping_value": (
        "'{name}': cần một bảng (các dòng 'khóa: giá trị')",
        "'{name}': should be a mapping (key: value lines)",
    ),
    "fp_too_few": (
        "'{name}': cần ít nhất {min_length} phần tử",
        "'{name}': needs at least {min_length} entries",
    ),
    "fp_too_many": (
        "'{name}': nhiều nhất {max_length} phần tử",
        "'{name}': at most {max_length} entries",
    ),
    "fp_at_least": (
        "'{name}': cần ≥ {ge}, không phải {value}",
        "'{name}': should be ≥ {ge}, not {value}",
    ),
    "fp_more_than": (
        "'{name}': cần > {gt}, không phải {value}",
        "'{name}': should be > {gt}, not {value}",
    ),
    "fp_at_most": (
        "'{name}': cần ≤ {le}, không phải {value}",
        "'{name}': should be ≤ {le}, not {value}",
    ),
    "fp_less_than": (
        "'{name}': cần < {lt}, không phải {value}",
        "'{name}': should be < {lt}, not {value}",
    ),
    "fp_other": ("giá trị không hợp lệ: {detail}", "{detail}"),
    # --- branch startup (issue 8: start-up) ---
    "info_cache": ("Bộ nhớ đệm khởi động", "Start-up cache"),
    "info_cache_off": ("tắt (CVTRACKER_CACHE=off)", "off (CVTRACKER_CACHE=off)"),
    # --- branch summary (issue 8: the per-occurrence summary table; db check, db rebuild) ---
    "help_db_check": (
        "Kiểm tra bảng tóm tắt của sổ (trạng thái từng lần phải báo cáo) với các sự kiện: "
        "tính lại từ các sự kiện rồi so sánh; mã thoát 0 khi khớp, 1 khi không.\n\n"
        "Ví dụ:\n  cvtracker db check",
        "Check the ledger's summary table (the state of each occurrence) against the events: "
        "made again from the events and compared; exit 0 when equal, 1 when not.\n\n"
        "Example:\n  cvtracker db check",
    ),
    "help_db_rebuild": (
        "Tính lại bảng tóm tắt của sổ từ các sự kiện, trong một giao dịch (sau khi có ghi thẳng "
        "vào bảng sự kiện, hoặc khi db check báo không khớp).\n\n"
        "Ví dụ:\n  cvtracker db rebuild",
        "Make the ledger's summary table again from the events, in one transaction (after rows "
        "were written straight into the events table, or when db check finds a difference).\n\n"
        "Example:\n  cvtracker db rebuild",
    ),
    "db_check_equal": (
        "Bảng tóm tắt của sổ {url} khớp với các sự kiện ({count} lần phải báo cáo).",
        "the summary table of the ledger {url} matches the events ({count} occurrences).",
    ),
    "db_check_row": (
        "  {place}: bảng tóm tắt {stored}, các sự kiện cho {events}",
        "  {place}: the summary table says {stored}, the events give {events}",
    ),
    "db_check_more": (
        "  … và {count} chỗ khác",
        "  … and {count} more",
    ),
    "db_check_differs": (
        "Bảng tóm tắt của sổ {url} khác các sự kiện ở {count} chỗ; chạy: cvtracker db rebuild",
        "the summary table of the ledger {url} differs from the events in {count} places; "
        "run: cvtracker db rebuild",
    ),
    "db_rebuilt": (
        "Đã tính lại bảng tóm tắt của sổ {url} từ các sự kiện ({count} lần phải báo cáo).",
        "made the summary table of the ledger {url} again from the events ({count} occurrences).",
    ),
}


def plural(key: str, count: int) -> str:
    """The catalog key for a count: ``KEY_1`` when the count is 1 and the catalog has it, else
    ``KEY``."""
    singular = f"{key}_1"
    return singular if count == 1 and singular in CATALOG else key


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

    def plural(self, key: str, count: int, /, **params: Any) -> str:
        """The text of ``key`` for a count: "1 day overdue", "2 days overdue"."""
        return translate(self.lang, plural(key, count), **params)
