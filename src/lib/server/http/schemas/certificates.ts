import { z } from 'zod';
import { isoDate, pattern } from '../fields';

export const CERTIFICATE_FORM_TEXT = {
	certificateNo: '只能由字母、数字、空格和短横组成，如 JZ2026-000001',
	code: '应为16位数字和字母A–F（可含空格和短横），如 3F9A-0C1B-77D2-E410'
} as const;

/** 证明查验: the number and code as the clerk copies them off the paper (lower case, spaces and dashes taken). */
export const verifyCertificateForm = z.object({
	certificateNo: pattern('证明编号', /^[A-Za-z0-9 \-－—]{1,30}$/, CERTIFICATE_FORM_TEXT.certificateNo),
	code: pattern('验证码', /^[0-9A-Fa-f \-－—]{16,40}$/, CERTIFICATE_FORM_TEXT.code)
});

/** 模拟入库销号: the day the booking runs as of. */
export const demoBookingForm = z.object({ day: isoDate('入库销号日期') });
