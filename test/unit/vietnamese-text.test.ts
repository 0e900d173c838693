import { describe, expect, it } from 'vitest';
import { contentDisposition } from '../../shared/adapters/file-storage.js';
import { withoutDiacritics } from '../../shared/domain/text.js';
import { evaluationCriterionSchema } from '../../shared/rulebook/schema-evaluation.js';
import { articleSchema } from '../../shared/rulebook/schema-scalars.js';
import { placeAndDate } from '../../shared/services/evaluation-year-export.js';
import { slugOfName } from '../../shared/services/organisation-admin/core.js';

// The patterns and replacements below name Vietnamese letters in strings, not in regular-expression
// literals, so that the bundles stay ASCII (test/infra/lambda-bundling.test.ts): these hold what they match.
describe('Vietnamese text in names, file names, citations and places', () => {
  it('drops the marks and writes đ and Đ as d and D', () => {
    expect(withoutDiacritics('Đặng Thị Hằng')).toBe('Dang Thi Hang');
    expect(withoutDiacritics('đường Tô Hiệu, Sơn La')).toBe('duong To Hieu, Son La');
    expect(withoutDiacritics('Report 2026')).toBe('Report 2026');
  });

  it('makes the slug of a person’s name and the ASCII file name of a download from it', () => {
    expect(slugOfName('Nguyễn Văn Hùng')).toBe('nguyen-van-hung');
    expect(slugOfName('  Đỗ Đức Đạt ')).toBe('do-duc-dat');
    expect(contentDisposition('Báo cáo "đợt 1".pdf')).toBe(`attachment; filename="Bao cao _dot 1_.pdf"; filename*=UTF-8''${encodeURIComponent('Báo cáo "đợt 1".pdf')}`);
  });

  it('cites an article of the regulation as Điều n[.n…][, n…], and nothing else', () => {
    for (const ok of ['Điều 15.2', 'Điều 9.2.4', 'Điều 15, 16.1']) expect(articleSchema.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['Dieu 15', 'điều 15', 'Điều x', 'Điều 15.', 'See Điều 15']) {
      const result = articleSchema.safeParse(bad);
      expect(result.success, bad).toBe(false);
      expect(result.error?.issues[0]?.message).toBe("must cite an article, e.g. 'Điều 15.2'");
    }
  });

  it('cites an article of the decree as Nghị định n/yyyy/NĐ-CP, Điều n', () => {
    const decree = evaluationCriterionSchema.shape.decreeArticle;
    for (const ok of ['Nghị định 90/2020/NĐ-CP, Điều 9 khoản 1 điểm b', 'Nghị định 48/2023/NĐ-CP, Điều 3']) expect(decree.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['Nghị định 90/2020/ND-CP, Điều 9', 'Nghi dinh 90/2020/NĐ-CP, Điều 9', 'Nghị định 90/20/NĐ-CP, Điều 9', 'Nghị định 90/2020/NĐ-CP, Dieu 9']) {
      expect(decree.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('writes the place and date of a record without “Tỉnh” or “Thành phố”, whatever their case', () => {
    expect(placeAndDate({ vi: 'Tỉnh Sơn La', en: 'Son La Province' }, '2026-12-04', 'vi')).toBe('Sơn La, ngày 04 tháng 12 năm 2026');
    expect(placeAndDate({ vi: 'thành phố Hà Nội', en: 'Hanoi' }, '2026-12-04', 'en')).toBe('Hà Nội, 4 December 2026');
    expect(placeAndDate({ vi: 'Sơn La', en: 'Son La' }, '2026-01-09', 'vi')).toBe('Sơn La, ngày 09 tháng 01 năm 2026');
  });
});
