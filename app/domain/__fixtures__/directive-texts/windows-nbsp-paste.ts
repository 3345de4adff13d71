// A conclusion copied from a Word document on Windows and pasted into the browser:
// CRLF line endings, non-breaking spaces inside names and after markers, tabs and
// leading spaces, a sentence broken over two lines (as copied from a PDF), one item in
// decomposed Unicode (NFD, as some PDF viewers produce), and stray blank lines.
// Written with escapes so that no editor or git setting can normalise it away.
const NBSP = "\u00a0";

/** "Sở Kế hoạch và Đầu tư" and the rest of item 2, decomposed (NFD). */
const DECOMPOSED_ITEM =
  "Đề nghị Sở Kế hoạch và Đầu tư tổng hợp nhu cầu vốn đầu tư công năm 2020 của các sở, ngành, trình UBND Thành phố trong tháng 11 năm 2019.".normalize(
    "NFD",
  );

export const WINDOWS_NBSP_PASTE = [
  "\tKẾT LUẬN CỦA PHÓ CHỦ TỊCH UBND THÀNH PHỐ",
  "",
  "   Ý kiến kết luận của Phó Chủ tịch UBND Thành phố như sau:",
  "",
  "",
  `  1)${NBSP}Sở${NBSP}Tư${NBSP}pháp chủ trì, phối hợp với Sở${NBSP}Nội${NBSP}vụ rà soát văn bản quy phạm pháp luật`,
  "\tdo HĐND, UBND Thành phố ban hành về cải cách hành chính; hoàn thành trước ngày 20/12/2019.",
  "",
  `  2)\t${DECOMPOSED_ITEM}`,
  "",
  `  3)${NBSP}${NBSP}Sở Quy hoạch${NBSP}-${NBSP}Kiến trúc, Sở Xây dựng:`,
  `\t-${NBSP}Công bố công khai đồ án quy hoạch phân khu đô thị; hoàn thành trước 15/11.`,
  "\t- Rà soát, cập nhật quy hoạch chung xây dựng huyện; thời hạn: quý 4/2019.",
  "",
].join("\r\n");
