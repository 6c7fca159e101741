import { describe, expect, it } from 'vitest';
import { initialFiles, reachableFiles } from './build-manifest.ts';

const manifest = {
  'index.html': {
    file: 'assets/index.js',
    isEntry: true,
    imports: ['_vendor.js'],
    dynamicImports: ['src/lazy.tsx'],
  },
  '_vendor.js': { file: 'assets/vendor.js' },
  'src/lazy.tsx': { file: 'assets/lazy.js', imports: ['_vendor.js'] },
  'admin.html': {
    file: 'assets/admin.js',
    isEntry: true,
    imports: ['_vendor.js'],
    dynamicImports: ['_chart.js'],
  },
  '_chart.js': { file: 'assets/chart.js' },
  'style.css': { file: 'assets/style.css' },
};

describe('build manifest', () => {
  it('follows static imports from the kiosk entry and skips dynamic ones and other entries', () => {
    expect(initialFiles(manifest).sort()).toEqual(['assets/index.js', 'assets/vendor.js']);
  });

  it('reaches lazy chunks of the kiosk, never the console’s', () => {
    expect(reachableFiles(manifest).sort()).toEqual([
      'assets/index.js',
      'assets/lazy.js',
      'assets/vendor.js',
    ]);
    expect(reachableFiles(manifest, 'admin.html').sort()).toEqual([
      'assets/admin.js',
      'assets/chart.js',
      'assets/vendor.js',
    ]);
  });
});
