// Starts kinesalite on 127.0.0.1 with a free port and prints the port for the test fixture.
// Its CLI ignores --host, hence this launcher. The process ends when its stdin closes,
// so it never outlives the JVM that started it.
'use strict';
const kinesalite = require('kinesalite');

const server = kinesalite({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 100 });
server.listen(0, '127.0.0.1', () => {
  console.log('KINESALITE_PORT=' + server.address().port);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
