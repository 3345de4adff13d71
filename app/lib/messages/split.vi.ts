// Vietnamese strings of the "paste and split" screen (merged into vi.ts).
export const splitVi = {
  "split.title": "Tách nhiệm vụ từ văn bản",
  "split.link": "Tách nhiệm vụ từ văn bản",
  "split.step1": "Bước 1/2: Dán nội dung văn bản",
  "split.step2": "Bước 2/2: Kiểm tra, sửa và lưu các nhiệm vụ",
  "split.intro":
    "Dán nội dung thông báo kết luận hoặc văn bản chỉ đạo {directive}. Mỗi mục đánh số trở thành một nhiệm vụ dự kiến (mục con thành nhiệm vụ con); đơn vị chủ trì, đơn vị phối hợp và thời hạn nêu trong văn bản được điền sẵn. Chưa có gì được lưu cho đến khi bạn kiểm tra và bấm Lưu.",
  "split.text": "Nội dung văn bản",
  "split.textHint": "Dán toàn văn, kể cả phần mở đầu và phần kết. Các mục được đánh số 1., 2., a), b), -, Thứ nhất,…",
  "split.prefilled": "Đã điền sẵn toàn văn đã lưu của văn bản; có thể thay bằng nội dung khác.",
  "split.submit": "Tách nhiệm vụ",
  "split.found": "Tìm thấy {count} nhiệm vụ dự kiến: {top} mục chính và {sub} mục con.",
  "split.reviewIntro":
    "Kiểm tra từng mục, sửa nếu cần và bỏ chọn những mục không phải là nhiệm vụ. Các nhiệm vụ được lưu cùng một lúc: nếu còn lỗi, chưa nhiệm vụ nào được lưu.",
  "split.preamble": "Phần mở đầu (không tạo nhiệm vụ)",
  "split.closing": "Phần kết (không tạo nhiệm vụ)",
  "split.tasksHeading": "Các nhiệm vụ dự kiến",
  "split.rowLegend": "Mục {item}",
  "split.rowLegendSub": "Mục {item} (nhiệm vụ con của mục {parent})",
  "split.forRow": "(mục {item})",
  "split.include": "Lưu nhiệm vụ này",
  "split.parent": "Thuộc mục",
  "split.parentHint": "Số mục của nhiệm vụ cha; để trống nếu là mục chính.",
  "split.details": "Nội dung chi tiết",
  "split.source": "Trích từ văn bản, phần được nhận diện được tô màu:",
  "split.assignedOnHint": "Ngày giao của tất cả các nhiệm vụ (dd/mm/yyyy); mặc định là ngày ban hành văn bản.",
  "split.warnings": "Cần kiểm tra:",
  "split.save": "Lưu các nhiệm vụ đã chọn",
  "split.back": "Quay lại sửa nội dung văn bản",
  "split.errorsHeading": "Chưa lưu: có {count} lỗi cần sửa",
  "split.errorAt": "Mục {item} — {field}: {message}",
  "split.noTasks": "Không tìm thấy nội dung nhiệm vụ nào trong văn bản đã dán.",

  "split.error.emptyText": "Vui lòng dán nội dung văn bản.",
  "split.error.tooLong": "Quá dài: tối đa {max} ký tự.",
  "split.error.duplicate_item": "Số mục “{value}” trùng với một mục khác hoặc với nhiệm vụ đã có trong văn bản.",
  "split.error.unknown_parent":
    "Không có mục “{value}” ở các dòng được chọn phía trên hoặc trong các nhiệm vụ đã có của văn bản.",
  "split.error.no_rows": "Hãy chọn ít nhất một nhiệm vụ để lưu.",
  "split.error.too_many_rows": "Quá nhiều nhiệm vụ (tối đa {max}).",

  "split.warning.no_item_markers": "Văn bản không có mục đánh số: toàn bộ nội dung được coi là một nhiệm vụ.",
  "split.warning.inline_numbering": "Mục này được tách ra từ giữa một đoạn văn; hãy kiểm tra chỗ tách.",
  "split.warning.numbering_gap": "Số thứ tự bị nhảy cóc: có thể còn thiếu mục khi dán.",
  "split.warning.duplicate_item_number": "Số mục bị lặp trong văn bản; đã đánh số lại để phân biệt.",
  "split.warning.empty_item": "Mục không có nội dung.",
  "split.warning.heading_only": "Dòng này có vẻ chỉ là tiêu đề của nhóm mục; có thể bỏ chọn hoặc giữ làm nhiệm vụ cha.",
  "split.warning.title_truncated": "Câu đầu quá dài nên tên nhiệm vụ đã được cắt ngắn.",
  "split.warning.no_lead_found": "Không tìm thấy đơn vị chủ trì trong nội dung.",
  "split.warning.several_leads":
    "Văn bản nêu nhiều đơn vị chủ trì; đã chọn đơn vị đầu tiên, các đơn vị còn lại là đơn vị phối hợp.",
  "split.warning.lead_guessed": "Đơn vị chủ trì được suy ra từ cách viết của câu, văn bản không ghi “chủ trì”.",
  "split.warning.coordinators_guessed":
    "Một số đơn vị phối hợp được suy ra từ các đơn vị được nhắc đến trong nội dung.",
  "split.warning.ambiguous_department": "“{text}” có thể là nhiều đơn vị ({departments}); hãy chọn đúng đơn vị.",
  "split.warning.group_reference": "“{text}” là một nhóm đơn vị; hãy chọn cụ thể các đơn vị nếu cần.",
  "split.warning.group_fan_out":
    "“{text}” là một nhóm đơn vị: đề xuất giao nội dung này cho từng đơn vị của nhóm vào ngày giao (mỗi đơn vị một nhiệm vụ).",
  "split.warning.group_to_choose": "“{text}” không chỉ rõ đơn vị nào: hãy chọn các đơn vị liên quan.",
  "split.warning.group_not_found":
    "“{text}” là một nhóm đơn vị nhưng chưa có nhóm này trong hệ thống: hãy chọn nhóm hoặc các đơn vị.",
  "split.warning.leads_fan_out":
    "Văn bản giao cùng lúc nhiều đơn vị chủ trì: đề xuất giao nội dung cho nhiều đơn vị, mỗi đơn vị một nhiệm vụ.",
  "split.warning.recurrence_found": "“{text}” là nhiệm vụ định kỳ: đề xuất tạo nhiệm vụ định kỳ, mỗi kỳ một nhiệm vụ.",
  "split.warning.recurrence_day_assumed": "“{text}” không ghi hạn của mỗi kỳ: đã chọn tạm một ngày, hãy kiểm tra.",
  "split.warning.assignment_inherited": "Mục không nêu đơn vị: đã lấy đơn vị chủ trì và phối hợp của mục cha.",
  "split.warning.no_deadline_found": "Không tìm thấy thời hạn trong nội dung.",
  "split.warning.several_deadlines": "Nội dung có nhiều mốc thời gian; đã chọn mốc sớm nhất.",
  "split.warning.invalid_date":
    "Ngày “{text}” không có thật hoặc nằm ngoài khoảng 01/01/1990 – 31/12/2100; hãy nhập lại thời hạn.",
  "split.warning.date_before_issue": "Thời hạn “{text}” trước ngày ban hành văn bản.",
  "split.warning.year_assumed_next": "“{text}” không ghi năm và đã qua trong năm ban hành: đã hiểu là năm sau.",
  "split.warning.year_unknown": "“{text}” không ghi năm và văn bản chưa có ngày ban hành: chưa xác định được thời hạn.",
  "split.warning.deadline_inherited": "Mục không nêu thời hạn: đã lấy thời hạn của mục cha.",
  "split.warning.deadline_after_parent": "Thời hạn “{text}” muộn hơn thời hạn của mục cha.",
  "split.warning.working_days_deadline":
    "“{text}”: thời hạn tính theo ngày làm việc từ ngày giao, không kể ngày nghỉ lễ, Tết; đổi ngày giao thì kiểm tra lại.",
  "split.warning.working_days_no_start": "“{text}”: chưa có ngày giao nên chưa tính được thời hạn.",
} as const;
export type SplitMessageKey = keyof typeof splitVi;
