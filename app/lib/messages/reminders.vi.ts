// Vietnamese strings of reminders (đôn đốc), escalation, notifications and their
// e-mails (merged into vi.ts). Notification texts are rendered from a kind and
// a few stored facts (app/lib/notification-text.ts), so they follow the reader's language.
export const remindersVi = {
  "reminder.heading": "Đôn đốc",
  "reminder.empty": "Chưa có đôn đốc nào.",
  "reminder.manual": "Đôn đốc lần {ordinal}",
  "reminder.auto.due_soon": "Nhắc hạn tự động lần {ordinal}: sắp đến hạn",
  "reminder.auto.overdue": "Nhắc hạn tự động lần {ordinal}: đã quá hạn",
  "reminder.to": "Gửi {department}",
  "reminder.sentBy": "{at} · {name}",
  "reminder.sentBySystem": "{at} · hệ thống tự động",
  "reminder.open": "Chưa phản hồi",
  "reminder.resolved": "Đã phản hồi {at}",
  "reminder.escalating":
    "Lần đôn đốc thứ 3 trở lên của Văn phòng: nếu nhiệm vụ quá hạn mà chưa phản hồi thì chuyển lãnh đạo.",
  "reminder.escalated":
    "Đã chuyển lãnh đạo: nhiệm vụ quá hạn và đơn vị chưa phản hồi đôn đốc lần thứ 3 trở lên của Văn phòng.",
  "reminder.form.summary": "Gửi đôn đốc",
  "reminder.form.department": "Đơn vị nhận đôn đốc",
  "reminder.form.lead": "{name} (chủ trì)",
  "reminder.form.coordinator": "{name} (phối hợp)",
  "reminder.form.message": "Nội dung đôn đốc (không bắt buộc)",
  "reminder.field.message": "Nội dung đôn đốc",
  "reminder.form.submit": "Gửi đôn đốc",
  "reminder.form.hint":
    "Người dùng của đơn vị nhận được thông báo. Đôn đốc được đánh số lần 1, 2, 3… theo từng đơn vị; nhiệm vụ quá hạn có lần đôn đốc thứ 3 chưa được phản hồi sẽ chuyển lãnh đạo.",
  "reminder.error.department": "Chọn đơn vị nhận đôn đốc.",
  "reminder.error.notAssigned": "Đơn vị này không chủ trì cũng không phối hợp thực hiện nhiệm vụ.",
  "reminder.error.notIssued": "Văn bản chưa ban hành: đơn vị chưa nhận được nhiệm vụ này.",
  "reminder.error.invalidState": "Không thể đôn đốc nhiệm vụ đang ở trạng thái “{state}”.",
  "progress.done.reminded": "Đã gửi đôn đốc.",
  "progress.done.remindedEscalated": "Đã gửi đôn đốc. Nhiệm vụ quá hạn đã được chuyển lãnh đạo.",

  "myDepartment.reminderAuto": "{label} — {at}",

  "notifications.title": "Thông báo",
  "notifications.summary": "{unread} chưa đọc trong {total} thông báo.",
  "notifications.empty": "Chưa có thông báo nào.",
  "notifications.unread": "Chưa đọc",
  "notifications.markRead": "Đánh dấu đã đọc",
  "notifications.markAllRead": "Đánh dấu tất cả đã đọc",
  "notifications.marked": "Đã đánh dấu đã đọc.",
  "notifications.markedAll": "Đã đánh dấu tất cả là đã đọc.",
  "notifications.by": "Người gửi: {name}",
  "notifications.bySystem": "Hệ thống tự động",
  "notifications.task": "Nhiệm vụ: {task}",
  "notifications.page": "Trang {page}/{pages}",
  "notifications.previous": "Trang trước",
  "notifications.next": "Trang sau",
  "notifications.pagination": "Phân trang thông báo",
  "notifications.error.invalid": "Yêu cầu không hợp lệ: hãy tải lại trang rồi thử lại.",

  "notification.reminder.manual": "Đôn đốc lần {ordinal} gửi {department}",
  "notification.reminder.auto.due_soon": "Nhắc hạn tự động (lần {ordinal}): nhiệm vụ sắp đến hạn {date}",
  "notification.reminder.auto.overdue": "Nhắc hạn tự động (lần {ordinal}): nhiệm vụ đã quá hạn (hạn {date})",
  "notification.escalation": "Chuyển lãnh đạo: nhiệm vụ quá hạn, {department} chưa phản hồi đôn đốc lần {ordinal}",
  "notification.extensionRequested": "{department} đề nghị gia hạn đến ngày {date}",
  "notification.extensionDecided.approved": "Đề nghị gia hạn được đồng ý: hạn mới {date}",
  "notification.extensionDecided.countered": "Đề nghị gia hạn: gia hạn đến ngày {date} (khác đề nghị)",
  "notification.extensionDecided.rejected": "Đề nghị gia hạn không được đồng ý",
  "notification.completionReported": "{department} báo cáo hoàn thành ngày {date}, chờ xác nhận",
  "notification.completionConfirmed": "Nhiệm vụ đã được xác nhận hoàn thành",
  "notification.completionReturned": "Báo cáo hoàn thành bị trả lại, yêu cầu thực hiện lại",
  "notification.completionReturnedPercent":
    "Báo cáo hoàn thành bị trả lại, yêu cầu thực hiện lại; tiến độ của nhiệm vụ trở lại {percent}%",
  "notification.instruction": "Ý kiến chỉ đạo mới",
  "notification.comment": "Ý kiến trao đổi mới",
  "notification.taskAssigned": "{department} được giao chủ trì nhiệm vụ mới",
  "notification.taskAssigned.coordinator": "{department} được giao phối hợp thực hiện nhiệm vụ mới",
  "notification.signInLocked.pair":
    "Đăng nhập vào tài khoản {login} từ địa chỉ {address} bị tạm khóa đến {until} sau {count} lần nhập sai mật khẩu",
  "notification.signInLocked.address":
    "Địa chỉ {address} bị tạm khóa đăng nhập đến {until} sau {count} lần nhập sai mật khẩu (vào nhiều tài khoản)",
  "notification.signInLocked.account":
    "Tài khoản {login} bị tạm khóa đăng nhập từ nơi lạ đến {until} sau {count} lần nhập sai mật khẩu trong 24 giờ",
  "notification.detail.signInLocked":
    "Trên trình duyệt đã từng đăng nhập tài khoản này (hoặc, khi cả tài khoản bị khóa, từ địa chỉ đã từng đăng nhập), mật khẩu đúng vẫn đăng nhập được. Nếu không phải bạn nhập sai, hãy báo quản trị viên.",
  "notification.detail.reason": "Lý do: {text}",
  "notification.detail.message": "Nội dung: {text}",

  "email.subject": "[Theo dõi nhiệm vụ chỉ đạo] {headline}",
  "email.greeting": "Kính gửi {name},",
  "email.task": "Nhiệm vụ: {task}",
  "email.taskConfidential": "Nhiệm vụ thuộc văn bản mật: xem nội dung trên hệ thống.",
  "email.actor": "Người gửi: {name}",
  "email.openTask": "Xem nhiệm vụ: {url}",
  "email.openNotifications": "Tất cả thông báo: {url}",
  "email.footer": "Thư gửi tự động từ hệ thống Theo dõi nhiệm vụ chỉ đạo; vui lòng không trả lời thư này.",

  "dashboard.escalatedHeading": "Nhiệm vụ bị đôn đốc nhiều lần / chuyển lãnh đạo",
  "dashboard.escalated": "Chuyển lãnh đạo",
  "dashboard.escalatedHint": "quá hạn, chưa phản hồi đôn đốc lần 3",
  "dashboard.escalatedCaption":
    "Nhiệm vụ quá hạn mà đơn vị chưa phản hồi lần đôn đốc thứ 3 (trở lên) của Văn phòng; nhắc hạn tự động không tính.",
  "dashboard.col.reminder": "Đôn đốc chưa phản hồi",
  "dashboard.reminderOrdinal": "lần {ordinal} ({department})",

  "tasks.filter.escalated": "Bị đôn đốc nhiều lần / chuyển lãnh đạo",
} as const;
