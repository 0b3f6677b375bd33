// The peer of `bench season`: the same Zhashui enrollment flow (enrollment.bpmn) run by bpmn-engine, its state saved
// per instance the way the engine documents it (getState() → JSON, recover() + resume() to continue), durably
// (written and fsynced before the instance counts as waiting or done). Same population mix, same order of work as
// our bench: each resident registers, then the payment arrives (1% of notices delivered twice, ignored by
// transaction id, the ids kept in an fsynced journal).
//   node season.mjs --people N [--dir state-folder] [--workers 8]
import { Engine } from 'bpmn-engine';
import { EventEmitter } from 'node:events';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, value, i, all) => (i % 2 === 0 ? [...pairs, [value.replace(/^--/, ''), all[i + 1]]] : pairs), []));
const people = Number.parseInt(args.people ?? '1000', 10);
const workers = Number.parseInt(args.workers ?? '8', 10);
if (!(people > 0) || !(workers > 0)) {
  console.error('usage: node season.mjs --people N [--dir folder] [--workers W]');
  process.exit(2);
}

const dir = args.dir ?? await fs.mkdtemp(path.join(os.tmpdir(), 'ri-peer-'));
await fs.mkdir(dir, { recursive: true });
const source = await fs.readFile(new URL('./enrollment.bpmn', import.meta.url), 'utf8');

// Document 003's identity mix among 141,257 people (the same table as SyntheticResidents.cs).
const mix = [['tekun', 1814], ['orphan', 36], ['dibao', 8001], ['poverty_lifted', 32609], ['monitored', 539], ['dibao_edge', 411]];
const total = 141257;
function resident(n) {
  let at = (n * 2654435761) % total; // the same spread over any prefix as SyntheticResidents.cs (exact below 2^53)
  let identity = null;
  for (const [code, count] of mix) {
    if (at < count) { identity = code; break; }
    at -= count;
  }
  return { idNumber: `6110261980${String(n).padStart(8, '0')}`, identity };
}

async function writeDurably(file, text) {
  const handle = await fs.open(file, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

const seen = new Set();
const journal = await fs.open(path.join(dir, 'transactions.log'), 'a');
let duplicates = 0;
let entitlements = 0;
let ledgerFen = 0;
const latencies = [];
let peakRss = process.memoryUsage().rss;

function run(engine, start, untilEnd = false) {
  return new Promise((resolve, reject) => {
    const listener = new EventEmitter();
    if (!untilEnd) listener.on('activity.wait', () => resolve('waiting'));
    listener.on('activity.end', (api) => {
      if (api.id === 'payment') api.environment.output.payment = api.content.output;
    });
    engine.once('end', () => resolve('done'));
    engine.once('error', reject);
    start(listener).catch(reject);
  });
}

async function enroll(n) {
  const person = resident(n);
  const file = path.join(dir, `${person.idNumber}.json`);
  // Registration: policy, then the wait for the payment; the waiting state saved.
  const engine = new Engine({ name: 'zhashui-enrollment', source });
  await run(engine, (listener) => engine.execute({ listener, variables: { person } }));
  await writeDurably(file, JSON.stringify(await engine.getState()));

  // The payment notice (or the proxy payment): recover the saved state, resume, signal.
  const notices = n % 100 === 7 ? 2 : 1;
  for (let i = 0; i < notices; i++) {
    const transactionId = `TX-${person.idNumber}`;
    if (seen.has(transactionId)) { duplicates++; continue; }
    const watch = performance.now();
    const saved = JSON.parse(await fs.readFile(file, 'utf8'));
    const resumed = new Engine({ name: 'zhashui-enrollment' }).recover(saved);
    const policy = saved.definitions[0].execution.processes[0].environment.output.policy;
    let execution;
    const ended = run(resumed, async (listener) => { execution = await resumed.resume({ listener }); execution.signal({ id: 'Payment', amountFen: policy.amountDueFen, transactionId }); }, true);
    await ended;
    const state = await resumed.getState();
    await writeDurably(file, JSON.stringify(state));
    seen.add(transactionId);
    await journal.appendFile(transactionId + '\n');
    const entitlement = state.definitions[0].execution.processes[0].environment.output.entitlement;
    if (entitlement) { entitlements++; ledgerFen += entitlement.amountFen; }
    latencies.push(performance.now() - watch);
  }

  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}

const started = performance.now();
let next = 0;
let done = 0;
await Promise.all(Array.from({ length: workers }, async () => {
  while (next < people) {
    const n = next++;
    await enroll(n);
    done++;
    if (done % Math.max(1, Math.floor(people / 50)) === 0) {
      process.stderr.write(`\r${done}/${people}  ${(done / ((performance.now() - started) / 1000)).toFixed(0)}/s `);
      await journal.sync();
    }
  }
}));
await journal.sync();
await journal.close();
const seconds = (performance.now() - started) / 1000;
process.stderr.write('\n');

let expected = 0;
for (let n = 0; n < people; n++) {
  const identity = resident(n).identity;
  expected += identity === 'tekun' || identity === 'orphan' ? 0 : identity === 'dibao' || identity === 'monitored' ? 19000 : 38000;
}
let bytes = 0;
for (const name of await fs.readdir(dir)) bytes += (await fs.stat(path.join(dir, name))).size;
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)] ?? 0;
const correct = entitlements === people && ledgerFen === expected && duplicates === Math.floor((people + 92) / 100);
const report = {
  engine: 'bpmn-engine 25.0.1', people, workers, seconds: Number(seconds.toFixed(2)), perSecond: Math.round(people / seconds),
  latencyMs: { p50: Number(pct(0.5).toFixed(2)), p95: Number(pct(0.95).toFixed(2)), p99: Number(pct(0.99).toFixed(2)) },
  peakRssMiB: Math.round(peakRss / 1048576), stateBytes: bytes, entitlements, duplicatesIgnored: duplicates, ledgerFen, expectedLedgerFen: expected, correct,
};
console.log(JSON.stringify(report));
process.exit(correct ? 0 : 1);
