// Vietnamese strings of the leadership reports: reporting periods, the trend chart,
// directive progress sentences, a department's quarters, the scorecard export and the
// dashboard's print view (merged into vi.ts).
export const leadershipVi = {
  "period.label": "Giao trong kỳ",
  "period.all": "Mọi kỳ",
  "period.year": "Năm {year}",
  "period.quarter": "Quý {roman}/{year}",
  "period.month": "Tháng {month}/{year}",
  "period.filter": "Giao trong kỳ: {period}",
  "period.invalid":
    "Kỳ «{value}» không hợp lệ: ghi năm (ví dụ 2019), quý (2019-Q4) hoặc tháng (2019-12); năm từ 1900 đến 2199.",

  "level.label": "Cấp nhiệm vụ",
  "level.all": "Tất cả",
  "level.top": "Nhiệm vụ chính",
  "level.sub": "Nhiệm vụ con",
  "level.filter": "Cấp nhiệm vụ: {level}",

  "dashboard.filter.ownDepartmentOnly":
    "Bạn chỉ xem được số liệu của đơn vị mình: hãy chọn đơn vị của bạn hoặc «Tất cả» ở bộ lọc «Đơn vị chủ trì».",

  "trend.heading": "Nhiệm vụ đến hạn và hoàn thành theo tháng",
  "trend.intro":
    "Mỗi tháng: số nhiệm vụ có thời hạn (thời hạn có hiệu lực ngày {date}) rơi vào tháng đó, kể cả nhiệm vụ tạm dừng hoặc đã rút; trong số đó, số đã hoàn thành đúng hạn, hoàn thành quá hạn, và số chưa hoàn thành mà đã quá hạn.",
  "trend.series.due": "Đến hạn trong tháng",
  "trend.series.doneOnTime": "Hoàn thành đúng hạn",
  "trend.series.doneLate": "Hoàn thành quá hạn",
  "trend.series.overdue": "Chưa hoàn thành, đã quá hạn",
  "trend.col.month": "Tháng",
  "trend.axis": "Số nhiệm vụ",
  "trend.table": "Bảng số liệu của biểu đồ",
  "trend.summary":
    "Từ tháng {from} đến tháng {to}: {due} nhiệm vụ đến hạn, {onTime} hoàn thành đúng hạn, {late} hoàn thành quá hạn, {overdue} chưa hoàn thành mà đã quá hạn. Số liệu từng tháng ở bảng ngay dưới biểu đồ.",
  "trend.total": "Cộng",
  "trend.cellLabel": "Tháng {month}: {count} — {series}",

  "directiveProgress.heading": "Tiến độ thực hiện",
  "directiveProgress.topLevel": "{count} nhiệm vụ",
  "directiveProgress.topLevelOne": "{count} nhiệm vụ",
  "directiveProgress.sub": "{count} nhiệm vụ con",
  "directiveProgress.subOne": "{count} nhiệm vụ con",
  "directiveProgress.besides": "Ngoài ra,",
  "directiveProgress.none": "Chưa có nhiệm vụ.",
  "directiveProgress.numberWords":
    "một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|mười một|mười hai|mười ba|mười bốn|mười lăm|mười sáu|mười bảy|mười tám|mười chín|hai mươi",
  "directiveProgress.allLabel": "{count} — xem danh sách các nhiệm vụ này",
  "directiveProgress.statusLabel": "{count} {status} — xem danh sách",

  "departmentPage.quartersHeading": "Kết quả theo quý",
  "departmentPage.intro":
    "Mỗi dòng là kết quả của đơn vị với vai trò chủ trì, tính đến ngày cuối quý (quý hiện tại: đến hôm nay), chỉ gồm các nhiệm vụ bạn được xem. Số liệu của quý đã qua không đổi khi có cập nhật sau đó. Mỗi con số dẫn tới đúng danh sách nhiệm vụ đằng sau nó.",
  "departmentPage.caption": "Kết quả của {name} theo quý; mỗi con số dẫn tới danh sách nhiệm vụ",
  "departmentPage.col.quarter": "Quý",
  "departmentPage.col.asOf": "Tính đến ngày",
  "departmentPage.col.ranking": "Xếp hạng",
  "departmentPage.toDate": "{date} (hôm nay)",
  "departmentPage.rankingLink": "Xem",
  "departmentPage.rankingLabel": "Xem xếp hạng các đơn vị tính đến ngày {date}",
  "departmentPage.cellLabel": "{quarter}: {count} — {column}",
  "departmentPage.empty": "Đơn vị chưa chủ trì nhiệm vụ nào mà bạn được xem.",
  "departmentPage.parent": "Trực thuộc",
  "departmentPage.successor": "Đã hợp nhất vào",
  "departmentPage.kind": "Loại đơn vị",
  "departmentPage.code": "Mã",
  "departmentPage.tasksLink": "Danh sách nhiệm vụ đơn vị chủ trì",
  "departmentPage.open": "Kết quả theo quý của {name}",

  "scorecardReport.sheet": "Xếp hạng",
  "scorecardReport.title": "BẢNG XẾP HẠNG KẾT QUẢ THỰC HIỆN NHIỆM VỤ CỦA CÁC ĐƠN VỊ",
  "scorecardReport.sort": "Sắp xếp theo: {column}, {direction}",
  "scorecardReport.asc": "tăng dần",
  "scorecardReport.desc": "giảm dần",
  "scorecardReport.generated": "Người lập: {name}; lập lúc {at}; {count} đơn vị",
  "scorecardReport.col.code": "Mã đơn vị",
  "scorecardReport.col.rateCsv": "Tỷ lệ đúng hạn (%)",
  "scorecardReport.download.hint": "Tải bảng xếp hạng với phạm vi và thứ tự đang xem",

  "print.button": "In",
  "print.buttonLabel": "In trang tổng quan (khổ A4)",
  "print.title": "BÁO CÁO TỔNG QUAN TÌNH HÌNH THỰC HIỆN NHIỆM VỤ",
  "print.generated": "Người in: {name}",
} as const;
