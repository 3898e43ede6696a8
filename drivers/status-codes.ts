// The vocabulary of device status, apart from its texts (./messages.ts) and the drivers' use of it (./status.ts).

export type StatusLevel = 'ok' | 'warning' | 'error';

export type StatusCode =
	| 'OK'
	| 'CONNECTING'
	| 'OFFLINE'
	| 'NOT_RESPONDING'
	| 'PAPER_OUT'
	| 'PAPER_NEAR_END'
	| 'COVER_OPEN'
	| 'CUTTER_ERROR'
	| 'PRINTER_ERROR'
	| 'DRAWER_OPEN'
	| 'TIMEOUT'
	| 'BUSY'
	| 'PROTOCOL_ERROR'
	| 'FONT_MISSING'
	| 'PRINT_FAILED'
	| 'SIMULATED';

export type DeviceKind = 'receipt-printer' | 'pos-terminal' | 'cash-drawer' | 'id-reader' | 'form-printer';
