import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The Noto Sans CJK collection's files and the faces used from them (Simplified Chinese forms). */
export interface ReportFonts {
  regular: { file: string; face: string };
  bold: { file: string; face: string };
}

/** Where Debian's fonts-noto-cjk (and other systems) put the collections; KEPU_REPORT_FONT_DIR first. */
const DIRS = [
  '/usr/share/fonts/opentype/noto',
  '/usr/share/fonts/noto-cjk',
  '/usr/share/fonts/google-noto-cjk',
  '/usr/share/fonts/truetype/noto',
  '/usr/local/share/fonts',
];

/** Raised when no CJK font can be found: reports cannot be drawn without one. */
export class ReportFontError extends Error {
  readonly code = 'REPORT_FONT_MISSING';
  constructor(message: string) {
    super(message);
    this.name = 'ReportFontError';
  }
}

/**
 * Finds Noto Sans CJK at run time (it is not shipped in the repository: 40 MB, and every
 * Debian server gets it from `apt-get install fonts-noto-cjk`). Embedded as subsets in each PDF.
 */
export function findReportFonts(env: NodeJS.ProcessEnv = process.env): ReportFonts {
  const dirs = [...(env.KEPU_REPORT_FONT_DIR ? [env.KEPU_REPORT_FONT_DIR] : []), ...DIRS];
  for (const dir of dirs) {
    const regular = join(dir, 'NotoSansCJK-Regular.ttc');
    const bold = join(dir, 'NotoSansCJK-Bold.ttc');
    if (existsSync(regular)) {
      return {
        regular: { file: regular, face: 'NotoSansCJKsc-Regular' },
        bold: existsSync(bold)
          ? { file: bold, face: 'NotoSansCJKsc-Bold' }
          : { file: regular, face: 'NotoSansCJKsc-Regular' },
      };
    }
  }
  throw new ReportFontError(
    `REPORT_FONT_MISSING: Noto Sans CJK (NotoSansCJK-Regular.ttc) is not in ${dirs.join(', ')}; ` +
      'install it with `apt-get install fonts-noto-cjk`, or set KEPU_REPORT_FONT_DIR to its folder',
  );
}
