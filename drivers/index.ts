// The hardware layer's public surface. Only src/lib/server imports it; nothing here imports src/.
export * from './status';
export { DEVICE_LABEL, STATUS_TEXT } from './messages';
export * from './config';
export * from './device-hub';
export * from './create-devices';

export * from './transport/byte-link';
export { SerialLink, type SerialLinkOptions, type RetryOptions, type SerialBinding } from './transport/serial-link';

export type * from './printer/receipt-printer';
export { PRINTER_MODELS, type PrinterModelId, type PrinterProfile } from './printer/printer-models';
export { toPrintable, displayWidth, type CharReplacement, type PrintableText } from './printer/gbk-text';
export { encodeReceipt, type EncodeOptions, type EncodedReceipt } from './printer/escpos-encoder';
export { decodeStatus, statusFromFlags, type DrawerOpenSignal } from './printer/escpos-status';
export { decodeEscPos, receiptLines, renderReceiptText, type DecodedItem, type DecodedReceipt, type DecodedSpan } from './printer/escpos-decoder';
export {
	EscPosReceiptPrinter,
	createSerialReceiptPrinter,
	type EscPosPrinterOptions,
	type SerialReceiptPrinterOptions
} from './printer/serial-receipt-printer';
export { EscPosPrinterSimulator, type PaperState, type Printout } from './printer/printer-simulator';
export { createVirtualReceiptPrinter, type VirtualReceiptPrinter } from './printer/virtual-receipt-printer';

export type * from './pos-terminal/pos-terminal';
export { FramedPosTerminal, createSerialPosTerminal, type PosTerminalOptions, type SerialPosTerminalOptions } from './pos-terminal/serial-pos-terminal';
export { PosSimulator, type PosBehaviour, type PosSimulatorOptions } from './pos-terminal/pos-simulator';
export { encodePosFrame, PosFrameDecoder, type PosFrame, type PosFields } from './pos-terminal/pos-frame';

export * from './cash-drawer/cash-drawer';
export * from './id-reader/id-card-reader';

export type * from './form-printer/form-printer';
export { loadCjkFont, DEFAULT_FONT_PATH, DEFAULT_FONT_NAME, type CjkFont } from './form-printer/cjk-font';
export { renderPaymentForm } from './form-printer/payment-form-pdf';
export { renderTaxCertificate } from './form-printer/certificate-pdf';
export { renderIndividualCertificate } from './form-printer/individual-certificate-pdf';
export { PdfFormPrinter, renderForm, type PdfFormPrinterOptions } from './form-printer/pdf-form-printer';
