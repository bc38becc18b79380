// Exercises bluebird's promises and prints what a program sees, so a migrated copy of its release
// build can be compared with the original. Usage: node bluebird-smoke.cjs <dir of bluebird's js/release>
'use strict';
const path = require('node:path');
const Promise = require(path.join(process.argv[2], 'bluebird.js'));
Promise.config({ warnings: false, longStackTraces: true, cancellation: true });

const out = [];
const record = (label) => (value) => out.push(`${label}: ${JSON.stringify(value)}`);
const recordError = (label) => (error) => out.push(`${label}: rejected ${error.name}: ${error.message}`);

async function main() {
  await Promise.resolve(1).then((x) => x + 1).tap(() => out.push('tap')).then(record('then'));
  await Promise.map([1, 2, 3, 4], (x) => Promise.delay(4 - x).return(x * 2), { concurrency: 2 }).then(record('map'));
  await Promise.reduce([1, 2, 3], (sum, x) => sum + x, 10).then(record('reduce'));
  await Promise.filter([1, 2, 3, 4, 5], (x) => x % 2).then(record('filter'));
  await Promise.props({ a: Promise.resolve(1), b: 2 }).then(record('props'));
  await Promise.all([Promise.resolve('x'), 'y']).spread((a, b) => a + b).then(record('spread'));
  await Promise.any([Promise.reject(new Error('no')), Promise.delay(1, 'late')]).then(record('any'));
  // Two already settled and one far later: timer order under load cannot change the answer.
  await Promise.some([Promise.delay(200, 'c'), Promise.resolve('a'), Promise.resolve('b')], 2).then(record('some'));
  await Promise.reject(new TypeError('boom')).catch(TypeError, (error) => `caught ${error.message}`).then(record('catch typed'));
  await Promise.resolve().then(() => { throw new RangeError('range'); }).catch(recordError('catch'));
  await Promise.delay(500).timeout(5, 'too slow').catch(Promise.TimeoutError, recordError('timeout'));
  await Promise.try(() => JSON.parse('{"k":1}')).then(record('try'));
  await Promise.fromCallback((callback) => callback(null, 'cb')).then(record('fromCallback'));
  await Promise.promisify((a, b, callback) => callback(null, a * b))(6, 7).then(record('promisify'));
  await Promise.each(['a', 'b'], (x, i) => out.push(`each ${x}${i}`));
  await Promise.mapSeries([3, 1, 2], (x) => Promise.delay(x).return(x)).then(record('mapSeries'));
  await Promise.using(Promise.resolve('res').disposer(() => out.push('disposed')), (r) => r.toUpperCase()).then(record('using'));
  const cancelled = new Promise((resolve) => setTimeout(resolve, 20)).then(() => out.push('not cancelled'));
  cancelled.cancel();
  record('cancelled')(cancelled.isCancelled());
  await Promise.delay(30);
  await Promise.allSettled([Promise.resolve(1), Promise.reject(new Error('x'))]).then((results) => results.map((r) => r.isFulfilled())).then(record('allSettled'));
  const inspection = Promise.resolve(5).reflect();
  await inspection.then((i) => record('reflect')([i.isFulfilled(), i.value()]));
  record('state')([Promise.resolve(1).isFulfilled(), Promise.pending !== undefined]);
}

main().then(() => process.stdout.write(`${out.join('\n')}\n`), (error) => {
  process.stdout.write(`${out.join('\n')}\nmain failed: ${error && error.stack}\n`);
});
