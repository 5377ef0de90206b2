import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { ResolvedAddress } from './url-policy';

/** Idle connections kept per receiver address; the dispatcher runs at most 32 attempts at once per endpoint. */
const IDLE_CONNECTIONS = 32;
/**
 * An idle connection is closed after this long: below the 5 s keep-alive of common servers (Node's included), so
 * that we close it before the receiver does, rather than send on a connection the receiver is closing.
 */
const IDLE_MS = 4_000;

/**
 * Kept-alive connections to receivers, one pool per (origin, vetted address): a connection is reused only for
 * the address the attempt at hand vetted (DNS rebinding: a host that now resolves elsewhere gets a pool of its
 * own, of connections to the new address, checked again). No limit on connections at once: endpoints that share a
 * receiver must not wait for each other's slow answers (the dispatcher bounds attempts per endpoint). Idle
 * sockets do not keep the process alive; `close` ends them when the dispatcher stops.
 */
export class ConnectionPool {
  private readonly agents = new Map<string, HttpAgent>();

  agentFor(url: URL, address: ResolvedAddress): HttpAgent {
    const key = `${url.origin} ${address.address}`;
    let agent = this.agents.get(key);
    if (!agent) {
      const options = { keepAlive: true, maxFreeSockets: IDLE_CONNECTIONS, timeout: IDLE_MS };
      agent = url.protocol === 'https:' ? new HttpsAgent(options) : new HttpAgent(options);
      this.agents.set(key, agent);
    }
    return agent;
  }

  close(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }
}
