// The counter machines and the contracts of their actors, for the server (src/lib/server) to
// provide real actors and persist snapshots. Pure: nothing here does I/O.
export * from './shared';
export * from './registration-link.machine';
export * from './declaration.machine';
export * from './payment.machine';
export * from './receipt-print.machine';
export * from './certificate.machine';
export * from './individual-certificate.machine';
export * from './refund-guidance.machine';
export * from './counter-session.machine';
export * from './individual-session.machine';
export * from './collector-batch.machine';
export * from './kiosk-session.machine';
