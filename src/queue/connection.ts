/**
 * Redis connection settings for queued sweeps: a URL `redis://[user:password@]host:port[/db]` or `rediss://...` (TLS),
 * from an option or the SNN_QUEUE_URL environment variable. Credentials are never printed: use `redactUrl` in messages.
 */
import IORedis, { RedisOptions } from "ioredis";
import { MIN_REDIS_VERSION, redactUrl } from "./url";

export { MIN_REDIS_VERSION, QUEUE_URL_ENV, queueUrl, redactUrl } from "./url";

/** ioredis options from a redis:// or rediss:// URL (BullMQ needs maxRetriesPerRequest = null for workers). */
export function connectionOptions(url: string): RedisOptions {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new RangeError(`queue URL ${redactUrl(url)} is not a URL: use redis://[user:password@]host:port[/db] or rediss://... for TLS`);
  }
  if (u.protocol !== "redis:" && u.protocol !== "rediss:") {
    throw new RangeError(`queue URL must start with redis:// or rediss:// (TLS), got ${u.protocol}//`);
  }
  const db = u.pathname && u.pathname !== "/" ? Number(u.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw new RangeError(`queue URL: database must be a non-negative integer, got "${u.pathname.slice(1)}"`);
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db,
    tls: u.protocol === "rediss:" ? { servername: u.hostname } : undefined,
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
  };
}

/**
 * Check that the server answers and is recent enough; throws an error that says what is wrong (unreachable, refused
 * credentials, too old). Gives up after `timeoutMs`.
 */
export async function checkRedis(url: string, timeoutMs = 5000): Promise<string> {
  const options = connectionOptions(url);
  const client = new IORedis({ ...options, lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null, connectTimeout: timeoutMs });
  let lastError: Error | undefined;
  client.on("error", (e: Error) => (lastError = e));
  try {
    await client.connect().catch((e: Error) => {
      throw lastError ?? e;
    });
    const info = await client.info("server");
    const version = /redis_version:(\S+)/.exec(info)?.[1] ?? "0";
    if (!redisVersionSupported(version)) throw new Error(`Redis ${version} at ${redactUrl(url)} is too old: BullMQ needs ${MIN_REDIS_VERSION.join(".")} or newer`);
    return version;
  } catch (e) {
    const message = (lastError && /closed/i.test((e as Error).message) ? lastError : (e as Error)).message;
    if (/too old/.test(message)) throw e;
    if (/NOAUTH|WRONGPASS|invalid password|invalid username/i.test(message)) {
      throw new Error(`Redis at ${redactUrl(url)} refused the credentials (${message.split("\n")[0]}): check the password in the URL`);
    }
    throw new Error(`cannot reach Redis at ${redactUrl(url)}: ${message.split("\n")[0]}`);
  } finally {
    client.disconnect();
  }
}

/** Whether a Redis version string ("7.0.15") is at least MIN_REDIS_VERSION. */
export function redisVersionSupported(version: string): boolean {
  const parts = version.split(".").map(Number);
  for (let k = 0; k < MIN_REDIS_VERSION.length; k++) {
    const d = (parts[k] || 0) - MIN_REDIS_VERSION[k];
    if (d !== 0) return d > 0;
  }
  return true;
}
