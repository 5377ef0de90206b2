/** One attempt of a delivery, as the deliveries log shows it. */
export interface WebhookAttemptView {
  attempt: number;
  /** Billing time, like the schedule of retries. */
  attempted_at: string;
  /** Null when no answer came (timeout, network error, a URL refused at delivery). */
  response_status: number | null;
  latency_ms: number;
  /** The first 1 KiB of the answer's body. */
  response_body: string | null;
  /** Why no answer came. */
  error: string | null;
}

export interface WebhookDeliveryView {
  id: string;
  object: 'webhook_delivery';
  endpoint_id: string;
  /** The event's id: the `webhook-id` of every attempt. */
  event_id: string;
  event_type: string;
  status: 'pending' | 'succeeded' | 'failed';
  /** Billing time of the next attempt; null once succeeded or failed. */
  next_attempt_at: string | null;
  attempts: WebhookAttemptView[];
  created_at: string;
}
