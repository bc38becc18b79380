/**
 * The targets. A missed target is printed as "TARGET MISSED: ..." the moment it is known and
 * collected, so bench/run.js can exit non-zero (full mode) and docs/benchmarks.md can list it.
 */
export class Targets {
  constructor() {
    this.results = [];
  }

  /**
   * @param {string} name what is promised, e.g. "late-additions: >= 30% fewer bytes/object than original"
   * @param {boolean | null} met null when it could not be measured (the reason goes in `detail`)
   * @param {string} detail the measured figure
   */
  check(name, met, detail) {
    this.results.push({ name, met, detail });
    if (met === false) console.log(`TARGET MISSED: ${name}: ${detail}`);
    else if (met === null) console.log(`TARGET NOT MEASURED: ${name}: ${detail}`);
    else console.log(`target met: ${name}: ${detail}`);
  }

  get missed() {
    return this.results.filter((result) => result.met === false);
  }

  get unmeasured() {
    return this.results.filter((result) => result.met === null);
  }

  markdownRows() {
    const status = { true: 'met', false: '**MISSED**', null: 'not measured' };
    return this.results.map(({ name, met, detail }) => [name, status[String(met)], detail]);
  }
}
