/**
 * Benchmark: compile and pack 1,000 generated articles in three languages (lists, a table, a
 * callout and an SVG cover each). Fails when it takes longer than the budget.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileContent } from '../../src/content-kit/compile.ts';
import { formatDiagnostic } from '../../src/content-kit/diagnostics.ts';
import { generatePublisherKey } from '../../src/content-kit/keys.ts';
import { writePack } from '../../src/content-kit/pack.ts';
import { TOPICS } from '../../src/protocol/topics.ts';

const ARTICLES = 1000;
const BUDGET_S = 15;
const LOCALES = ['zh-CN', 'vi', 'en'] as const;

const TEXT: Record<(typeof LOCALES)[number], { title: string; line: string; step: string; tip: string }> = {
  'zh-CN': {
    title: '雨季防蚊第{n}招',
    line: '每周花十分钟，把家里家外的积水倒干净。伊蚊在小水坑里产卵，清掉积水，蚊子就少了。',
    step: '花盆托盘、旧轮胎、破桶里的水，全部倒掉。',
    tip: '发烧去看病时，告诉医生最近去过哪里，不要自己乱吃退烧药。',
  },
  vi: {
    title: 'Cách phòng muỗi số {n}',
    line: 'Mỗi tuần dành mười phút đổ hết nước đọng trong và quanh nhà. Muỗi vằn đẻ trứng trong vũng nước nhỏ.',
    step: 'Đổ hết nước trong đĩa lót chậu, lốp xe cũ, thùng vỡ.',
    tip: 'Khi đi khám vì sốt, hãy nói với bác sĩ gần đây bạn đã đến đâu.',
  },
  en: {
    title: 'Mosquito tip number {n}',
    line: 'Spend ten minutes a week emptying standing water around the house. Aedes mosquitoes breed in small pools.',
    step: 'Empty the water from pot saucers, old tyres and broken buckets.',
    tip: 'When you see a doctor for a fever, say where you have been recently.',
  },
};

function article(id: string, topic: string, n: number, locale: (typeof LOCALES)[number]): string {
  const t = TEXT[locale];
  return `---
id: ${id}
topic: ${topic}
audience: all
tags: [mosquito, bench]
title: ${t.title.replace('{n}', String(n % 100))}
summary: ${t.line.slice(0, 30)}
cover: cover.svg
coverAlt: ${t.step}
reviewed: 2026-11-28
sources:
  - title: Dengue and severe dengue
    publisher: World Health Organization
    year: 2024
    url: https://www.who.int/news-room/fact-sheets/detail/dengue-and-severe-dengue
---

${t.line}

## ${t.title.replace('{n}', String(n))}

1. ${t.step}
2. **${t.step}**
   - ${t.step}
3. ${t.step}

| A | B |
| --- | --- |
| ${t.step} | *${t.step}* |

> [!TIP]
> ${t.tip} [${t.title.replace('{n}', '1')}](article:bench-0)
`;
}

const cover = (n: number) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 360"><rect width="640" height="360" fill="#fff2d1"/><circle cx="${n % 640}" cy="180" r="80" fill="#2f6f9f" stroke="#1f2933" stroke-width="8"/></svg>\n`;

async function generate(root: string): Promise<void> {
  for (let n = 0; n < ARTICLES; n++) {
    const topic = TOPICS[n % TOPICS.length] as string;
    const id = `bench-${n}`;
    const dir = join(root, 'content', 'articles', topic, id);
    await mkdir(dir, { recursive: true });
    await Promise.all([
      ...LOCALES.map((l) => writeFile(join(dir, `${l}.md`), article(id, topic, n, l))),
      writeFile(join(dir, 'cover.svg'), cover(n)),
    ]);
  }
}

/** Compiles and packs 1,000 generated articles; returns the seconds it took. */
export async function benchCompile(): Promise<{ seconds: number; files: number }> {
  const root = await mkdtemp(join(tmpdir(), 'kepu-bench-'));
  try {
    await generate(root);
    const key = await generatePublisherKey();
    const start = performance.now();
    const compiled = await compileContent('content', { rootDir: root });
    const errors = compiled.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) throw new Error(errors.slice(0, 5).map(formatDiagnostic).join('\n'));
    const pack = await writePack(compiled, { outDir: join(root, 'pack'), key, version: 1 });
    return { seconds: (performance.now() - start) / 1000, files: pack.manifest.files.length };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

export const COMPILE_BUDGET_S = BUDGET_S;
export const COMPILE_ARTICLES = ARTICLES;

// Run alone: npm run bench:content
if (process.argv[1]?.endsWith('content-compile.ts')) {
  benchCompile().then(
    ({ seconds, files }) => {
      const verdict = seconds <= BUDGET_S ? 'ok' : 'OVER';
      console.log(
        `content compile: ${ARTICLES} articles in ${seconds.toFixed(2)} s (budget ${BUDGET_S} s) ${verdict}`,
      );
      console.log(`  ${files} files`);
      process.exitCode = verdict === 'ok' ? 0 : 1;
    },
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
