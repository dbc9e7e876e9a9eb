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
    "col_done": ("Hoàn thành", "Done"),
    "col_late": ("Trễ hạn", "Late"),
    "col_overdue": ("Quá hạn", "Overdue"),
    "col_open": ("Chưa đến hạn", "Open"),
    "col_ongoing": ("Thường xuyên", "Ongoing"),
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
    "not_reported": ("chưa báo cáo", "not reported"),
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
    "warnings_count": ("{count} cảnh báo", "{count} warning(s)"),
    "ongoing": ("thường xuyên", "ongoing"),
    "none": ("—", "—"),
    "eligible_yes": ("đủ điều kiện", "eligible"),
    "eligible_no": ("không đủ điều kiện", "not eligible"),
    "eligible_nothing_due": ("chưa có nhiệm vụ đến hạn", "nothing due yet"),
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
    "report_sec_summary": ("5. Tổng hợp", "5. Summary"),
    "report_sec_items": ("Tỷ lệ hoàn thành theo nội dung", "Completion by item"),
    "report_sec_units": ("Tỷ lệ hoàn thành theo đơn vị", "Completion by unit"),
    "report_none": ("Không có.", "None."),
    "outcome_on_time": ("đúng hạn", "on time"),
    "outcome_late": ("trễ hạn", "late"),
    "outcome_missing": ("chưa báo cáo", "missing"),
    "outcome_pending": ("chưa đến hạn", "not due yet"),
    "report_cell_done": ("xong {day}", "done {day}"),
    "report_cell_open": ("chưa đến hạn", "not due yet"),
    "report_tasks": ("Nhiệm vụ của đơn vị", "Units' tasks"),
    "report_sum_reports": (
        "Báo cáo tiến độ (nội dung {items}): {on_time}/{units} đơn vị đúng hạn, {late} trễ hạn, "
        "{missing} chưa báo cáo, {pending} chưa đến hạn",
        "Progress reports (item {items}): {on_time} of {units} units on time, {late} late, "
        "{missing} missing, {pending} not due yet",
    ),
    "report_sum_overdue": ("Số nội dung quá hạn: {count}", "Overdue: {count}"),
    "report_sum_watch": (
        "Số người đứng đầu, cá nhân không đủ điều kiện xét “hoàn thành tốt nhiệm vụ”: {count}",
        "Heads and persons barred from “good” or higher: {count}",
    ),
    "report_sum_previous": (
        "So với tháng {month} (tính đến ngày {day}): đúng hạn {on_time}, trễ hạn {late}, "
        "chưa báo cáo {missing}, quá hạn {overdue}, không đủ điều kiện {watch}",
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
