import { it } from 'vitest';
import { fuzz, summarize } from './fuzz.js';
it('scratch', async () => {
  const t = Date.now();
  const r = await fuzz({ seed: Number(process.env.S ?? 20_260_601), runs: Number(process.env.R ?? 300), seal: (process.env.SEAL ?? 'always') as 'always', opaque: process.env.O === '1', shrinkSeconds: Number(process.env.SH ?? 400), without: (process.env.W ?? '').split(',').filter(Boolean) as never });
  console.log((Date.now() - t) / 1000, JSON.stringify(summarize(r.verdicts)));
  for (const c of r.counterexamples) console.log(`=== [${c.tag}] from ${c.index}\n${c.text}\n`);
}, 3600000);
