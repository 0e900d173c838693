/** What the file fields and lists of reports, plans, meetings and the Office's preparation are called (issue #22), vi first. */
export const RF = {
  vi: {
    reportFiles: 'Tệp báo cáo (bản có chữ ký, phụ lục…)',
    planFiles: 'Tệp kế hoạch (bản có chữ ký, phụ lục…)',
    revisionFiles: 'Tệp của lần nộp này',
    minutesFiles: 'Biên bản (bản chụp, văn bản)',
    conclusionsFiles: 'Thông báo kết luận (bản có chữ ký)',
    documentsFiles: 'Tài liệu họp (tệp)',
    minutesFilesHint: 'Tệp đã lưu được giữ nguyên; tệp chọn thêm được bổ sung vào biên bản.',
    documentsFilesHint: 'Tệp đã lưu được giữ nguyên; tệp chọn thêm được bổ sung vào tài liệu họp.',
  },
  en: {
    reportFiles: 'Report files (signed copy, annexes…)',
    planFiles: 'Plan files (signed copy, annexes…)',
    revisionFiles: 'Files of this submission',
    minutesFiles: 'Minutes (scan or document)',
    conclusionsFiles: 'Written conclusions (signed notice)',
    documentsFiles: 'Meeting documents (files)',
    minutesFilesHint: 'Files already kept stay; files chosen here are added to the minutes.',
    documentsFilesHint: 'Files already kept stay; files chosen here are added to the meeting documents.',
  },
} as const;
