import type { SnapshotFrom } from 'xstate';
import { firstIssuableDay, INDIVIDUAL_CERTIFICATE_TEXTS, type individualCertificateMachine } from '../../../../state-machines';
import type { IndividualCertificateScreen } from '../../views/individual-certificate-view';
import { coverage } from '../forms/individual-payment-proof';
import { stateName } from './session-view';

export const INDIVIDUAL_CERTIFICATE_SCREEN_TEXT = {
	noDay: '尚未入库销号，入库销号后可开具'
} as const;

/** The screen of the child `individualCertificate` (缴费证明 / 缴费记录) from its snapshot. */
export function individualCertificateScreen(snapshot: SnapshotFrom<typeof individualCertificateMachine>): IndividualCertificateScreen {
	const c = snapshot.context;
	const booked = c.payments.filter((p) => p.bookedOn !== null);
	const nothingBooked = c.payments.length > 0 && booked.length === 0;
	return {
		id: 'individualCertificate',
		step: stateName(snapshot.value),
		today: c.today,
		from: c.from,
		to: c.to,
		payments: c.payments.map((p) => ({
			voucherNo: p.voucherNo,
			channel: p.channel,
			paidOn: p.paidOn,
			bookedOn: p.bookedOn,
			amountFen: p.amountFen,
			items: p.items.map((it) => ({ name: it.name, coverage: coverage(it.periodFrom, it.periodTo), amountFen: it.amountFen })),
			selectable: p.bookedOn !== null,
			availability:
				p.bookedOn !== null ? null : p.bookingDueOn ? INDIVIDUAL_CERTIFICATE_TEXTS.availableFrom(p.bookingDueOn) : INDIVIDUAL_CERTIFICATE_SCREEN_TEXT.noDay
		})),
		selected: c.selected,
		selectedFen: booked.filter((p) => c.selected.includes(p.voucherNo)).reduce((s, p) => s + p.amountFen, 0),
		notYet: nothingBooked ? INDIVIDUAL_CERTIFICATE_TEXTS.noneBooked(firstIssuableDay(c.payments)) : null,
		printing: c.printing,
		issued: c.issued.map((i) => ({
			kind: i.kind,
			title: INDIVIDUAL_CERTIFICATE_TEXTS.title[i.kind],
			certificateNo: i.certificateNo,
			verificationCode: i.verificationCode,
			reprints: i.reprints
		})),
		canCancel: c.issued.length === 0,
		refundNotice: INDIVIDUAL_CERTIFICATE_TEXTS.refundNotice
	};
}
