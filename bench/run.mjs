/**
 * npm run bench [-- accuracy | power | patterns | second-order | performance | clients] [-- --write-docs]
 *
 * Runs the benchmarks against the built package and prints their tables. With --write-docs, the printed
 * tables also replace the generated sections of docs/numerics.md and docs/performance.md, so that the
 * docs show exactly what the bench measured.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';

const args = process.argv.slice(2);
const writeDocs = args.includes('--write-docs');
const wanted = args.filter((a) => !a.startsWith('--'));
const runs =
  wanted.length > 0 ? wanted : ['accuracy', 'power', 'patterns', 'second-order', 'performance', 'clients'];

/** Replaces the text between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->` in a doc. */
export function replaceSection(file, name, body) {
  const url = new URL(`../docs/${file}`, import.meta.url);
  if (!existsSync(url)) return;
  const text = readFileSync(url, 'utf8');
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < 0) throw new Error(`docs/${file} has no ${start} … ${end} section`);
  writeFileSync(url, `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`);
}

const machine = `${cpus().length} cores, Node ${process.version}`;
console.log(`gradcheck bench on ${machine}\n`);

if (runs.includes('accuracy')) {
  const { detection, accuracy, formatAccuracy, formatDetection } = await import('./accuracy.mjs');
  const accuracyText = formatAccuracy(accuracy());
  console.log(`${accuracyText}\n`);
  const detectionText = formatDetection(detection());
  console.log(`${detectionText}\n`);
  if (writeDocs) {
    const fence = (t) =>
      `\`\`\`text\n${t}\n\`\`\`\n\nMeasured by \`npm run bench -- accuracy\` on ${machine}.`;
    replaceSection('numerics.md', 'accuracy', fence(accuracyText));
    replaceSection('numerics.md', 'detection', fence(detectionText));
  }
}

if (runs.includes('power')) {
  const { run } = await import('./power.mjs');
  const { text } = run();
  console.log('');
  if (writeDocs) replaceSection('numerics.md', 'power', `\`\`\`text\n${text}\n\`\`\``);
}

if (runs.includes('patterns')) {
  const { run } = await import('./patterns.mjs');
  const { text } = run();
  console.log('');
  if (writeDocs) replaceSection('numerics.md', 'patterns', `\`\`\`text\n${text}\n\`\`\``);
}

if (runs.includes('second-order')) {
  const { run } = await import('./second-order.mjs');
  const { text } = run();
  console.log('');
  if (writeDocs) {
    replaceSection(
      'numerics.md',
      'second-order',
      `\`\`\`text\n${text}\n\`\`\`\n\nMeasured by \`npm run bench -- second-order\` on ${machine}.`,
    );
  }
}

if (runs.includes('performance') && existsSync(new URL('./performance.mjs', import.meta.url))) {
  const performance = await import('./performance.mjs');
  await performance.run({ writeDocs });
}

if (runs.includes('clients')) {
  const { run } = await import('./clients/index.mjs');
  console.log('');
  const { summary } = run();
  if (writeDocs) replaceSection('numerics.md', 'clients', `\`\`\`text\n${summary}\n\`\`\``);
}
