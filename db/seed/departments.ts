// Hanoi's city-level departments in 2019, the other bodies the city often assigns
// tasks to, and a few districts (docs/domain-rules.md §2). Demo data: the organisation as it was
// when the seed case happened; the 2025 mergers are not applied here.
import type { DepartmentKind } from "../../app/domain/vocabulary";

export interface DepartmentSeed {
  /** Short stable code, unique. */
  code: string;
  /** Official Vietnamese name. */
  name: string;
  /** The abbreviation used in tables and documents. */
  shortName: string;
  kind: DepartmentKind;
}

export const HANOI_DEPARTMENTS = [
  // Sở, ban, ngành Thành phố
  { code: "VPUB", name: "Văn phòng UBND Thành phố", shortName: "VP UBND TP", kind: "department" },
  { code: "SNV", name: "Sở Nội vụ", shortName: "Sở Nội vụ", kind: "department" },
  { code: "STP", name: "Sở Tư pháp", shortName: "Sở Tư pháp", kind: "department" },
  { code: "SKHDT", name: "Sở Kế hoạch và Đầu tư", shortName: "Sở KH&ĐT", kind: "department" },
  { code: "STC", name: "Sở Tài chính", shortName: "Sở Tài chính", kind: "department" },
  { code: "SCT", name: "Sở Công Thương", shortName: "Sở Công Thương", kind: "department" },
  { code: "SNNPTNT", name: "Sở Nông nghiệp và Phát triển nông thôn", shortName: "Sở NN&PTNT", kind: "department" },
  { code: "SGTVT", name: "Sở Giao thông vận tải", shortName: "Sở GTVT", kind: "department" },
  { code: "SXD", name: "Sở Xây dựng", shortName: "Sở Xây dựng", kind: "department" },
  { code: "SQHKT", name: "Sở Quy hoạch - Kiến trúc", shortName: "Sở QH-KT", kind: "department" },
  { code: "STNMT", name: "Sở Tài nguyên và Môi trường", shortName: "Sở TN&MT", kind: "department" },
  { code: "STTTT", name: "Sở Thông tin và Truyền thông", shortName: "Sở TT&TT", kind: "department" },
  { code: "SLDTBXH", name: "Sở Lao động - Thương binh và Xã hội", shortName: "Sở LĐTB&XH", kind: "department" },
  { code: "SVHTT", name: "Sở Văn hóa và Thể thao", shortName: "Sở VH&TT", kind: "department" },
  { code: "SDL", name: "Sở Du lịch", shortName: "Sở Du lịch", kind: "department" },
  { code: "SKHCN", name: "Sở Khoa học và Công nghệ", shortName: "Sở KH&CN", kind: "department" },
  { code: "SGDDT", name: "Sở Giáo dục và Đào tạo", shortName: "Sở GD&ĐT", kind: "department" },
  { code: "SYT", name: "Sở Y tế", shortName: "Sở Y tế", kind: "department" },
  { code: "SNGV", name: "Sở Ngoại vụ", shortName: "Sở Ngoại vụ", kind: "department" },
  { code: "TTTP", name: "Thanh tra Thành phố", shortName: "Thanh tra TP", kind: "department" },
  { code: "BDT", name: "Ban Dân tộc", shortName: "Ban Dân tộc", kind: "department" },
  { code: "CATP", name: "Công an Thành phố", shortName: "Công an TP", kind: "department" },
  // Cơ quan Trung ương đóng trên địa bàn, thường được giao phối hợp
  { code: "CTHN", name: "Cục Thuế Hà Nội", shortName: "Cục Thuế HN", kind: "other" },
  { code: "KBNN", name: "Kho bạc Nhà nước Hà Nội", shortName: "KBNN Hà Nội", kind: "other" },
  { code: "BHXH", name: "Bảo hiểm xã hội Hà Nội", shortName: "BHXH Hà Nội", kind: "other" },
  // Quận, huyện, thị xã
  { code: "QBD", name: "Quận Ba Đình", shortName: "Q. Ba Đình", kind: "district" },
  { code: "QHK", name: "Quận Hoàn Kiếm", shortName: "Q. Hoàn Kiếm", kind: "district" },
  { code: "QDD", name: "Quận Đống Đa", shortName: "Q. Đống Đa", kind: "district" },
  { code: "QCG", name: "Quận Cầu Giấy", shortName: "Q. Cầu Giấy", kind: "district" },
  { code: "QHD", name: "Quận Hà Đông", shortName: "Q. Hà Đông", kind: "district" },
  { code: "TXST", name: "Thị xã Sơn Tây", shortName: "TX Sơn Tây", kind: "district" },
] as const satisfies readonly DepartmentSeed[];

export type DepartmentCode = (typeof HANOI_DEPARTMENTS)[number]["code"];
