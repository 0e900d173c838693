/**
 * Default national working calendar for state agencies in Việt Nam, 2026 and 2027.
 *
 * Legal basis: Bộ luật Lao động 2019, Điều 112(1): Tết Dương lịch 1 day (1/1), Tết Âm lịch 5 days,
 * Ngày Chiến thắng 1 day (30/4), Quốc tế lao động 1 day (1/5), Quốc khánh 2 days (2/9 and one
 * adjacent day), Giỗ Tổ Hùng Vương 1 day (10/3 lunar). Điều 112(3): the Prime Minister fixes the
 * Tết days and the adjacent National Day each year. Điều 111(3): a holiday that falls on the
 * weekly rest day gives a compensatory day off on the next working day ("nghỉ bù").
 * Swapped days (hoán đổi) are announced yearly for civil servants (công chức, viên chức).
 *
 * Weekend days inside a break are listed only when they are a holiday themselves (e.g. the
 * lunar New Year's day), so `holidayName` can say so. Departments edit this through the
 * rulebook (mergeCalendars): 2027 is a default until the government announces that year.
 */
import type { LocalizedName, NamedDate, WorkingCalendarData } from './calendar.js';

const n = (vi: string, en: string): LocalizedName => ({ vi, en });

const NEW_YEAR = n('Tết Dương lịch', "New Year's Day");
const HUNG_KINGS = n('Giỗ Tổ Hùng Vương (10/3 âm lịch)', "Hùng Kings' Commemoration Day (10th day of the 3rd lunar month)");
const HUNG_KINGS_COMP = n('Nghỉ bù Giỗ Tổ Hùng Vương', "Compensatory day off for the Hùng Kings' Commemoration Day");
const VICTORY = n('Ngày Chiến thắng (30/4)', 'Reunification Day (30 April)');
const LABOUR = n('Ngày Quốc tế lao động (1/5)', 'International Labour Day (1 May)');
const LABOUR_COMP = n('Nghỉ bù Ngày Quốc tế lao động', 'Compensatory day off for International Labour Day');
const NATIONAL_DAY = n('Quốc khánh (2/9)', 'National Day (2 September)');
const NATIONAL_DAY_ADJ = n('Nghỉ lễ Quốc khánh (ngày liền kề)', 'National Day holiday (adjacent day)');
const tet = (vi: string, en: string): LocalizedName =>
  n(`Tết Nguyên Đán (${vi})`, `Lunar New Year (Tết), ${en}`);

const holidays2026: NamedDate[] = [
  // 1/1, Điều 112(1)(a). Thursday.
  { date: '2026-01-01', name: NEW_YEAR },
  // Swap for civil servants: Friday 2/1 off, worked on Saturday 10/1 (VPCP 12729/VPCP-KGVX, 25/12/2025).
  { date: '2026-01-02', name: n('Nghỉ Tết Dương lịch (hoán đổi, làm bù thứ Bảy 10/01/2026)', "New Year holiday (swapped; worked on Saturday 10 Jan 2026)") },
  // Tết Bính Ngọ: lunar New Year's day Tue 17/2/2026. Break Sat 14/2 to Sun 22/2 (Prime Minister's
  // decision of Oct 2025, Bộ Nội vụ's proposal): its weekdays are the 5 Tết days of Điều 112(1)(b).
  { date: '2026-02-16', name: tet('29 tháng Chạp, giao thừa', "Lunar New Year's Eve (29th of the 12th month)") },
  { date: '2026-02-17', name: tet('mùng 1 tháng Giêng', 'day 1') },
  { date: '2026-02-18', name: tet('mùng 2 tháng Giêng', 'day 2') },
  { date: '2026-02-19', name: tet('mùng 3 tháng Giêng', 'day 3') },
  { date: '2026-02-20', name: tet('mùng 4 tháng Giêng', 'day 4') },
  // 10/3 lunar = Sunday 26/4/2026, so the compensatory day is Monday 27/4 (Điều 111(3), nghỉ bù).
  { date: '2026-04-26', name: HUNG_KINGS },
  { date: '2026-04-27', name: HUNG_KINGS_COMP },
  // 30/4 (Thu) and 1/5 (Fri), Điều 112(1)(c, d).
  { date: '2026-04-30', name: VICTORY },
  { date: '2026-05-01', name: LABOUR },
  // Swap for civil servants: Monday 31/8 off, worked on Saturday 22/8 (break Sat 29/8 to Wed 2/9,
  // Prime Minister's decision of Oct 2025).
  { date: '2026-08-31', name: n('Nghỉ lễ Quốc khánh (hoán đổi, làm bù thứ Bảy 22/08/2026)', 'National Day holiday (swapped; worked on Saturday 22 Aug 2026)') },
  // 2/9 (Wed) and the adjacent day before it, Tue 1/9 (Điều 112(1)(đ), same decision).
  { date: '2026-09-01', name: NATIONAL_DAY_ADJ },
  { date: '2026-09-02', name: NATIONAL_DAY },
];

const holidays2027: NamedDate[] = [
  // 1/1, Điều 112(1)(a). Friday.
  { date: '2027-01-01', name: NEW_YEAR },
  // Tết Đinh Mùi: lunar New Year's day Sat 6/2/2027. DEFAULT until announced: break Thu 4/2 to
  // Wed 10/2 (2 weekdays before, 3 after), the pattern used in 2024 when the new year also fell
  // on a Saturday. 4/2 is 28 and 5/2 is 29 (the last day) of the 12th lunar month.
  { date: '2027-02-04', name: tet('28 tháng Chạp', '28th of the 12th month') },
  { date: '2027-02-05', name: tet('29 tháng Chạp, giao thừa', "Lunar New Year's Eve (29th of the 12th month)") },
  { date: '2027-02-06', name: tet('mùng 1 tháng Giêng', 'day 1') },
  { date: '2027-02-07', name: tet('mùng 2 tháng Giêng', 'day 2') },
  { date: '2027-02-08', name: tet('mùng 3 tháng Giêng', 'day 3') },
  { date: '2027-02-09', name: tet('mùng 4 tháng Giêng', 'day 4') },
  { date: '2027-02-10', name: tet('mùng 5 tháng Giêng', 'day 5') },
  // 10/3 lunar = Friday 16/4/2027.
  { date: '2027-04-16', name: HUNG_KINGS },
  // 30/4 is a Friday; 1/5 is a Saturday, so Monday 3/5 is the compensatory day (Điều 111(3)).
  { date: '2027-04-30', name: VICTORY },
  { date: '2027-05-01', name: LABOUR },
  { date: '2027-05-03', name: LABOUR_COMP },
  // 2/9 (Thu) and the adjacent day after it, Fri 3/9 (DEFAULT until the Prime Minister decides).
  { date: '2027-09-02', name: NATIONAL_DAY },
  { date: '2027-09-03', name: NATIONAL_DAY_ADJ },
];

export const vietnamNationalCalendar: WorkingCalendarData = {
  weekendDays: [6, 7],
  holidays: [...holidays2026, ...holidays2027],
  workingWeekendDays: [
    // Swaps announced for civil servants (see the days off above).
    { date: '2026-01-10', replaces: '2026-01-02', name: n('Làm bù cho thứ Sáu 02/01/2026 (Tết Dương lịch)', 'Working day in exchange for Friday 2 Jan 2026 (New Year)') },
    { date: '2026-08-22', replaces: '2026-08-31', name: n('Làm bù cho thứ Hai 31/08/2026 (Quốc khánh)', 'Working day in exchange for Monday 31 Aug 2026 (National Day)') },
  ],
};
