#!/usr/bin/env node
// A fake `docker-credential-<name>` speaking the real credential-helper protocol, for tests.
// Its behaviour follows the name it is installed under (see credential-helper-fixture.ts):
//   docker-credential-fixture*  answers get/list from the JSON file in $FIXTURE_HELPER_STORE
//                               ({ "<serverURL>": { "Username": "...", "Secret": "..." } })
//   docker-credential-hang      never answers
//   docker-credential-fail      exits 1 with an error message
//   docker-credential-junk      prints something that is not JSON
// Every call's argv is appended to $FIXTURE_HELPER_ARGV_LOG, so tests can check no secret was in it.
import { appendFileSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';

const mode = basename(process.argv[1] ?? '').replace(/^docker-credential-/, '');
const action = process.argv[2];
if (process.env.FIXTURE_HELPER_ARGV_LOG) appendFileSync(process.env.FIXTURE_HELPER_ARGV_LOG, `${JSON.stringify(process.argv.slice(1))}\n`);

if (mode === 'hang') setInterval(() => {}, 1000);
else if (mode === 'fail') {
  process.stdout.write('the keychain is locked\n');
  process.exit(1);
} else if (mode === 'junk') {
  process.stdout.write('<html>definitely not json</html>\n');
} else {
  const chunks = [];
  process.stdin.on('data', (c) => chunks.push(c));
  process.stdin.on('end', () => {
    const store = JSON.parse(readFileSync(process.env.FIXTURE_HELPER_STORE ?? '', 'utf8'));
    const input = Buffer.concat(chunks).toString('utf8').trim();
    if (action === 'list') {
      process.stdout.write(JSON.stringify(Object.fromEntries(Object.entries(store).map(([url, v]) => [url, v.Username]))));
    } else if (action === 'get') {
      const found = store[input];
      if (!found) {
        process.stdout.write('credentials not found in native keychain\n');
        process.exit(1);
      }
      process.stdout.write(JSON.stringify({ ServerURL: input, Username: found.Username, Secret: found.Secret }));
    } else {
      process.stdout.write(`unsupported action ${action}\n`);
      process.exit(1);
    }
  });
}
