// Vietnamese strings of the shell: header, navigation, sign-in and error pages —
// the `core` namespace, which every page loads (root.tsx).
export const coreVi = {
  "app.name": "Theo dõi nhiệm vụ chỉ đạo",
  "app.shortName": "Nhiệm vụ chỉ đạo",
  "app.tagline": "Ban Chỉ đạo — theo dõi thực hiện kết luận, chỉ đạo",
  "app.skipToContent": "Bỏ qua, tới nội dung chính",
  "app.demoBanner.title": "Dữ liệu minh họa",
  "app.demoBanner.body": "Bản chạy thử với dữ liệu mẫu và mật khẩu công khai — không dùng cho công việc thật.",

  "nav.label": "Điều hướng chính",
  "nav.dashboard": "Tổng quan",
  "nav.directives": "Văn bản chỉ đạo",
  "nav.tasks": "Nhiệm vụ",
  "nav.departments": "Đơn vị",
  "nav.menu": "Menu",

  "language.label": "Ngôn ngữ",
  "language.switchTo": "English",
  "language.switchToLabel": "(chuyển giao diện sang tiếng Anh)",

  "search.title": "Tìm kiếm",
  "search.label": "Tìm văn bản, nhiệm vụ, báo cáo",
  "search.siteLandmark": "Tìm kiếm nhanh",
  "search.pageLandmark": "Tìm kiếm trên trang kết quả",
  "search.placeholder": "Ví dụ: dao tao, so hoa",
  "search.submit": "Tìm",
  "search.hint": "Không cần gõ dấu: “dao tao” tìm được “Đào tạo”.",
  "search.results": "{count} kết quả cho “{query}”",
  "search.none": "Không tìm thấy kết quả nào cho “{query}”.",
  "search.tooLong": "Từ khóa quá dài (tối đa {max} ký tự).",
  "search.kind.directive": "Văn bản",
  "search.kind.task": "Nhiệm vụ",
  "search.kind.report": "Báo cáo tiến độ",

  "error.notFound.title": "Không tìm thấy trang",
  "error.notFound.body": "Trang hoặc dữ liệu bạn tìm không tồn tại, hoặc bạn không có quyền xem.",
  "error.badRequest.title": "Yêu cầu không hợp lệ",
  "error.generic.title": "Đã có lỗi xảy ra",
  "error.generic.body":
    "Hệ thống gặp sự cố khi xử lý yêu cầu. Vui lòng thử lại; nếu vẫn lỗi, hãy báo bộ phận kỹ thuật.",
  "error.home": "Về trang Tổng quan",

  "error.forbidden.title": "Không có quyền",
  "error.forbidden.body": "Tài khoản của bạn không có quyền thực hiện thao tác này.",
  "error.crossOrigin": "Yêu cầu bị từ chối vì không xuất phát từ trang của hệ thống.",

  "auth.login.title": "Đăng nhập",
  "auth.login.intro": "Đăng nhập bằng tài khoản được cấp để theo dõi nhiệm vụ.",
  "auth.login.login": "Tên đăng nhập",
  "auth.login.password": "Mật khẩu",
  "auth.login.submit": "Đăng nhập",
  "auth.login.invalid": "Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đã bị khóa.",
  "auth.login.locked.pair":
    "Đăng nhập vào tài khoản này từ địa chỉ của bạn đang tạm khóa vì mật khẩu bị nhập sai nhiều lần. Hãy thử lại sau {minutes} phút, hoặc đăng nhập trên trình duyệt bạn đã từng dùng cho tài khoản này.",
  "auth.login.locked.address":
    "Địa chỉ của bạn đang tạm khóa đăng nhập vì mật khẩu bị nhập sai quá nhiều lần. Hãy thử lại sau {minutes} phút, hoặc đăng nhập trên trình duyệt bạn đã từng dùng cho tài khoản này.",
  "auth.login.locked.account":
    "Tài khoản này đang tạm khóa đăng nhập từ nơi lạ vì có nhiều lần nhập sai mật khẩu. Trên trình duyệt hoặc từ địa chỉ bạn đã từng dùng, bạn vẫn đăng nhập được; nếu không, hãy thử lại sau {minutes} phút hoặc liên hệ quản trị viên.",
  "auth.login.required": "Vui lòng nhập {field}.",
  "auth.login.tooLong": "{field} quá dài.",
  "auth.logout": "Đăng xuất",
  "auth.signedInAs": "Đang đăng nhập: {name}",
  "auth.sessionEnded": "Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại.",

  "role.admin": "Quản trị hệ thống",
  "role.secretariat": "Thư ký / Tổ giúp việc",
  "role.leadership": "Lãnh đạo",
  "role.dept_lead": "Lãnh đạo đơn vị",
  "role.dept_officer": "Cán bộ đầu mối",

  "nav.admin": "Quản trị",
  "nav.users": "Người dùng",
  "nav.adminDepartments": "Quản lý đơn vị",
  "nav.audit": "Nhật ký hệ thống",

  // The shell's links to the areas (app-shell.tsx): every page shows them.
  "nav.apiTokens": "Mã truy cập API",
  "nav.holidays": "Ngày nghỉ lễ, Tết",
  "nav.committees": "Ban Chỉ đạo",
  "nav.scorecard": "Xếp hạng đơn vị",
  "nav.groups": "Nhóm đơn vị",
  "nav.myDepartment": "Đơn vị tôi",
  "nav.reports": "Báo cáo đã chốt",
  "nav.notifications": "Thông báo",
  "notifications.linkLabel": "Thông báo: {count} chưa đọc",
} as const;

export type CoreMessageKey = keyof typeof coreVi;
