import os from 'node:os';

/** The facts a reader needs to compare their numbers with ours. */
export function describeMachine() {
  const cpus = os.cpus();
  return {
    cpu: `${cpus[0]?.model.trim() ?? 'unknown CPU'} (${cpus.length} cores)`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    v8: process.versions.v8,
    // The bench machine may be shared: load at the start says how quiet it was.
    load: os.loadavg().map((value) => value.toFixed(2)).join(', '),
  };
}

export function machineMarkdown(machine = describeMachine()) {
  return [
    `- CPU: ${machine.cpu}`,
    `- Memory: ${machine.memory}`,
    `- OS: ${machine.os}`,
    `- Node ${machine.node} (V8 ${machine.v8})`,
    `- Load average at start (1, 5, 15 min): ${machine.load}`,
  ].join('\n');
}
