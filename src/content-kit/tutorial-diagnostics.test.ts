import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Diagnostic, formatDiagnostic, sortDiagnostics } from './diagnostics.ts';
import { compileTutorialFile } from './tutorial.ts';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'tutorials');

/** Compiles one fixture (`fixtures/tutorials/<name>.yaml`); returns its errors and whether a document came out. */
async function compile(name: string) {
  const file = `fixtures/tutorials/${name}.yaml`;
  const diagnostics: Diagnostic[] = [];
  const result = compileTutorialFile(
    await readFile(join(DIR, `${name}.yaml`), 'utf8'),
    file,
    name,
    diagnostics,
  );
  return { doc: result.doc, errors: sortDiagnostics(diagnostics).map(formatDiagnostic) };
}

const at = (name: string, line: number) => `fixtures/tutorials/${name}.yaml:${line}: error`;

describe('tutorial fixtures', () => {
  it('the valid base compiles to a document with its screens resolved', async () => {
    const { doc, errors } = await compile('valid');
    expect(errors).toEqual([]);
    expect(doc?.steps).toHaveLength(5);
    // `dialed` extends `dialer`: the keypad first, then its own call button.
    expect(doc?.screens.dialed?.elements.map((e) => e.id)).toEqual(['pad', 'call']);
  });

  // One broken fixture per error class; each differs from valid.yaml in one place.
  const cases: Array<[string, string[]]> = [
    [
      'yaml-syntax',
      [
        `${at('yaml-syntax', 33)} YAML_SYNTAX: Flow sequence in block collection must be sufficiently indented and end with a ]`,
      ],
    ],
    [
      'tutorial-invalid',
      [
        `${at('tutorial-invalid', 23)} TUTORIAL_INVALID: screens.dialed.elements[0]: missing required field label (a button shows words)`,
        `${at('tutorial-invalid', 25)} TUTORIAL_INVALID: screens.dialed.elements[0].colour: unknown field`,
        `${at('tutorial-invalid', 58)} TUTORIAL_INVALID: steps[3].action: must be one of tap, longpress, swipe-left, swipe-right, swipe-up, swipe-down, type`,
      ],
    ],
    [
      'id-file-mismatch',
      [
        `${at('id-file-mismatch', 2)} ID_FILE_MISMATCH: id: "call-practice" does not match the file name id-file-mismatch.yaml`,
      ],
    ],
    [
      'missing-translation',
      [`${at('missing-translation', 59)} MISSING_TRANSLATION: steps[3].narration: no vi text`],
    ],
    [
      'unknown-element',
      [
        `${at('unknown-element', 57)} UNKNOWN_ELEMENT: steps[3].target: no element "hang-up" on screen calling`,
      ],
    ],
    ['unknown-screen', [`${at('unknown-screen', 60)} UNKNOWN_SCREEN: steps[3].next: no screen "end"`]],
    [
      'unreachable-screen',
      [`${at('unreachable-screen', 33)} UNREACHABLE_SCREEN: screens.settings: no step leads to this screen`],
    ],
    [
      'step-count',
      [`${at('step-count', 39)} STEP_COUNT: steps: a tutorial has 5 to 15 steps; this one has 4`],
    ],
    [
      'step-screen-mismatch',
      [
        `${at('step-screen-mismatch', 56)} STEP_SCREEN_MISMATCH: steps[3].screen: the step before leads to ended, so this step must be on ended`,
      ],
    ],
    [
      'box-outside-phone',
      [
        `${at('box-outside-phone', 32)} BOX_OUTSIDE_PHONE: screens.calling.elements[0].box: [300, 560, 100, 100] reaches past the phone's 360x720 screen`,
      ],
    ],
    [
      'target-too-small',
      [
        `${at('target-too-small', 19)} TARGET_TOO_SMALL: screens.dialer.elements[0].keys: each key gets a cell of 106x50; a key needs at least 70x70 (make the box bigger)`,
        `${at('target-too-small', 26)} TARGET_TOO_SMALL: screens.dialed.elements[0].box: call is a step target of 100x48; a target needs at least 64x64`,
      ],
    ],
    [
      'duplicate-id',
      [
        `${at('duplicate-id', 13)} DUPLICATE_ID: screens.home.elements[1].id: element id status is already used by elements[0] of this screen`,
      ],
    ],
    [
      'action-mismatch',
      [
        `${at('action-mismatch', 48)} ACTION_MISMATCH: steps[1].text: "#" is not on keypad pad (keys: 123456789 0)`,
        `${at('action-mismatch', 54)} ACTION_MISMATCH: steps[2].text: only a type step has text`,
      ],
    ],
  ];

  for (const [name, expected] of cases) {
    it(`${name}: reports exactly its mistake at its line, and no document`, async () => {
      const { doc, errors } = await compile(name);
      expect(errors).toEqual(expected);
      expect(doc).toBeUndefined();
    });
  }
});

describe('tutorials in a content library', () => {
  it('reports a broken tutorial with its file and leaves it out of the pack', async () => {
    const { createTestLibrary, removeTestLibrary } = await import('./test-library.ts');
    const { compileContent } = await import('./compile.ts');
    const lib = await createTestLibrary();
    try {
      await lib.edit('tutorials/call-family.yaml', '    target: hangup\n', '    target: hang-up\n');
      const compiled = await compileContent('content', { rootDir: lib.root });
      expect(compiled.diagnostics.map(formatDiagnostic)).toEqual([
        'content/tutorials/call-family.yaml:93: error UNKNOWN_ELEMENT: steps[3].target: no element "hang-up" on screen calling',
      ]);
      expect(compiled.tutorials).toEqual([]);
      expect(compiled.files.has('tutorials/call-family.json')).toBe(false);
      const catalog = JSON.parse(new TextDecoder().decode(compiled.files.get('tutorials.json')?.bytes));
      expect(catalog).toEqual({ tutorials: [] });
    } finally {
      await removeTestLibrary(lib);
    }
  });
});
