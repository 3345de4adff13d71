// Vietnamese strings of the performance work (docs/decisions/014), merged into vi.ts.
export const performanceVi = {
  "dashboard.directivesNewest": "{count} văn bản mới nhất trong phạm vi này.",
  "dashboard.directivesAll": "Xem tất cả văn bản chỉ đạo",
};
