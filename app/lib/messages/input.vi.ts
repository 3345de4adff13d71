// Vietnamese strings for requests that are not a form the app can read (merged into vi.ts):
// app/lib/form-data.server.ts and the body limits of app/server/start.ts; and why a typed
// day was refused, whatever the form (app/lib/day-refusal.ts).
export const inputVi = {
  "input.error.notAForm": "Yêu cầu không phải là biểu mẫu hợp lệ. Vui lòng gửi lại từ trang của hệ thống.",
  "input.error.unreadable": "Không đọc được dữ liệu biểu mẫu đã gửi. Vui lòng tải lại trang và gửi lại.",
  "input.error.tooLarge": "Dữ liệu gửi lên quá lớn (tối đa {max} MB).",
  "input.error.tooManyFields": "Biểu mẫu có quá nhiều trường hoặc quá nhiều dòng.",
  "input.error.checkbox": "Giá trị của ô đánh dấu không hợp lệ. Vui lòng tải lại trang và gửi lại.",
  "input.error.lengthRequired": "Yêu cầu phải cho biết độ dài dữ liệu gửi lên (Content-Length).",
  "input.error.dayOfField": "{field}: {message}",
  "input.error.noSuchDay": "Ngày “{value}” không tồn tại (tháng {month}/{year} chỉ có {days} ngày).",
  "input.error.noSuchMonth": "Ngày “{value}” không tồn tại (tháng chỉ từ 01 đến 12).",
  "input.error.dayOutOfRange": "Ngày “{value}” nằm ngoài khoảng ngày hệ thống nhận: từ 01/01/1990 đến 31/12/2100.",
} as const;
export type InputMessageKey = keyof typeof inputVi;
