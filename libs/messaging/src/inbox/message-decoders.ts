import type { KafkaMessage } from 'kafkajs';
import { validateCloudEvent, validateUsageRecord, type CloudEvent, type UsageRecordV1 } from '@valley/contracts';

/** A decoded record and the id the inbox deduplicates it by, or why it is invalid. */
export type Decoded<T> = { ok: true; id: string; value: T } | { ok: false; reason: string };

export type MessageDecoder<T> = (message: KafkaMessage) => Decoded<T>;

function parseJson(message: KafkaMessage): { ok: true; value: unknown } | { ok: false; reason: string } {
  if (!message.value || message.value.length === 0) return { ok: false, reason: 'empty record value' };
  try {
    return { ok: true, value: JSON.parse(message.value.toString('utf8')) };
  } catch (err) {
    return { ok: false, reason: `malformed JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** CloudEvents: envelope and data checked against the contract; deduplicated by event id. */
export const cloudEventDecoder: MessageDecoder<CloudEvent> = (message) => {
  const json = parseJson(message);
  if (!json.ok) return json;
  const result = validateCloudEvent(json.value);
  return result.ok ? { ok: true, id: result.value.id, value: result.value } : { ok: false, reason: result.reason };
};

/** Carrier usage records: deduplicated by (carrierId, recordId) across all time. */
export const usageRecordDecoder: MessageDecoder<UsageRecordV1> = (message) => {
  const json = parseJson(message);
  if (!json.ok) return json;
  const result = validateUsageRecord(json.value);
  if (!result.ok) return { ok: false, reason: result.reason };
  return { ok: true, id: `${result.value.carrierId}:${result.value.recordId}`, value: result.value };
};
