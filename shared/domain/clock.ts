/** The business "now". Services take a clock so every deadline can be tested at any instant. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

export const fixedClock =
  (instant: Date | string): Clock =>
  () =>
    new Date(instant);
