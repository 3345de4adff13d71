// Vietnamese strings of attachments (tài liệu kèm theo) on reports, completion
// reports and extension requests, and of their download (merged into vi.ts).
export const attachmentsVi = {
  "attachments.field.report": "Tài liệu kèm theo (nếu có)",
  "attachments.field.completion": "Tài liệu chứng minh kết quả (nếu có)",
  "attachments.field.extension": "Tài liệu giải trình kèm theo (nếu có)",
  "attachments.field.hint": "Nhận tệp {types}; tối đa {count} tệp, mỗi tệp không quá {size} MB.",
  "attachments.list.label": "Tệp đính kèm",
  "attachments.list.details": "{size}, {type}",

  "attachments.error.too_large": "Tệp “{name}” lớn hơn {size} MB.",
  "attachments.error.empty": "Tệp “{name}” không có nội dung.",
  "attachments.error.type_not_allowed": "Tệp “{name}” không thuộc loại được nhận (chỉ nhận {types}).",
  "attachments.error.content_not_allowed":
    "Nội dung tệp “{name}” không phải PDF, tài liệu Office hay ảnh PNG/JPEG/WebP nên không được nhận.",
  "attachments.error.content_mismatch":
    "Nội dung tệp “{name}” không khớp với phần mở rộng trong tên tệp nên không được nhận.",
  "attachments.error.encrypted":
    "Tệp “{name}” đang đặt mật khẩu nên không kiểm tra được nội dung; hãy gửi bản không đặt mật khẩu.",
  "attachments.error.too_many": "Mỗi lần gửi tối đa {count} tệp.",
  "attachments.error.nothingSaved": "Chưa lưu gì. Hãy chọn lại tệp rồi gửi lại.",
  "attachments.error.requestTooLarge":
    "Dữ liệu gửi lên quá lớn (tối đa {count} tệp, mỗi tệp không quá {size} MB). Chưa lưu gì; hãy quay lại và chọn tệp nhỏ hơn.",
  "attachments.error.unreadable":
    "Không đọc được dữ liệu gửi lên. Nếu tên tệp có dấu “;” hoặc “=”, hãy đổi tên tệp rồi gửi lại. Chưa lưu gì.",
  "attachments.error.damaged":
    "Tệp đính kèm trên máy chủ bị thiếu hoặc đã bị thay đổi nên không thể tải về. Hãy báo cho quản trị hệ thống.",
} as const;
