// saxen ships no types; the part the upload guard uses (shared/adapters/spreadsheet-zip.ts).
declare module 'saxen' {
  export class Parser {
    constructor(options?: { proxy?: boolean });
    on(event: 'openTag', cb: (name: string, attributes: () => Record<string, string | undefined>, decodeEntities: (s: string) => string, selfClosing: boolean) => void): this;
    on(event: 'error' | 'warn', cb: (error: Error) => void): this;
    write(xml: string): this;
    end(): Error | undefined;
    parse(xml: string): Error | undefined;
    stop(): void;
  }
}
