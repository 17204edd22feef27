/**
 * The queue's URL (from an option or SNN_QUEUE_URL) and its redaction for messages: what the command line needs before
 * it knows whether a sweep uses the queue, without loading the Redis client (bullmq and ioredis are optional peers).
 */

export const QUEUE_URL_ENV = "SNN_QUEUE_URL";
/** BullMQ needs Redis 5.0 or newer (streams); we check before using a server. */
export const MIN_REDIS_VERSION = [5, 0, 0];

/** The URL from an option, else from SNN_QUEUE_URL; undefined when neither is set. */
export function queueUrl(option: string | undefined): string | undefined {
  return option ?? (process.env[QUEUE_URL_ENV] || undefined);
}

/** The URL with user name and password replaced by "***". */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.username || u.password) {
      u.username = u.username ? "***" : "";
      u.password = u.password ? "***" : "";
    }
    return u.toString();
  } catch {
    return "<invalid URL>";
  }
}
