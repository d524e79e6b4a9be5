// Preload (`NODE_OPTIONS=--require <this file>`, where `--cpu-prof` is not allowed): records a V8
// CPU profile of the whole process and writes it to $CPU_PROFILE_DIR/<pid>.cpuprofile on exit.
// Used by `BENCH_CPU_PROF=<dir> npm run bench -- intake-registration`; open the file in Chrome
// DevTools (Performance) or summarise it with any cpuprofile reader.
const inspector = require('node:inspector');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const dir = process.env.CPU_PROFILE_DIR;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 200 });
  session.post('Profiler.start');
  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    // Same-thread sessions answer synchronously, so this completes inside an exit handler.
    session.post('Profiler.stop', (error, result) => {
      if (error || !result) return;
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  };
  process.on('exit', write);
  // A service without its own SIGTERM handler dies of the signal (no 'exit' event): write first,
  // then end as the signal would have.
  process.on('SIGTERM', () => {
    write();
    if (process.listenerCount('SIGTERM') === 1) process.exit(143);
  });
}
