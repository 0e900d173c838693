// date-chinese ships types in ./types, but its `exports` map has no `types` condition, so
// NodeNext resolution cannot find them: this declares the part the calendar uses.
declare module 'date-chinese' {
  export class CalendarVietnamese {
    constructor(cycle?: number, year?: number, month?: number, leap?: number | boolean, day?: number);
    newYear(gyear: number): number;
    fromJDE(jde: number): this;
    fromGregorian(year: number, month: number, day: number): this;
    toGregorian(gyear?: number): { year: number; month: number; day: number };
    get(): [cycle: number, year: number, month: number, leap: boolean, day: number];
  }
}
