export type { ActivityJson, ActivitySender, OutgoingActivity } from './types.ts';
export { DeliveryEnqueuer, DELIVERY_CHANNEL } from './enqueue.ts';
export { DeliveryWorker } from './worker.ts';
export { sweepDeliveries, tombstonesDoneDelivering } from './retention.ts';
export { inboxOf } from './inboxes.ts';
