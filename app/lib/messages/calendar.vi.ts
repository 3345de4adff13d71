// Vietnamese strings of the working calendar: its administration page, the audit labels of
// its changes, and the task form's deadline in working days (merged into vi.ts).
export const calendarVi = {
  "calendar.title": "Ngày nghỉ lễ, Tết và ngày làm bù",
  "calendar.intro":
    "Lịch dùng để đếm ngày làm việc: hạn “trong … ngày làm việc kể từ ngày giao” và thời gian hoàn thành chờ xác nhận. Thứ Hai đến thứ Sáu là ngày làm việc, trừ các ngày nghỉ dưới đây; thứ Bảy, Chủ nhật là ngày nghỉ, trừ ngày làm bù.",
  "calendar.yearNav": "Chọn năm",
  "calendar.caption": "Các ngày của năm {year}",
  "calendar.empty":
    "Năm {year} chưa có ngày nào trong lịch: chỉ thứ Bảy, Chủ nhật là ngày nghỉ. Hãy nạp ngày nghỉ theo quy định hoặc thêm từng ngày.",
  "calendar.col.day": "Ngày",
  "calendar.col.kind": "Loại ngày",
  "calendar.col.occasion": "Dịp",
  "calendar.col.note": "Ghi chú",
  "calendar.col.source": "Nguồn",
  "calendar.col.actions": "Thao tác",
  "calendar.source.rule": "Theo Bộ luật Lao động",
  "calendar.source.announced": "Theo thông báo",
  "calendar.source.loaded": "nạp sẵn",
  "calendar.source.by": "{name}, {at}",
  "calendar.kind.holiday": "Nghỉ lễ, Tết",
  "calendar.kind.compensatory": "Nghỉ bù",
  "calendar.kind.swapped_off": "Nghỉ hoán đổi",
  "calendar.kind.working_day": "Làm bù (ngày làm việc)",
  "calendar.occasion.new_year": "Tết Dương lịch",
  "calendar.occasion.lunar_new_year": "Tết Nguyên đán",
  "calendar.occasion.hung_kings": "Giỗ Tổ Hùng Vương (10/3 âm lịch)",
  "calendar.occasion.reunification": "Ngày Chiến thắng (30/4)",
  "calendar.occasion.labour_day": "Ngày Quốc tế Lao động (1/5)",
  "calendar.occasion.national_day": "Quốc khánh (2/9)",
  "calendar.occasion.other": "Dịp khác",
  "calendar.weekday.0": "Chủ nhật",
  "calendar.weekday.1": "Thứ Hai",
  "calendar.weekday.2": "Thứ Ba",
  "calendar.weekday.3": "Thứ Tư",
  "calendar.weekday.4": "Thứ Năm",
  "calendar.weekday.5": "Thứ Sáu",
  "calendar.weekday.6": "Thứ Bảy",
  "calendar.remove": "Xóa",
  "calendar.removeLabel": "Xóa ngày {date} khỏi lịch",

  "calendar.section.add": "Thêm ngày theo thông báo",
  "calendar.add.intro":
    "Các ngày Chính phủ thông báo hằng năm: ngày nghỉ hoán đổi và ngày làm bù (thứ Bảy) tương ứng, ngày nghỉ thêm. Mỗi ngày có một dòng: muốn đổi một ngày đã có, hãy xóa rồi thêm lại.",
  "calendar.field.day": "Ngày",
  "calendar.field.kind": "Loại ngày",
  "calendar.field.occasion": "Dịp",
  "calendar.field.note": "Ghi chú",
  "calendar.hint.day": "dd/mm/yyyy",
  "calendar.hint.kind": "Ngày làm bù phải là thứ Bảy hoặc Chủ nhật.",
  "calendar.hint.note":
    "Văn bản thông báo, ví dụ “Thông báo số 6150/TB-LĐTBXH”; bắt buộc (tên dịp) khi chọn “Dịp khác”.",
  "calendar.addSubmit": "Thêm ngày",

  "calendar.section.load": "Nạp ngày nghỉ theo quy định",
  "calendar.load.intro":
    "Thêm các ngày nghỉ lễ, Tết của một năm theo Bộ luật Lao động, cùng ngày nghỉ bù khi ngày lễ trùng thứ Bảy, Chủ nhật. Tết Nguyên đán: 2 ngày cuối năm âm lịch và mùng 1 đến mùng 3; Quốc khánh: 2/9 và một ngày liền kề. Ngày đã có trong lịch được giữ nguyên. Các năm 2019–2030 đã được nạp sẵn.",
  "calendar.field.year": "Năm",
  "calendar.hint.year": "Từ {first} đến {last}.",
  "calendar.loadSubmit": "Nạp ngày nghỉ",

  "calendar.done.added": "Đã thêm ngày {date} vào lịch.",
  "calendar.done.removed": "Đã xóa ngày {date} khỏi lịch.",
  "calendar.done.loaded": "Năm {year}: đã thêm {added} ngày nghỉ theo quy định; {kept} ngày đã có được giữ nguyên.",

  "calendar.error.dayRequired": "Hãy nhập ngày.",
  "calendar.error.dayInvalid":
    "Ngày “{value}” không hợp lệ. Hãy nhập một ngày từ 01/01/1990 đến 31/12/2100 theo dạng dd/mm/yyyy, ví dụ 04/05/2024.",
  "calendar.error.kindRequired": "Hãy chọn loại ngày.",
  "calendar.error.occasionRequired": "Hãy chọn dịp.",
  "calendar.error.yearInvalid": "Năm phải là một số từ {first} đến {last}.",
  "calendar.error.invalid": "Dữ liệu không hợp lệ. Vui lòng kiểm tra lại.",
  "calendar.error.not_found": "Ngày này không còn trong lịch (có thể người khác vừa xóa).",
  "calendar.error.day_taken": "Ngày này đã có trong lịch. Muốn đổi, hãy xóa dòng của ngày đó trước.",
  "calendar.error.working_day_not_weekend":
    "Ngày làm bù phải là thứ Bảy hoặc Chủ nhật: thứ Hai đến thứ Sáu vốn là ngày làm việc.",
  "calendar.error.note_required": "Hãy ghi tên dịp khi chọn “Dịp khác”.",
  "calendar.error.year_outside_rules": "Quy định chỉ áp dụng cho các năm từ {first} đến {last}.",

  "audit.entity.calendar_day": "Ngày nghỉ, ngày làm bù",
  "audit.action.calendar_day.create": "Thêm ngày vào lịch nghỉ",
  "audit.action.calendar_day.delete": "Xóa ngày khỏi lịch nghỉ",

  "calendar.deadline.label": "Hoặc: số ngày làm việc kể từ ngày giao",
  "calendar.deadline.hint":
    "Ví dụ 5 cho “trong 05 ngày làm việc kể từ ngày giao”: hạn là ngày làm việc thứ 5 sau ngày giao, không tính thứ Bảy, Chủ nhật và ngày nghỉ lễ, Tết của lịch nghỉ. Hạn được tính thành ngày khi lưu.",
  "calendar.deadline.error.range": "Số ngày làm việc là một số nguyên từ 1 đến {max}.",
  "calendar.deadline.error.both": "Chỉ nhập hạn bằng ngày hoặc bằng số ngày làm việc, không nhập cả hai.",
  "calendar.deadline.error.undated": "Số ngày làm việc chỉ dùng cho nhiệm vụ có thời hạn.",
} as const;
