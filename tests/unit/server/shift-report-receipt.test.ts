// The X/Z report on the 80 mm receipt printer, read back from the ESC/POS bytes the encoder makes.
import { describe, expect, it } from 'vitest';
import { decodeEscPos, receiptLines } from '../../../drivers/printer/escpos-decoder';
import { encodeReceipt } from '../../../drivers/printer/escpos-encoder';
import { PRINTER_MODELS } from '../../../drivers/printer/printer-models';
import type { ShiftReport } from '../../../src/lib/domain/shift-report';
import { shiftReportReceipt } from '../../../src/lib/server/receipts/shift-report-receipt';
import { SHORT_REASON, Z_REPORT } from './shift-report-fixtures';

/** The paper's lines, each with its runs of spaces made one. */
function paper(r: ShiftReport): string[] {
	const { bytes, replaced } = encodeReceipt(shiftReportReceipt(r), { profile: PRINTER_MODELS['generic-80mm'] });
	expect(replaced).toEqual([]);
	return receiptLines(decodeEscPos(bytes)).map((l) => l.replace(/\s+/g, ' ').trim());
}

describe('the shift report receipt', () => {
	it('a Z shows the short with its amount and the reason given for it', () => {
		const lines = paper(Z_REPORT);
		expect(lines[0]).toBe('Z报表（班结）');
		expect(lines).toContain('应有现金 ￥1,230.00');
		expect(lines).toContain('实点现金 ￥1,220.00');
		expect(lines).toContain('短款 ￥10.00');
		expect(lines).toContain(`原因：${SHORT_REASON}`);
		expect(lines).toContain('100元 × 12 ￥1,200.00');
	});

	it('an over is printed as 长款, and a count not made yet as 未清点', () => {
		const over = paper({ ...Z_REPORT, cash: { ...Z_REPORT.cash, countedFen: 123_050, varianceFen: 50, reason: '顾客未取零钱' } });
		expect(over).toContain('长款 ￥0.50');
		expect(over.join('\n')).not.toContain('短款');
		const x = paper({
			...Z_REPORT,
			kind: 'X',
			closedAt: null,
			cash: { expectedFen: 123_000, countedFen: null, count: null, varianceFen: null, reason: null },
			pos: null,
			signOff: null
		});
		expect(x[0]).toBe('X报表（班中读数）');
		expect(x).toContain('实点现金 未清点');
		expect(x).toContain('结班时间 未结班');
		expect(x).toContain('POS结算对账在Z报表（班结）时进行');
	});

	it('lists each POS difference by its reference number, with both sides and the difference', () => {
		const lines = paper(Z_REPORT);
		expect(lines).toContain('对账结果 不一致，差异2笔');
		expect(lines).toContain('参考号 103015000011 差额 100.00');
		expect(lines).toContain('POS 100.00 账面 无');
		expect(lines).toContain('参考号 110244000019 差额 -80.00');
		expect(lines).toContain('POS 0.00 账面 80.00');
	});

	it('says why a Z has no POS reconciliation when the POS did not answer', () => {
		const lines = paper({ ...Z_REPORT, pos: null, posNote: 'POS机未应答，请稍后补做对账' });
		expect(lines).toContain('POS机未应答，请稍后补做对账');
		expect(lines.join('\n')).not.toContain('参考号');
	});

	it('has a line per channel and per fee item with entries and net, the total, and the times in UTC+8', () => {
		const lines = paper(Z_REPORT);
		expect(lines).toContain('银行卡（POS） 5笔 ￥5,120.00');
		expect(lines).toContain('现金 4笔 ￥730.00');
		expect(lines).toContain('三方协议扣款 1笔 ￥2,460.00');
		expect(lines).toContain('银行缴款书（已开具） 2笔 ￥888.00');
		expect(lines).toContain('企业职工基本养老保险 3笔 ￥6,000.00');
		expect(lines).toContain('收款合计 ￥8,310.00');
		expect(lines).toContain('开班备用金 ￥500.00');
		expect(lines).toContain('100元×3，50元×4');
		expect(lines).toContain('开班时间 2026-12-03 08:30:00');
		expect(lines).toContain('结班时间 2026-12-03 17:05:00');
		expect(lines).toContain('值班长签核 王建军 2026-12-03 17:06:00');
	});
});
