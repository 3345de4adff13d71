// Vietnamese strings for requests that are not a form the app can read (merged into vi.ts):
// app/lib/form-data.server.ts and the body limits of app/server/start.ts.
export const inputVi = {
  "input.error.notAForm": "Yêu cầu không phải là biểu mẫu hợp lệ. Vui lòng gửi lại từ trang của hệ thống.",
  "input.error.unreadable": "Không đọc được dữ liệu biểu mẫu đã gửi. Vui lòng tải lại trang và gửi lại.",
  "input.error.tooLarge": "Dữ liệu gửi lên quá lớn (tối đa {max} MB).",
  "input.error.tooManyFields": "Biểu mẫu có quá nhiều trường hoặc quá nhiều dòng.",
  "input.error.checkbox": "Giá trị của ô đánh dấu không hợp lệ. Vui lòng tải lại trang và gửi lại.",
  "input.error.lengthRequired": "Yêu cầu phải cho biết độ dài dữ liệu gửi lên (Content-Length).",
} as const;
export type InputMessageKey = keyof typeof inputVi;
