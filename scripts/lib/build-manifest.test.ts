import { describe, expect, it } from 'vitest';
import { initialFiles } from './build-manifest.ts';

describe('initialFiles', () => {
  it('follows static imports from entries and skips dynamic ones', () => {
    const files = initialFiles({
      'index.html': { file: 'assets/index.js', isEntry: true, imports: ['_vendor.js'] },
      '_vendor.js': { file: 'assets/vendor.js', imports: ['index.html'] },
      'src/lazy.tsx': { file: 'assets/lazy.js', imports: ['_vendor.js'] },
      'style.css': { file: 'assets/style.css' },
    });
    expect(files.sort()).toEqual(['assets/index.js', 'assets/vendor.js']);
  });
});
