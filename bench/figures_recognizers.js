#!/usr/bin/env node
// The public recogniser (@microsoft/recognizers-text-suite) as a
// `newsfacts figures --batch` look-alike, to compare quality and speed on the
// same data with the same scorer:
//
//   mkdir /tmp/rt && (cd /tmp/rt && npm install @microsoft/recognizers-text-suite)
//   NODE_PATH=/tmp/rt/node_modules python3 ../shared/eval-figures/score.py \
//       --data ../shared/eval-figures/dev -- node bench/figures_recognizers.js
//
// Reads {"id","text","lang"} JSON lines on stdin, writes {"id","figures":[...]}
// with money (currency recogniser), percent and number figures. On stderr it
// prints the time spent recognising and the bytes of text, so the ratio to
// bench/figures_bench.cc (BM_Figures_DevSet) can be computed. node_modules is
// never part of the repository.
'use strict';
const readline = require('readline');
const R = require('@microsoft/recognizers-text-suite');

// The JavaScript suite knows these cultures; other languages use English.
const CULTURES = { en: 'en-us', zh: 'zh-cn', es: 'es-es', pt: 'pt-br', fr: 'fr-fr', ja: 'ja-jp' };

function num(v) {
  if (v === null || v === undefined) return null;
  const x = parseFloat(String(v).replace('%', ''));
  return Number.isFinite(x) ? x : null;
}

function figures(text, lang) {
  const culture = CULTURES[lang] || 'en-us';
  const out = [];
  for (const r of R.recognizeCurrency(text, culture)) {
    out.push({ kind: 'money', text: r.text, start: r.start, end: r.end + 1, value: num(r.resolution.value),
               currency: r.resolution.isoCurrency || null });
  }
  for (const r of R.recognizePercentage(text, culture)) {
    out.push({ kind: 'percent', text: r.text, start: r.start, end: r.end + 1, value: num(r.resolution.value) });
  }
  for (const r of R.recognizeNumber(text, culture)) {
    out.push({ kind: 'number', text: r.text, start: r.start, end: r.end + 1, value: num(r.resolution.value) });
  }
  return out;
}

let bytes = 0;
let ns = 0n;
let cpu_us = 0;  // user + system CPU time spent recognising (a loaded machine inflates wall time)
let lines = 0;
const rl = readline.createInterface({ input: process.stdin, terminal: false });
rl.on('line', (line) => {
  if (!line.trim()) return;
  let input;
  try {
    input = JSON.parse(line);
  } catch (e) {
    process.stdout.write(JSON.stringify({ id: null, figures: [], error: 'malformed input line' }) + '\n');
    return;
  }
  const text = String(input.text || '');
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const found = figures(text, input.lang || '');
  const c = process.cpuUsage(c0);
  cpu_us += c.user + c.system;
  ns += process.hrtime.bigint() - t0;
  bytes += Buffer.byteLength(text, 'utf8');
  lines += 1;
  process.stdout.write(JSON.stringify({ id: input.id, figures: found }) + '\n');
});
rl.on('close', () => {
  const s = Number(ns) / 1e9;
  const cpu = cpu_us / 1e6;
  process.stderr.write(`recognizers-text-suite: ${lines} texts, ${bytes} bytes; recognition ${s.toFixed(2)} s wall ` +
                       `= ${(bytes / 1024 / s).toFixed(1)} KiB/s, ${cpu.toFixed(2)} s CPU = ` +
                       `${(bytes / 1024 / cpu).toFixed(1)} KiB/s\n`);
});
