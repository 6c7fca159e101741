// The few web platform APIs protocol code uses. Node 20 and every kiosk browser have them;
// declaring them here keeps this project free of the whole DOM and Node libraries.
declare class TextEncoder {
  encode(input: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input: Uint8Array): string;
}
declare function atob(data: string): string;
declare function btoa(data: string): string;
declare class URL {
  constructor(input: string, base?: string);
  readonly protocol: string;
  readonly host: string;
  readonly hostname: string;
  readonly username: string;
  readonly password: string;
  readonly pathname: string;
}
