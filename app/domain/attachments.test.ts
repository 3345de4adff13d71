import { describe, expect, it } from "vitest";
import {
  ACCEPT_ATTRIBUTE,
  asciiFileName,
  ATTACHMENT_LIMITS,
  classifyAttachment,
  cleanFileName,
  contentDisposition,
  fileExtension,
  formatFileSize,
  mediaTypeLabel,
} from "./attachments";

describe("classifyAttachment: the content decides, the extension must agree", () => {
  it.each([
    ["Báo cáo.pdf", "pdf", null, "application/pdf"],
    ["ke-hoach.DOCX", "docx", null, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ["so-lieu.xlsx", "xlsx", null, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    ["trinh-chieu.pptx", "pptx", null, "application/vnd.openxmlformats-officedocument.presentationml.presentation"],
    ["cu.doc", "cfb", "doc", "application/msword"],
    ["cu.xls", "cfb", "xls", "application/vnd.ms-excel"],
    ["cu.ppt", "cfb", "ppt", "application/vnd.ms-powerpoint"],
    ["anh.png", "png", null, "image/png"],
    ["dong.png", "apng", null, "image/png"],
    ["anh.jpg", "jpg", null, "image/jpeg"],
    ["anh.jpeg", "jpg", null, "image/jpeg"],
    ["anh.webp", "webp", null, "image/webp"],
  ] as const)("accepts %s (%s)", (name, sniffed, legacy, mediaType) => {
    expect(classifyAttachment(name, sniffed, legacy)).toEqual({ ok: true, kind: expect.any(String), mediaType });
  });

  it.each([
    ["chuong-trinh.exe", "exe", null, "type_not_allowed"],
    ["khong-duoi", "pdf", null, "type_not_allowed"],
    [".pdf", "pdf", null, "type_not_allowed"],
    ["trang.html", undefined, null, "type_not_allowed"],
    ["chuong-trinh.pdf", "exe", null, "content_not_allowed"],
    ["trang.pdf", undefined, null, "content_not_allowed"],
    ["nen.docx", "zip", null, "content_not_allowed"],
    ["macro.docx", "docm", null, "content_not_allowed"],
    ["cai-dat.doc", "cfb", null, "content_not_allowed"],
    ["anh.pdf", "png", null, "content_mismatch"],
    ["bang.doc", "cfb", "xls", "content_mismatch"],
    ["van-ban.docx", "cfb", "doc", "content_mismatch"],
    ["van-ban.doc", "docx", null, "content_mismatch"],
    ["khoa.docx", "cfb", "encrypted", "encrypted"],
  ] as const)("refuses %s sniffed as %s: %s", (name, sniffed, legacy, refusal) => {
    expect(classifyAttachment(name, sniffed, legacy)).toEqual({ ok: false, refusal });
  });
});

describe("file names", () => {
  it("takes the extension after the last dot, lower-cased", () => {
    expect(fileExtension("Báo cáo.Quý 3.PDF")).toBe("pdf");
    expect(fileExtension("README")).toBe("");
    expect(fileExtension(".bashrc")).toBe("");
    expect(fileExtension("dot.")).toBe("");
  });

  it("keeps Vietnamese, composes it (NFC), drops paths, controls and bidi overrides", () => {
    const decomposed = "Báo cáo tiến độ.pdf".normalize("NFD");
    expect(cleanFileName(decomposed)).toBe("Báo cáo tiến độ.pdf");
    expect(cleanFileName("C:\\Users\\a\\Kế hoạch.docx")).toBe("Kế hoạch.docx");
    expect(cleanFileName("../../etc/passwd.pdf")).toBe("passwd.pdf");
    expect(cleanFileName("a\u0000b\nc\u202Efdp.exe")).toBe("abcfdp.exe");
    expect(cleanFileName("  nhiều    khoảng   trắng .pdf ")).toBe("nhiều khoảng trắng .pdf");
  });

  it("shortens a long name but keeps its extension", () => {
    const long = `${"Đề án ".repeat(60)}.xlsx`;
    const cleaned = cleanFileName(long);
    expect([...cleaned].length).toBe(ATTACHMENT_LIMITS.maxFileNameLength);
    expect(cleaned.endsWith(".xlsx")).toBe(true);
  });

  it("has an ASCII stand-in without marks, with đ as d", () => {
    expect(asciiFileName("Đề án chuyển đổi số.pdf")).toBe("De an chuyen doi so.pdf");
    expect(asciiFileName("报告.pdf")).toBe("_.pdf");
    expect(asciiFileName(".pdf")).toBe("attachment.pdf");
  });

  it("sends the real name as RFC 5987 UTF-8 and a quoted ASCII fallback", () => {
    const header = contentDisposition('Báo cáo "quý" 3 (bản 2).pdf');
    expect(header).toBe(
      "attachment; filename=\"Bao cao _quy_ 3 (ban 2).pdf\"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20%22qu%C3%BD%22%203%20%28b%E1%BA%A3n%202%29.pdf",
    );
    const encoded = header.split("filename*=UTF-8''")[1]!;
    expect(decodeURIComponent(encoded)).toBe('Báo cáo "quý" 3 (bản 2).pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(contentDisposition("a;b=c.pdf")).toContain("filename*=UTF-8''a%3Bb%3Dc.pdf");
  });
});

describe("display", () => {
  it("formats sizes in binary units with the locale's separator", () => {
    expect(formatFileSize(850, "vi-VN")).toBe("850 B");
    expect(formatFileSize(12_700, "vi-VN")).toBe("12,4 KB");
    expect(formatFileSize(3_250_586, "en-GB")).toBe("3.1 MB");
  });

  it("labels media types by their extension", () => {
    expect(mediaTypeLabel("application/pdf")).toBe("PDF");
    expect(mediaTypeLabel("image/jpeg")).toBe("JPG");
    expect(mediaTypeLabel("application/msword")).toBe("DOC");
    expect(mediaTypeLabel("text/plain")).toBe("text/plain");
  });

  it("lists every accepted extension and media type for the file picker", () => {
    for (const item of [".pdf", ".docx", ".xls", ".jpeg", ".webp", "application/pdf", "image/png"]) {
      expect(ACCEPT_ATTRIBUTE.split(",")).toContain(item);
    }
  });
});
