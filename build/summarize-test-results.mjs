// One closing report over every suite's TRX file: each failed test with its message and the top of its
// stack, then "N passed, N failed". It prints last because CI keeps only the tail of a long log.
// Usage: node build/summarize-test-results.mjs <results-directory>
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const MESSAGE_LINES = 20;
const STACK_LINES = 12;

const directory = process.argv[2];
const trxFiles = readdirSync(directory).filter((name) => name.endsWith(".trx"));

const decode = (text) =>
  text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9A-Fa-f]+);/g, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec) => String.fromCodePoint(Number(dec)))
    .replace(/&amp;/g, "&");

const firstLines = (text, count) => {
  const lines = decode(text ?? "").replace(/^\s*\n|\s+$/g, "").split("\n");
  const shown = lines.slice(0, count).map((line) => `      ${line.trimEnd()}`);
  if (lines.length > count) shown.push(`      … ${lines.length - count} more lines in the TRX file`);
  return shown.join("\n");
};

let passed = 0;
let failed = 0;
const failures = [];

for (const file of trxFiles) {
  const trx = readFileSync(join(directory, file), "utf8");
  const counters = trx.match(/<Counters [^>]*>/)?.[0] ?? "";
  passed += Number(counters.match(/ passed="(\d+)"/)?.[1] ?? 0);
  failed += Number(counters.match(/ failed="(\d+)"/)?.[1] ?? 0);

  for (const result of trx.matchAll(/<UnitTestResult\b([^>]*?)(?:\/>|>([\s\S]*?)<\/UnitTestResult>)/g)) {
    const [, attributes, body = ""] = result;
    if (!/ outcome="Failed"/.test(attributes)) continue;
    failures.push({
      suite: file,
      name: decode(attributes.match(/ testName="([^"]*)"/)?.[1] ?? "(unnamed)"),
      duration: attributes.match(/ duration="([^"]*)"/)?.[1] ?? "?",
      message: body.match(/<Message>([\s\S]*?)<\/Message>/)?.[1],
      stack: body.match(/<StackTrace>([\s\S]*?)<\/StackTrace>/)?.[1],
    });
  }
}

for (const failure of failures) {
  console.log(`FAILED ${failure.name} (${failure.duration}, ${failure.suite})`);
  if (failure.message) console.log(`    message:\n${firstLines(failure.message, MESSAGE_LINES)}`);
  if (failure.stack) console.log(`    stack:\n${firstLines(failure.stack, STACK_LINES)}`);
}
console.log(`${passed} passed, ${failed} failed`);
