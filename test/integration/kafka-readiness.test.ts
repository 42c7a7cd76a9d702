import { createServer, type Server, type Socket } from 'node:net';
import { testKafkaBrokers, testKafkaSasl } from '@valley/testing';
import { probeKafka } from '../../infra/local/kafka';

/**
 * The start scripts' readiness probe against the real secured broker: startup
 * gives up early only on a login the broker refused, so the probe must tell
 * that apart from a broker it cannot reach.
 */
describe('the Kafka readiness probe', () => {
  let silent: Server;
  let silentPort: number;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    // A port that accepts connections and never speaks Kafka, like a broker still starting up.
    silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentPort = (silent.address() as { port: number }).port;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  function admin() {
    const sasl = testKafkaSasl('admin');
    if (sasl === undefined) throw new Error('this test needs the secured broker (npm test runs one)');
    return sasl;
  }

  it('answers ready with the admin\'s credentials', async () => {
    expect(await probeKafka(testKafkaBrokers(), admin())).toEqual({ ok: true });
  });

  it('reports a wrong password as a refused login, with the broker\'s reason', async () => {
    const probe = await probeKafka(testKafkaBrokers(), { ...admin(), password: 'not-the-password' });
    expect(probe).toMatchObject({ ok: false, loginRefused: true });
    expect(probe.ok === false && probe.reason).toMatch(/invalid credentials/);
  });

  it('does not take an unreachable or silent broker for a refused login', async () => {
    const closed = await probeKafka(['127.0.0.1:1'], admin());
    expect(closed).toMatchObject({ ok: false, loginRefused: false });
    const silentProbe = await probeKafka([`127.0.0.1:${silentPort}`], admin());
    expect(silentProbe).toMatchObject({ ok: false, loginRefused: false });
  });
});
