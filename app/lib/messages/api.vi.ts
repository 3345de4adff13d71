// Vietnamese strings of the JSON API (its error messages) and of the API token
// administration screens (merged into vi.ts).
export const apiVi = {
  // ---------------------------------------------------------------- administration
  "apiTokens.title": "Mã truy cập API",
  "apiTokens.intro":
    "Mã truy cập cho các hệ thống khác đọc dữ liệu qua API JSON (chỉ đọc). Mỗi mã mang quyền của một tài khoản: hệ thống dùng mã thấy đúng những gì tài khoản đó được xem.",
  "apiTokens.new": "Cấp mã truy cập",
  "apiTokens.issue": "Cấp mã",
  "apiTokens.empty": "Chưa cấp mã truy cập nào.",
  "apiTokens.field.name": "Tên gọi",
  "apiTokens.hint.name": "Hệ thống nào dùng mã này, ví dụ: Cổng dữ liệu Thành phố.",
  "apiTokens.field.user": "Tài khoản đại diện",
  "apiTokens.hint.user":
    "Hệ thống dùng mã xem được đúng những gì tài khoản này được xem. Nên tạo riêng một tài khoản cho mỗi hệ thống kết nối.",
  "apiTokens.field.expiresOn": "Hiệu lực đến hết ngày",
  "apiTokens.hint.expiresOn":
    "dd/mm/yyyy. Để trống nếu không giới hạn thời hạn (mã vẫn có thể bị thu hồi bất cứ lúc nào).",
  "apiTokens.userOption": "{login} — {name} ({role})",
  "apiTokens.col.name": "Tên gọi",
  "apiTokens.col.user": "Tài khoản đại diện",
  "apiTokens.col.prefix": "Phần đầu của mã",
  "apiTokens.col.created": "Ngày cấp",
  "apiTokens.col.expires": "Hết hạn",
  "apiTokens.col.lastUsed": "Dùng gần nhất",
  "apiTokens.col.state": "Trạng thái",
  "apiTokens.col.revoked": "Thu hồi",
  "apiTokens.state.active": "Đang hiệu lực",
  "apiTokens.state.revoked": "Đã thu hồi",
  "apiTokens.state.expired": "Đã hết hạn",
  "apiTokens.state.user_disabled": "Tài khoản đã khóa",
  "apiTokens.neverUsed": "Chưa dùng",
  "apiTokens.noExpiry": "Không thời hạn",
  "apiTokens.validThrough": "Đến hết ngày {date}",
  "apiTokens.by": "bởi {name}",
  "apiTokens.notRevoked": "Chưa thu hồi",
  "apiTokens.section.details": "Thông tin mã",
  "apiTokens.section.revoke": "Thu hồi mã",
  "apiTokens.revoke": "Thu hồi mã",
  "apiTokens.revokeExplained":
    "Mã bị thu hồi không dùng được nữa, ngay từ yêu cầu tiếp theo. Không thể khôi phục: nếu cần, hãy cấp mã mới.",
  "apiTokens.confirmRevoke": "Tôi hiểu: hệ thống đang dùng mã này sẽ không truy cập được nữa.",
  "apiTokens.revokedExplained": "Mã này đã bị thu hồi và không dùng được nữa.",
  "apiTokens.done.revoked": "Đã thu hồi mã truy cập.",
  "apiTokens.secret.title": "Đã cấp mã truy cập “{name}”",
  "apiTokens.secret.label": "Mã truy cập",
  "apiTokens.secret.once":
    "Hãy sao chép mã này ngay và lưu vào cấu hình của hệ thống kết nối. Mã chỉ hiển thị một lần: hệ thống chỉ lưu giá trị băm của mã, không ai xem lại được.",
  "apiTokens.secret.usage": "Gửi mã trong tiêu đề của mỗi yêu cầu: Authorization: Bearer <mã truy cập>",
  "apiTokens.secret.copy": "Sao chép mã",
  "apiTokens.secret.copied": "Đã sao chép mã vào bộ nhớ tạm.",
  "apiTokens.secret.copyFailed": "Không sao chép tự động được: hãy chọn mã trong ô và sao chép.",
  "apiTokens.secret.done": "Tôi đã lưu mã — về danh sách",
  "apiTokens.error.nameRequired": "Vui lòng nhập tên gọi.",
  "apiTokens.error.userRequired": "Vui lòng chọn tài khoản đại diện.",
  "apiTokens.error.expiresOn":
    "Ngày “{value}” không hợp lệ. Hãy nhập một ngày từ 01/01/1990 đến 31/12/2100 theo dạng dd/mm/yyyy, ví dụ 31/12/2026.",
  "apiTokens.error.invalid": "Thông tin không hợp lệ.",
  "apiTokens.error.not_found": "Không tìm thấy mã truy cập này.",
  "apiTokens.error.user_unknown": "Không tìm thấy tài khoản này.",
  "apiTokens.error.user_disabled": "Tài khoản này đã bị khóa: hãy chọn một tài khoản đang hoạt động.",
  "apiTokens.error.expiry_past": "Ngày hết hạn phải từ hôm nay trở đi.",

  // ---------------------------------------------------------------- JSON API errors
  "api.error.missing_token": "Thiếu mã truy cập. Hãy gửi tiêu đề Authorization: Bearer <mã truy cập>.",
  "api.error.invalid_token": "Mã truy cập không hợp lệ.",
  "api.error.token_revoked": "Mã truy cập đã bị thu hồi.",
  "api.error.token_expired": "Mã truy cập đã hết hạn.",
  "api.error.account_disabled": "Tài khoản gắn với mã truy cập đã bị khóa.",
  "api.error.forbidden": "Tài khoản gắn với mã truy cập không có quyền đọc dữ liệu này.",
  "api.error.not_found": "Không tìm thấy dữ liệu, hoặc tài khoản gắn với mã truy cập không có quyền xem.",
  "api.error.not_assigned_yet": "Nhiệm vụ chưa được giao vào ngày {date}.",
  "api.error.unknown_endpoint":
    "Không có địa chỉ API “{path}”. Các địa chỉ hợp lệ có trong tài liệu (README, mục JSON API).",
  "api.error.unknown_parameter": "Tham số “{name}” không được hỗ trợ ở địa chỉ này. Các tham số hợp lệ: {allowed}.",
  "api.error.repeated_parameter": "Tham số “{name}” chỉ được có một giá trị.",
  "api.error.invalid_id": "Tham số “{name}” phải là một mã số (số nguyên dương), nhận được “{value}”.",
  "api.error.invalid_date":
    "Tham số “{name}” phải là một ngày từ 1990-01-01 đến 2100-12-31, dạng YYYY-MM-DD, ví dụ 2019-12-31; nhận được “{value}”.",
  "api.error.invalid_choice": "Tham số “{name}” không nhận giá trị “{value}”. Giá trị hợp lệ: {allowed}.",
  "api.error.invalid_number": "Tham số “{name}” phải là số nguyên từ {min} đến {max}, nhận được “{value}”.",
  "api.error.invalid_lang": "Tham số “lang” chỉ nhận “vi” hoặc “en”, nhận được “{value}”.",
  "api.error.unknown_department": "Không tìm thấy đơn vị có mã số {id} (tham số “{name}”).",
  "api.error.unknown_committee": "Không tìm thấy Ban Chỉ đạo có mã số {id}.",
  "api.error.unknown_directive":
    "Không tìm thấy văn bản chỉ đạo có mã số {id}, hoặc tài khoản gắn với mã truy cập không có quyền xem.",
  "api.error.bad_request": "Yêu cầu không hợp lệ.",
  "api.error.rate_limited":
    "Quá nhiều yêu cầu: mỗi mã truy cập được tối đa {limit} yêu cầu mỗi phút. Hãy thử lại sau {seconds} giây.",
  "api.error.method_not_allowed": "API chỉ cho phép đọc: dùng phương thức GET.",
  "api.error.internal":
    "Máy chủ gặp lỗi khi xử lý yêu cầu. Hãy thử lại sau; nếu vẫn lỗi, hãy báo cho quản trị hệ thống.",
} as const;
export type ApiMessageKey = keyof typeof apiVi;
